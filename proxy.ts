import { type NextRequest, NextResponse } from "next/server";
import { filesOrigin } from "@/lib/config/files-origin";
import { ApiError } from "@/lib/errors/api-error";
import { isWellFormedPath } from "@/lib/http/well-formed-path";
import { requestIdOf } from "@/lib/observability/request-id";
import { contentSecurityPolicy, createNonce } from "@/lib/security/headers";

/**
 * Before routing: a path that cannot name anything is refused (Next.js would
 * answer it with a bare 500), and every page gets a fresh nonce and
 * Content-Security-Policy. The policy goes on the request too: Next.js reads
 * its nonce from there and puts it on the scripts it renders.
 */
export function proxy(request: NextRequest) {
  if (!isWellFormedPath(request.nextUrl.pathname)) {
    const refusal = new ApiError(400, "invalid_path");
    return Response.json(refusal.toBody(requestIdOf(request.headers)), { status: refusal.status });
  }
  // Route handlers answer JSON and streams, and router prefetches render no document to protect.
  const isPage = !request.nextUrl.pathname.startsWith("/api/");
  const isPrefetch = request.headers.has("next-router-prefetch") || request.headers.get("purpose") === "prefetch";
  if (!isPage || isPrefetch) return NextResponse.next();
  const policy = contentSecurityPolicy(createNonce(), {
    development: process.env.NODE_ENV === "development",
    filesOrigin: filesOrigin(process.env.FILES_ORIGIN),
  });
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Static files are the same for everyone and never hold a dynamic segment.
  // Uploads skip the proxy: Next.js would buffer (and cut at 10 MB) the body
  // of every request it sees, and a file may be 20 MB.
  matcher: ["/((?!_next/static/|_next/image|favicon.ico|api/attachments/[0-9a-f-]+/content).*)"],
};
