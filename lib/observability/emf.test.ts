import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { captureLog } from "@/test-support/capture-log";

// As on AWS Lambda, where the lines carry CloudWatch metrics; read when the modules load.
vi.hoisted(() => {
  process.env.AWS_LAMBDA_FUNCTION_NAME = "parley-server";
  process.env.METRICS_NAMESPACE = "Parley/test";
});

const { watchTurn } = await import("./turn");
const { logRequest } = await import("./http-requests");

/**
 * The Embedded Metric Format as its specification states it
 * (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * the root holds `_aws` with an integer Timestamp in epoch milliseconds and
 * CloudWatchMetrics, an array of MetricDirective objects; objects the
 * specification defines hold no other members.
 */
const UNITS = [
  "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits",
  "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second",
  "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second",
  "Terabits/Second", "Count/Second", "None",
] as const;
const metricDefinition = z.strictObject({
  Name: z.string().min(1).max(1024),
  Unit: z.enum(UNITS).optional(),
  StorageResolution: z.union([z.literal(1), z.literal(60)]).optional(),
});
const metricDirective = z.strictObject({
  Namespace: z.string().min(1).max(1024),
  // A DimensionSet names at most 30 dimensions; an empty one publishes the metric without dimensions.
  Dimensions: z.array(z.array(z.string().min(1).max(250)).max(30)),
  Metrics: z.array(metricDefinition).max(100),
});
const metadata = z.strictObject({
  Timestamp: z.number().int().nonnegative(),
  CloudWatchMetrics: z.array(metricDirective),
  LogGroupName: z.string().optional(),
});

/** Problems with a line as an EMF document; none means CloudWatch extracts its metrics. */
function emfProblems(line: Record<string, unknown>): string[] {
  const parsed = metadata.safeParse(line._aws);
  if (!parsed.success) return parsed.error.issues.map((i) => `_aws.${i.path.join(".")}: ${i.message}`);
  const problems: string[] = [];
  for (const directive of parsed.data.CloudWatchMetrics) {
    // Target members: every dimension a string on the root, every metric a number (or up to 100 of them).
    for (const name of directive.Dimensions.flat()) {
      const value = line[name];
      if (typeof value !== "string" || value.length < 1 || value.length > 1024) problems.push(`dimension ${name} is ${JSON.stringify(value)}`);
    }
    for (const { Name } of directive.Metrics) {
      const value = line[Name];
      const numbers = Array.isArray(value) ? value : [value];
      if (numbers.length > 100 || !numbers.every((n) => typeof n === "number" && Number.isFinite(n))) problems.push(`metric ${Name} is ${JSON.stringify(value)}`);
    }
  }
  return problems;
}

/** Each metric published, as "namespace name [dimensions]" for one dimension set. */
function published(line: Record<string, unknown>): string[] {
  const { CloudWatchMetrics } = metadata.parse(line._aws);
  return CloudWatchMetrics.flatMap((d) => d.Dimensions.flatMap((set) => d.Metrics.map((m) => `${d.Namespace} ${m.Name} [${set.join(",")}]`)));
}

describe("log lines on Lambda carry CloudWatch metrics in the Embedded Metric Format", () => {
  const log = captureLog();
  beforeEach(() => log.clear());
  afterAll(() => {
    log.restore();
    delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    delete process.env.METRICS_NAMESPACE;
  });
  const facts = { requestId: "req-1", userId: "user-1", conversationId: "conv-1", model: "gpt-4o-mini" };

  it("a complete turn: counted by outcome, with its timing and tokens", () => {
    const turn = watchTurn(facts);
    turn.firstToken();
    turn.end({ status: "complete", failure: null, usage: { promptTokens: 12, completionTokens: 30 } });
    const [line] = log.records();
    expect(emfProblems(line)).toEqual([]);
    expect(line).toMatchObject({ outcome: "complete", promptTokens: 12, completionTokens: 30, reasoningTokens: 0, turns: 1, turnErrors: 0 });
    expect(Math.abs((line._aws as { Timestamp: number }).Timestamp - Date.now())).toBeLessThan(60_000);
    expect(published(line)).toEqual(
      expect.arrayContaining([
        "Parley/test turns []",
        "Parley/test turnErrors []",
        "Parley/test turns [outcome]",
        "Parley/test ttftMs []",
        "Parley/test durationMs []",
        "Parley/test promptTokens []",
        "Parley/test completionTokens []",
        "Parley/test reasoningTokens []",
      ]),
    );
    // Without a failure there is no kind to count it under.
    expect(published(line).some((m) => m.includes("errorKind"))).toBe(false);
  });

  it("a failed turn before any token: counted by its kind, with no time to first token", () => {
    const turn = watchTurn(facts);
    turn.end({ status: "error", failure: { kind: "rate_limit", code: "rate_limit", vars: null, message: "Rate limited." }, usage: null });
    const [line] = log.records();
    expect(emfProblems(line)).toEqual([]);
    expect(line).toMatchObject({ outcome: "error", errorKind: "rate_limit", ttftMs: null, turnErrors: 1 });
    expect(published(line)).toContain("Parley/test turnErrors [errorKind]");
    expect(published(line).some((m) => m.includes("ttftMs"))).toBe(false);
  });

  it("a request: counted, with server errors apart", () => {
    logRequest({ requestId: "req-2", method: "POST", pathname: "/api/chat", status: 503, durationMs: 8 });
    const [line] = log.records();
    expect(emfProblems(line)).toEqual([]);
    expect(line).toMatchObject({ event: "request", requests: 1, serverErrors: 1, status: 503 });
    expect(published(line)).toEqual(["Parley/test requests []", "Parley/test serverErrors []"]);
  });

  it("the validator itself refuses what CloudWatch would reject", () => {
    expect(emfProblems({ _aws: { Timestamp: 1, CloudWatchMetrics: [{ Namespace: "N", Dimensions: [["kind"]], Metrics: [{ Name: "n" }] }] }, n: "1" })).toHaveLength(2);
    expect(emfProblems({ _aws: { Timestamp: 1.5, CloudWatchMetrics: [] } })).not.toEqual([]);
    expect(emfProblems({ _aws: { Timestamp: 1, CloudWatchMetrics: [{ Namespace: "N", Dimensions: [], Metrics: [{ Name: "n", Unit: "Furlongs" }] }] }, n: 1 })).not.toEqual([]);
  });
});
