import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./e2e/support/env";

// Debian's Chromium; Playwright's own browser downloads are not used.
const chromium =
  process.env.CHROMIUM_PATH ?? ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].find((p) => existsSync(p));
if (!chromium) {
  throw new Error("Chromium not found. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.");
}

const serverEnv = (dataDir: string, extra: Record<string, string>) => ({
  NEXT_TELEMETRY_DISABLED: "1",
  DATA_DIR: dataDir,
  DATABASE_URL: "",
  AUTH_SECRET: "",
  OPENAI_API_KEY: "",
  OPENAI_BASE_URL: "",
  AZURE_OPENAI_ENDPOINT: "",
  SETUP_CODE: "",
  ...extra,
});

export default defineConfig({
  testDir: "./e2e",
  testMatch: /.*\.(spec|setup)\.ts$/,
  outputDir: ".e2e/results",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    {
      name: "first-run",
      testMatch: /first-run\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], baseURL: E2E.freshUrl },
    },
    {
      name: "sign-in",
      testMatch: /sign-in\.setup\.ts/,
      use: { baseURL: E2E.appUrl },
    },
    {
      name: "app",
      testIgnore: [/first-run\.spec\.ts/, /sign-in\.setup\.ts/],
      dependencies: ["sign-in"],
      use: { ...devices["Desktop Chrome"], baseURL: E2E.appUrl },
    },
  ],
  webServer: [
    {
      command: "node_modules/.bin/tsx test-support/fake-openai/main.ts",
      url: `${E2E.fakeOrigin}/__fake/health`,
      env: { FAKE_OPENAI_PORT: String(E2E.fakePort), FAKE_OPENAI_MODELS: "gpt-4o-mini,gpt-4o,fake-small,fake-large,text-embedding-3-small" },
      reuseExistingServer: false,
      stdout: "ignore",
    },
    {
      // No users and no provider: the first-run path.
      command: `rm -rf ${E2E.freshDir} && exec node_modules/.bin/next start -H 127.0.0.1 -p ${E2E.freshPort}`,
      url: `${E2E.freshUrl}/api/health`,
      env: serverEnv(E2E.freshDir, { SETUP_CODE: E2E.setupCode }),
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // Accounts created from the command line, provider faked.
      command: `bash e2e/support/start-seeded.sh ${E2E.appPort}`,
      url: `${E2E.appUrl}/api/health`,
      env: serverEnv(E2E.appDir, {
        OPENAI_API_KEY: "sk-test",
        OPENAI_BASE_URL: `${E2E.fakeOrigin}/v1`,
        PROVIDER_TIMEOUT_MS: "5000",
        // Short, so a test can see a keep-alive within the provider timeout.
        STREAM_KEEPALIVE_MS: "1000",
        // Narrows what the fake lists: no embedding model in the Model menu.
        ALLOWED_MODELS: "gpt-4o,fake-small,fake-large,not-listed-model",
        // No spec sends to fake-small otherwise: described as a gpt-5 reasoning model for e2e/reasoning.spec.ts.
        MODEL_CAPABILITIES: JSON.stringify({ "fake-small": "gpt-5" }),
      }),
      reuseExistingServer: false,
      timeout: 90_000,
    },
  ],
});
