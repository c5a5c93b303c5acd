import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { observabilityConfig } from "@/lib/config/observability";
import { isShuttingDown } from "@/lib/chat/shutting-down";
import { getLogger } from "@/lib/log";
import { withEmf, type EmfGroup } from "./emf";
import { getMetrics } from "./metrics";
import { newRequestId, REQUEST_ID_HEADER } from "./request-id";
import { routeOf } from "./routes";

/**
 * One log line per request, with the status it was finally answered with.
 * Route handlers end before a streamed body does, and pages never see their
 * status, so the line is written where every response ends: Node's HTTP
 * server, through its diagnostics channels (`next start`, `next dev`), or
 * the Lambda wrapper on AWS (lambda-wrapper.ts). Either stamps the request's
 * id on the request before Next sees it and on the response.
 */

export interface AnsweredRequest {
  requestId: string;
  method: string;
  /** The path as requested, without its query (which can carry anything). */
  pathname: string;
  status: number;
  durationMs: number;
}

/** What CloudWatch publishes from a request's line: serverErrors is 1 or 0, so its average is the 5xx rate. */
export const REQUEST_METRICS: EmfGroup[] = [{ dimensions: [[]], metrics: [{ name: "requests", unit: "Count" }, { name: "serverErrors", unit: "Count" }] }];

export function logRequest({ requestId, method, pathname, status, durationMs }: AnsweredRequest): void {
  const route = routeOf(pathname);
  getMetrics().httpRequests.inc({ route, status: String(status) });
  const fields = { event: "request", requestId, method, route, status, durationMs };
  const { onLambda, metricsNamespace } = observabilityConfig();
  const line = onLambda ? withEmf({ ...fields, requests: 1, serverErrors: status >= 500 ? 1 : 0 }, metricsNamespace, REQUEST_METRICS) : fields;
  getLogger().info(line, "request");
}

const SUBSCRIBED = Symbol.for("parley.http-requests.subscribed");
type WithFlag = typeof globalThis & { [SUBSCRIBED]?: boolean };

/** Subscribes once per process (the instrumentation hook may run in more than one bundle). */
export function logHttpRequests(): void {
  const global = globalThis as WithFlag;
  if (global[SUBSCRIBED]) return;
  // Made now, so a bad LOG_LEVEL or METRICS_TOKEN stops the start, not a request.
  getLogger();
  global[SUBSCRIBED] = true;
  // Lambda runs no HTTP server of Parley's: its wrapper logs the requests.
  if (observabilityConfig().onLambda) return;
  subscribe("http.server.request.start", (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const started = performance.now();
    const requestId = newRequestId();
    // Replaces whatever the client sent: the id must be this server's own.
    request.headers[REQUEST_ID_HEADER] = requestId;
    response.setHeader("X-Request-Id", requestId);
    // Shutting down, Node's server exits once no connection is left open: a
    // page's periodic requests (the session check) must not keep theirs alive.
    if (isShuttingDown()) response.shouldKeepAlive = false;
    // Read now: Next.js may rewrite request.url while it routes.
    const method = request.method ?? "GET";
    const pathname = (request.url ?? "/").split("?")[0];
    // "close" comes after the last byte, or when the client left before it.
    response.once("close", () => {
      logRequest({ requestId, method, pathname, status: response.statusCode, durationMs: Math.round(performance.now() - started) });
    });
  });
}
