import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, createNonce } from "@/lib/security/headers";

/**
 * A fresh nonce and Content-Security-Policy for every page. The policy goes
 * on the request too: Next.js reads its nonce from there and puts it on the
 * scripts it renders.
 */
export function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy(createNonce(), { development: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: route handlers answer JSON and streams, and static files
      // are the same for everyone.
      source: "/((?!api/|_next/static/|_next/image|favicon.ico).*)",
      missing: [
        // Router prefetches render no document to protect.
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
