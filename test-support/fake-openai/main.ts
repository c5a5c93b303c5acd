/**
 * Standalone fake OpenAI server for Playwright (the Next server under test and the
 * Playwright workers are separate processes, so they share it over HTTP).
 *
 *   FAKE_OPENAI_PORT=4310 npx tsx test-support/fake-openai/main.ts
 */
import { startFakeOpenAI } from "./index";

const port = Number(process.env.FAKE_OPENAI_PORT ?? 4310);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`fake-openai: invalid FAKE_OPENAI_PORT ${JSON.stringify(process.env.FAKE_OPENAI_PORT)}`);
  process.exit(1);
}

// FAKE_OPENAI_MODELS="a,b": what GET /v1/models lists.
const models = process.env.FAKE_OPENAI_MODELS?.split(",").map((m) => m.trim()).filter(Boolean);
const fake = await startFakeOpenAI({ port, models: models?.length ? models : undefined });
// Playwright's webServer and humans both look for this exact line.
console.log(`fake-openai listening on ${fake.url}`);

let stopping = false;
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  try {
    await fake.close();
  } catch (e) {
    console.error(`fake-openai: error while closing after ${signal}:`, e);
    process.exit(1);
  }
  process.exit(0);
}
process.on("SIGTERM", (s) => void stop(s));
process.on("SIGINT", (s) => void stop(s));
