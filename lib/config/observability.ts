import { z } from "zod";

/**
 * The settings of logs and metrics. Read apart from the rest of the
 * configuration: the logger starts before the store, the provider or the
 * session secret are needed, and must not fail because of them.
 */

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ObservabilityConfig {
  /** LOG_LEVEL (default info). */
  logLevel: LogLevel;
  /** METRICS_TOKEN: a Bearer token that may read /api/metrics besides admins; undefined = admins only. */
  metricsToken: string | undefined;
  /** Running on AWS Lambda: numbers also go out as CloudWatch metrics (EMF) in the log lines. */
  onLambda: boolean;
  /** METRICS_NAMESPACE: the CloudWatch namespace of those metrics (default Parley; the AWS deployment names its stage). */
  metricsNamespace: string;
}

const schema = z.object({
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((value) => value?.trim().toLowerCase() || undefined)
    .pipe(z.enum(LOG_LEVELS, `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`).optional()),
  METRICS_TOKEN: z
    .string()
    .optional()
    .transform((value) => value?.trim() || undefined)
    .pipe(z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional()),
  METRICS_NAMESPACE: z
    .string()
    .optional()
    .transform((value) => value?.trim() || undefined)
    .pipe(z.string().regex(/^[A-Za-z0-9./#:_-]{1,255}$/, "METRICS_NAMESPACE must be a CloudWatch namespace (letters, digits and . / # : _ -)").optional()),
  AWS_LAMBDA_FUNCTION_NAME: z.string().optional(),
});

export function readObservabilityConfig(env: Record<string, string | undefined> = process.env): ObservabilityConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  return {
    logLevel: parsed.data.LOG_LEVEL ?? "info",
    metricsToken: parsed.data.METRICS_TOKEN,
    onLambda: Boolean(parsed.data.AWS_LAMBDA_FUNCTION_NAME),
    metricsNamespace: parsed.data.METRICS_NAMESPACE ?? "Parley",
  };
}

let cached: ObservabilityConfig | undefined;

/** The settings of this process, read once. */
export function observabilityConfig(): ObservabilityConfig {
  return (cached ??= readObservabilityConfig());
}
