import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // Tests run server code outside Next's server bundle, where the marker must be inert.
      "server-only": fileURLToPath(new URL("node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "test-support/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    server: {
      deps: {
        // next-auth imports "next/server" without an extension, which Node's
        // ESM loader cannot resolve (next has no exports map); Vite can.
        inline: ["next-auth"],
      },
    },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // PGlite instances are memory-hungry; two workers fit the 2-core machines.
    maxWorkers: 2,
  },
});
