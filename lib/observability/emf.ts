/**
 * CloudWatch's Embedded Metric Format: a log line that carries an `_aws`
 * member tells CloudWatch Logs to turn some of its fields into metrics, so
 * on AWS the numbers cost no API call and no time per request. The metrics
 * are the line's own fields, named as they are there; the dimensions too.
 * Specification: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */

export type EmfUnit = "Milliseconds" | "Count" | "None";

export interface EmfGroup {
  /** Sets of dimension names (fields of the line with string values); `[]` is the metric without dimensions. */
  dimensions: string[][];
  /** Names of fields of the line with numeric values. */
  metrics: Array<{ name: string; unit: EmfUnit }>;
}

export type LogFields = Record<string, unknown>;

/**
 * `fields` with the `_aws` member that publishes `groups` in `namespace`.
 * A metric whose field is not a number on this line, and a dimension set
 * naming a field that is not a string, are left out: CloudWatch would
 * reject the whole line's metrics for either.
 */
export function withEmf(fields: LogFields, namespace: string, groups: EmfGroup[], now = Date.now()): LogFields {
  const directives = groups
    .map((group) => ({
      Namespace: namespace,
      Dimensions: group.dimensions.filter((set) => set.every((name) => typeof fields[name] === "string" && fields[name] !== "")),
      Metrics: group.metrics.filter(({ name }) => Number.isFinite(fields[name])).map(({ name, unit }) => ({ Name: name, Unit: unit })),
    }))
    .filter((directive) => directive.Dimensions.length > 0 && directive.Metrics.length > 0);
  if (directives.length === 0) return fields;
  return { ...fields, _aws: { Timestamp: now, CloudWatchMetrics: directives } };
}
