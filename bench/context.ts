/**
 * What context-window fitting costs: loading the tokenizer (time, memory),
 * counting, and fitting long histories into small and large windows.
 *
 *   npx tsx bench/context.ts
 */
import { performance } from "node:perf_hooks";
import { buildPrompt } from "@/lib/llm/context";
import { loadTokenCounter } from "@/lib/llm/tokens";
import type { Message } from "@/lib/store/types";

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const ms = (value: number) => value.toFixed(1);

const heapBefore = process.memoryUsage().heapUsed;
let started = performance.now();
const count = await loadTokenCounter();
console.log(`tokenizer load: ${ms(performance.now() - started)} ms, heap +${mb(process.memoryUsage().heapUsed - heapBefore)} MB`);

const sentence = "Parley keeps the newest messages and as much earlier history as fits. ";
for (const chars of [1_000, 100_000, 1_000_000]) {
  const text = sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars);
  started = performance.now();
  const tokens = count(text);
  console.log(`count ${chars.toLocaleString("en")} chars of prose: ${tokens.toLocaleString("en")} tokens in ${ms(performance.now() - started)} ms`);
}
started = performance.now();
count("x".repeat(200_000));
console.log(`count 200,000 chars without a space: ${ms(performance.now() - started)} ms`);

const history: Message[] = Array.from({ length: 3_000 }, (_, i) => ({
  id: String(i),
  conversationId: "c",
  role: i % 2 === 0 ? "user" : "assistant",
  content: sentence.repeat([1, 4, 20, 2][i % 4]),
  status: "complete",
  errorKind: null,
  model: null,
  usage: null,
  turnId: null,
  leaseUntil: null,
  attachments: [],
  createdAt: new Date(),
}));
for (const model of ["llama3", "gpt-4o", "gpt-4.1"]) {
  started = performance.now();
  const prompt = await buildPrompt({ model, systemPrompt: "Be brief.", history, maxTokens: null });
  console.log(
    `fit 3,000 messages for ${model} (window ${prompt.window.toLocaleString("en")}): ` +
      `${prompt.messages.length} sent, ${prompt.omitted} left out, ${prompt.tokens.toLocaleString("en")} tokens, ${ms(performance.now() - started)} ms`,
  );
}
