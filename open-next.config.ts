import type { OpenNextConfig } from "@opennextjs/aws/types/open-next";

/**
 * OpenNext build settings for the AWS deployment (sst.config.ts).
 *
 * The streaming wrapper makes the server function answer through Lambda
 * response streaming, so chat replies reach the browser as they are
 * generated; the default wrapper would buffer the whole reply. Parley's
 * version of it (lib/observability/lambda-wrapper.ts) adds the invocation's
 * request id and one log line per request.
 *
 * PARLEY_OPENNEXT_OFFLINE=1 builds for the Lambda smoke test and benchmark,
 * which run the function in plain Node: the ISR cache, tag cache and
 * revalidation queue then do nothing instead of calling S3, DynamoDB and SQS.
 * Parley's pages are all dynamic, so nothing else changes. A real deploy
 * never sets it and keeps OpenNext's AWS defaults.
 */
const offline = process.env.PARLEY_OPENNEXT_OFFLINE === "1";

const config = {
  default: {
    override: {
      wrapper: () => import("./lib/observability/lambda-wrapper").then((m) => m.default),
      ...(offline && {
        incrementalCache: "dummy",
        tagCache: "dummy",
        queue: "dummy",
      }),
    },
  },
} satisfies OpenNextConfig;

export default config;
