import { randomUUID } from "node:crypto";

/**
 * Every request's id, for a person to quote and an operator to find its log
 * line. The server writes it into the request's headers before anything
 * else sees the request (lib/observability/http-requests.ts under
 * `next start`, the Lambda wrapper on AWS), replacing whatever the client
 * sent, and returns it in the X-Request-Id response header.
 */
export const REQUEST_ID_HEADER = "x-request-id";

/** The request's id as the server stamped it; a fresh one where nothing stamped it (a test calling a handler directly). */
export function requestIdOf(headers: Headers): string {
  return headers.get(REQUEST_ID_HEADER) ?? randomUUID();
}

export function newRequestId(): string {
  return randomUUID();
}
