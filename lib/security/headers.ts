/**
 * The security headers every response carries and the Content-Security-Policy
 * of each page. next.config.ts sends the first, proxy.ts the second, so a
 * deployment behind CloudFront gets them from the app like any other.
 */

export interface Header {
  key: string;
  value: string;
}

/** Browser features Parley never uses; a script injected anyway cannot ask for them. */
const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "hid=()",
  "browsing-topics=()",
].join(", ");

export function securityHeaders({ production }: { production: boolean }): Header[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
    // Browsers ignore it over plain HTTP, so a server reached by http:// on a
    // private network is not locked out; behind TLS it stops downgrades.
    // Development is left out: it would pin localhost to HTTPS for a year.
    ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}

/**
 * The policy for one page view. Scripts run only with this request's nonce
 * (Next.js puts it on its own scripts when it finds the policy on the
 * request); 'strict-dynamic' lets those load the chunks they import.
 */
export function contentSecurityPolicy(
  nonce: string,
  { development, filesOrigin }: { development: boolean; filesOrigin?: string | null },
): string {
  // Attachments on S3: the browser uploads to and shows images from the bucket (presigned URLs).
  const files = filesOrigin ? [filesOrigin] : [];
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // React's development build evaluates code for its debugging tools.
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    // Style elements need the nonce, except in development, where hot
    // reloading injects them without one.
    "style-src": ["'self'", development ? "'unsafe-inline'" : `'nonce-${nonce}'`],
    // Style attributes cannot carry a nonce, and KaTeX positions every glyph
    // with them (heights, vertical offsets, struts); in server-rendered
    // history they arrive as HTML attributes, which this governs. An attribute
    // styles only its own element and cannot load anything (img-src and
    // font-src still apply), and replies never reach the page as raw HTML.
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", ...files],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...files],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** 128 random bits, base64: unguessable and fresh for every page view. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
