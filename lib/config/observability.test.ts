import { describe, expect, it } from "vitest";
import { readObservabilityConfig } from "./observability";

describe("the settings of logs and metrics", () => {
  it("default to info, admins only, and the Parley namespace off Lambda", () => {
    expect(readObservabilityConfig({})).toEqual({ logLevel: "info", metricsToken: undefined, onLambda: false, metricsNamespace: "Parley" });
  });

  it("read LOG_LEVEL in any case, METRICS_TOKEN, METRICS_NAMESPACE and Lambda's own variable", () => {
    const config = readObservabilityConfig({
      LOG_LEVEL: " Debug ",
      METRICS_TOKEN: "a-scraper-token-of-some-length",
      METRICS_NAMESPACE: "Parley/production",
      AWS_LAMBDA_FUNCTION_NAME: "parley-production-server",
    });
    expect(config).toEqual({ logLevel: "debug", metricsToken: "a-scraper-token-of-some-length", onLambda: true, metricsNamespace: "Parley/production" });
  });

  it("refuse an unknown level, a short token and a namespace CloudWatch would not take, naming the variable", () => {
    expect(() => readObservabilityConfig({ LOG_LEVEL: "verbose" })).toThrow(/LOG_LEVEL must be one of/);
    expect(() => readObservabilityConfig({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
    expect(() => readObservabilityConfig({ METRICS_NAMESPACE: "Parley prod!" })).toThrow(/METRICS_NAMESPACE/);
  });
});
