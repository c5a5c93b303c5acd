import { readFileSync } from "node:fs";
import path from "node:path";
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
 *
 * sharp (attachments' images) is left out of the server function by OpenNext,
 * which keeps it for its image optimizer only; it is installed for the
 * function's platform (x86_64 Linux, as sst.config.ts builds) instead.
 */
const offline = process.env.PARLEY_OPENNEXT_OFFLINE === "1";

// The version the app was built and tested with.
// OpenNext evaluates this file from a temporary copy, so the path starts at the project (the build's working directory).
const sharpVersion = (JSON.parse(readFileSync(path.join(process.cwd(), "node_modules/sharp/package.json"), "utf8")) as { version: string }).version;

const config = {
  default: {
    install: { packages: [`sharp@${sharpVersion}`], arch: "x64", os: "linux" },
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
