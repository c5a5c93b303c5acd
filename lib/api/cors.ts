/**
 * CORS for /api/v1, off unless API_ALLOWED_ORIGINS lists the page's origin
 * (or "*"). Credentials are never allowed: the API is authorised by the key
 * in the Authorization header only, so a browser's cookies never count.
 */

const EXPOSED = "X-Parley-Conversation, Retry-After";
const MAX_AGE_SECONDS = "600";

function allowedOrigin(request: Request, allowed: readonly string[]): string | null {
  const origin = request.headers.get("origin");
  if (!origin) return null;
  if (allowed.includes("*")) return "*";
  return allowed.includes(origin) ? origin : null;
}

/** Adds the CORS headers an allowed origin gets to a response. */
export function withCors(request: Request, response: Response, allowed: readonly string[]): Response {
  response.headers.append("vary", "Origin");
  const origin = allowedOrigin(request, allowed);
  if (!origin) return response;
  response.headers.set("access-control-allow-origin", origin);
  response.headers.set("access-control-expose-headers", EXPOSED);
  return response;
}

/** The answer to a preflight: the methods and the headers asked for, for an allowed origin; nothing otherwise. */
export function preflight(request: Request, allowed: readonly string[], methods: string): Response {
  const response = new Response(null, { status: 204 });
  const origin = allowedOrigin(request, allowed);
  response.headers.set("vary", "Origin, Access-Control-Request-Headers");
  if (!origin) return response;
  response.headers.set("access-control-allow-origin", origin);
  response.headers.set("access-control-allow-methods", `${methods}, OPTIONS`);
  // OpenAI's client libraries send headers of their own (x-stainless-…): whatever was asked for is fine, since no credentials ride along.
  const requested = request.headers.get("access-control-request-headers");
  response.headers.set("access-control-allow-headers", requested && /^[A-Za-z0-9_,\s-]{1,2000}$/.test(requested) ? requested : "authorization, content-type");
  response.headers.set("access-control-max-age", MAX_AGE_SECONDS);
  return response;
}
