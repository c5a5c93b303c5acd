/**
 * The CloudWatch dashboard and the error-rate alarm of an AWS deployment
 * (sst.config.ts), over the metrics the log lines publish (./emf.ts, the
 * turn's and the request's lines) and the server function's own.
 */

export interface DashboardTarget {
  /** METRICS_NAMESPACE of the deployment. */
  namespace: string;
  region: string;
  /** The server function's name. */
  functionName: string;
}

/** The alarm: more than this share of turns failed, over at least ALARM_MIN_TURNS turns in a period. */
export const ALARM_ERROR_PERCENT = 20;
export const ALARM_MIN_TURNS = 5;
export const ALARM_PERIOD_SECONDS = 300;

type Metric = (string | Record<string, unknown>)[];

function graph(title: string, metrics: Metric[], options: { x: number; y: number; stat?: string; period?: number; label?: string }) {
  return {
    type: "metric",
    x: options.x,
    y: options.y,
    width: 12,
    height: 6,
    properties: {
      title,
      region: "",
      view: "timeSeries",
      stacked: false,
      metrics,
      stat: options.stat ?? "Sum",
      period: options.period ?? 300,
      ...(options.label ? { yAxis: { left: { label: options.label, showUnits: false } } } : {}),
    },
  };
}

export function dashboardBody({ namespace, region, functionName }: DashboardTarget): string {
  const lambda = (name: string, stat: string): Metric => ["AWS/Lambda", name, "FunctionName", functionName, { stat, label: `${name} ${stat}` }];
  const widgets = [
    graph(
      "Time to first token (ms)",
      [
        [namespace, "ttftMs", { stat: "p50", label: "p50" }],
        [namespace, "ttftMs", { stat: "p95", label: "p95" }],
      ],
      { x: 0, y: 0, stat: "p50", label: "ms" },
    ),
    graph(
      "Turns by outcome",
      ["complete", "stopped", "error"].map((outcome) => [namespace, "turns", "outcome", outcome, { label: outcome }]),
      { x: 12, y: 0 },
    ),
    graph("Failed turns by kind", [[{ expression: `SEARCH('{${namespace},errorKind} MetricName="turnErrors"', 'Sum', 300)`, label: "" }]], {
      x: 0,
      y: 6,
    }),
    graph(
      "Tokens per hour",
      ["promptTokens", "completionTokens", "reasoningTokens"].map((name) => [namespace, name, { label: name.replace("Tokens", "") }]),
      { x: 12, y: 6, period: 3600 },
    ),
    graph(
      "Requests and server errors",
      [
        [namespace, "requests", { label: "requests" }],
        [namespace, "serverErrors", { label: "5xx" }],
      ],
      { x: 0, y: 12 },
    ),
    graph("Server function: duration (ms)", [lambda("Duration", "p50"), lambda("Duration", "p95"), lambda("Duration", "Maximum")], {
      x: 12,
      y: 12,
      stat: "p50",
      label: "ms",
    }),
    graph("Server function: errors and throttles", [lambda("Errors", "Sum"), lambda("Throttles", "Sum"), lambda("ConcurrentExecutions", "Maximum")], {
      x: 0,
      y: 18,
    }),
  ];
  for (const widget of widgets) widget.properties.region = region;
  return JSON.stringify({ widgets });
}
