/**
 * What Parley adds to a reply: time from the request to the first token and
 * to the stored reply, with the provider answering instantly (the fake
 * server), the embedded database in memory, and N turns in one conversation
 * so the history grows as it does in use.
 *
 *   npx tsx --conditions=react-server bench/chat-turn.ts [turns=200]
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { startFakeOpenAI } from "@/e2e/support/fake-openai";
import { runTurn, type TurnDeps } from "@/lib/chat/turn";
import { openSqlStore } from "@/lib/store/sql/open";

const turns = Number(process.argv[2] ?? 200);
const store = await openSqlStore({ memory: true });
const fake = await startFakeOpenAI();
const user = await store.createUser({ email: "bench@example.com", name: "Bench", passwordHash: "x", role: "user" });
const conversationId = randomUUID();
const deps: TurnDeps = {
  store,
  provider: { kind: "openai", apiKey: "x", baseURL: fake.url },
  idleTimeoutMs: 10_000,
  defaultModel: "gpt-4o-mini",
  isModelOffered: () => true,
};

const firstToken: number[] = [];
const stored: number[] = [];

for (let i = 0; i < turns; i++) {
  const started = performance.now();
  const stream = await runTurn(deps, {
    request: { trigger: "submit", turnId: randomUUID(), conversationId, text: `Message number ${i}: tell me something about the number ${i}.` },
    userId: user.id,
    acceptLanguage: null,
  });
  const reader = stream.getReader();
  let sawToken = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!sawToken && value.type === "text-delta") {
      sawToken = true;
      firstToken.push(performance.now() - started);
    }
  }
  stored.push(performance.now() - started);
}

const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const row = (name: string, values: number[]) =>
  console.log(`${name.padEnd(26)} p50 ${pct(values, 50).toFixed(1).padStart(6)} ms   p95 ${pct(values, 95).toFixed(1).padStart(6)} ms   max ${Math.max(...values).toFixed(1).padStart(6)} ms`);

console.log(`${turns} turns in one conversation (history grows to ${turns * 2} messages), PGlite in memory, instant fake provider`);
row("request → first token", firstToken);
row("request → reply stored", stored);
const { rss, heapUsed } = process.memoryUsage();
console.log(`memory at the end          rss ${(rss / 2 ** 20).toFixed(0)} MB, JS heap ${(heapUsed / 2 ** 20).toFixed(0)} MB`);

await fake.close();
await store.close();
