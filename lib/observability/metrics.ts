import { Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The numbers /api/metrics serves in Prometheus's text format. They live in
 * this process's memory, which is what scraping one server means; on AWS the
 * same numbers go out as CloudWatch metrics in the log lines (./emf.ts).
 */
function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    turns: new Counter({ name: "parley_turns_total", help: "Chat turns by how they ended.", labelNames: ["outcome"] as const, registers }),
    ttft: new Histogram({
      name: "parley_ttft_seconds",
      help: "Time from a turn's start to the first token of its reply.",
      buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60],
      registers,
    }),
    turnDuration: new Histogram({
      name: "parley_turn_duration_seconds",
      help: "Time from a turn's start until its reply ended.",
      buckets: [0.5, 1, 2, 5, 10, 20, 40, 80, 160, 300],
      registers,
    }),
    tokens: new Counter({ name: "parley_tokens_total", help: "Tokens the provider reported, by kind.", labelNames: ["kind"] as const, registers }),
    providerErrors: new Counter({
      name: "parley_provider_errors_total",
      help: "Replies that failed, by the kind of failure.",
      labelNames: ["kind"] as const,
      registers,
    }),
    httpRequests: new Counter({
      name: "parley_http_requests_total",
      help: "HTTP requests answered, by route pattern and status.",
      labelNames: ["route", "status"] as const,
      registers,
    }),
    activeReplies: new Gauge({ name: "parley_active_replies", help: "Replies being written now.", registers }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

// The instrumentation hook, the turn and the metrics route are bundled apart: one set for all.
const METRICS = Symbol.for("parley.metrics");
type WithMetrics = typeof globalThis & { [METRICS]?: Metrics };

export function getMetrics(): Metrics {
  const global = globalThis as WithMetrics;
  return (global[METRICS] ??= createMetrics());
}
