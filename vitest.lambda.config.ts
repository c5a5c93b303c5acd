import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config";

/**
 * The Lambda smoke test (e2e/lambda): separate from the unit and contract
 * tests because it needs the OpenNext build (npm run build:lambda) and loads
 * a whole Next.js server into its process.
 */
export default mergeConfig(
  { resolve: base.resolve },
  defineConfig({
    test: {
      include: ["e2e/lambda/**/*.test.ts"],
      environment: "node",
      // Forks, not threads: the server function owns process-wide state.
      pool: "forks",
      // The built function is loaded by Node itself, as Lambda loads it, not
      // transformed by Vite's module runner.
      server: { deps: { external: [/\/\.open-next\//] } },
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  }),
);
