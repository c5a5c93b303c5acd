/**
 * Lambda Function URL requests (the API Gateway v2 payload) as CloudFront
 * forwards them to the server function, and a cookie jar to carry a session
 * from one invocation to the next.
 */

import { VIEWER_ADDRESS_HEADER } from "@/lib/config/viewer-address";

export const HOST = "parley.example.com";

/** The viewer's address, as CloudFront's viewer-request function writes it (lib/config/viewer-address.ts). */
export const VIEWER = "203.0.113.7";

export interface HttpRequest {
  method: "GET" | "POST";
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  jar?: CookieJar;
}

export function functionUrlEvent(request: HttpRequest) {
  const rawQueryString = new URLSearchParams(request.query ?? {}).toString();
  const cookies = request.jar?.header();
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: request.path,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers: {
      host: HOST,
      "x-forwarded-host": HOST,
      "x-forwarded-proto": "https",
      "x-forwarded-for": VIEWER,
      [VIEWER_ADDRESS_HEADER]: VIEWER,
      "user-agent": "parley-lambda-smoke",
      ...request.headers,
    },
    requestContext: {
      accountId: "anonymous",
      apiId: "smoke",
      domainName: HOST,
      domainPrefix: "parley",
      http: {
        method: request.method,
        path: request.path,
        protocol: "HTTP/1.1",
        sourceIp: VIEWER,
        userAgent: "parley-lambda-smoke",
      },
      requestId: crypto.randomUUID(),
      routeKey: "$default",
      stage: "$default",
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(request.body !== undefined ? { body: request.body, isBase64Encoded: false } : {}),
  };
}

/** Keeps the cookies responses set, as a browser would for one site. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Takes Set-Cookie values (the prelude's `cookies`, or a set-cookie header). */
  store(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  names(): string[] {
    return [...this.cookies.keys()];
  }

  header(): string[] | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`);
  }
}
