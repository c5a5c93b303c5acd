import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProviderConfig } from "@/lib/config";
import { defaultSettings, type ChatSettings } from "@/lib/settings";
import { startFakeOpenAI, type FakeOpenAI, type FakeReply } from "@/test-support/fake-openai";
import { memoryStoreForSuite, plainUsersForSuite } from "@/test-support/memory-store";
import { stopTurn } from "../active-turns";
import { toChatMessage } from "../messages";
import { runTurn, type ChatChunk, type TurnDeps } from "./index";

/**
 * A reasoning model's turn: its Thinking streams before the answer as a
 * reasoning part, is stored with the reply (also when stopped or failed),
 * comes back with the conversation, and is never sent to the model again.
 */

const store = memoryStoreForSuite();
const users = plainUsersForSuite(store, "alice");
let fake: FakeOpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
});

const openai = (): ProviderConfig => ({ kind: "openai", apiKey: "sk", baseURL: fake.url, apiStyle: "responses" });
const compatible = (): ProviderConfig => ({ kind: "openai", apiKey: "sk", baseURL: fake.url });
const deps = (provider: ProviderConfig): TurnDeps => ({
  store,
  provider,
  idleTimeoutMs: 2_000,
  defaultModel: "gpt-5",
  isModelOffered: () => true,
  generateTitles: false,
});

async function start(provider: ProviderConfig, conversationId: string, text: string, chosen: Partial<ChatSettings> = {}, turnId = randomUUID()) {
  await store.saveSettings(users.alice.id, { ...defaultSettings("gpt-5"), temperature: 0.3, reasoningEffort: "high", ...chosen });
  return runTurn(deps(provider), {
    request: { trigger: "submit", conversationId, turnId, text },
    userId: users.alice.id,
    acceptLanguage: null,
  });
}

async function readAll(reader: ReadableStreamDefaultReader<ChatChunk>): Promise<ChatChunk[]> {
  const chunks: ChatChunk[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

async function submit(provider: ProviderConfig, reply: FakeReply, chosen: Partial<ChatSettings> = {}) {
  const conversationId = randomUUID();
  const word = randomUUID();
  fake.script(word, reply);
  const chunks = await readAll((await start(provider, conversationId, `think ${word}`, chosen)).getReader());
  const [, stored] = await store.listMessages(users.alice.id, conversationId);
  return { chunks, stored, conversationId, word };
}

const typesOf = (chunks: ChatChunk[]) => chunks.map((c) => c.type);

describe("a reasoning model's turn", () => {
  it("streams Thinking before the answer, then how long it took; stores it with the reply and its reasoning tokens", async () => {
    const { chunks, stored } = await submit(openai(), {
      reasoning: ["Compare ", "routes."],
      chunks: ["Take ", "the bus."],
      usage: { prompt_tokens: 10, completion_tokens: 80 },
      reasoningTokens: 50,
    });
    const types = typesOf(chunks);
    expect(types.indexOf("reasoning-start")).toBeLessThan(types.indexOf("text-delta"));
    expect(types.indexOf("reasoning-end")).toBeLessThan(types.indexOf("text-delta"));
    expect(chunks.filter((c) => c.type === "reasoning-delta").map((c) => (c as { delta: string }).delta)).toEqual(["Compare ", "routes."]);
    expect(chunks.find((c) => c.type === "message-metadata")).toMatchObject({ messageMetadata: { thinkingMs: expect.any(Number) } });

    expect(stored).toMatchObject({
      status: "complete",
      content: "Take the bus.",
      reasoning: { text: "Compare routes.", durationMs: expect.any(Number) },
      usage: { promptTokens: 10, completionTokens: 80, reasoningTokens: 50 },
    });
    const message = toChatMessage(stored);
    expect(message.parts).toEqual([
      { type: "reasoning", text: "Compare routes.", state: "done" },
      { type: "text", text: "Take the bus." },
    ]);
    expect(message.metadata?.thinkingMs).toBe(stored.reasoning?.durationMs);
  });

  it("sends the person's effort and not their temperature, and never sends the reasoning back as history", async () => {
    const conversationId = randomUUID();
    const first = randomUUID();
    fake.script(first, { reasoning: ["SECRET-THOUGHT"], chunks: ["Done."] });
    await readAll((await start(openai(), conversationId, `one ${first}`)).getReader());
    const second = randomUUID();
    await readAll((await start(openai(), conversationId, `two ${second}`)).getReader());
    const request = await fake.waitForRequest(second);
    expect(request.body.reasoning).toEqual({ effort: "high", summary: "auto" });
    expect(request.body).not.toHaveProperty("temperature");
    expect(request.rawBody).toContain("Done.");
    expect(request.rawBody).not.toContain("SECRET-THOUGHT");
  });

  it("Stop during reasoning keeps what was thought, and says stopped", async () => {
    const conversationId = randomUUID();
    const word = randomUUID();
    const turnId = randomUUID();
    fake.script(word, { reasoning: ["First idea. ", "Second idea."], chunks: ["Never sent"], stallAfter: 1 });
    const reader = (await start(openai(), conversationId, `stop ${word}`, {}, turnId)).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error("The stream ended before any reasoning.");
      if (value.type === "reasoning-delta") break;
    }
    stopTurn(users.alice.id, turnId);
    const rest = await readAll(reader);
    expect(typesOf(rest)).toContain("reasoning-end");
    expect(rest.find((c) => c.type === "message-metadata" && c.messageMetadata?.status)).toMatchObject({ messageMetadata: { status: "stopped" } });
    const [, stored] = await store.listMessages(users.alice.id, conversationId);
    expect(stored).toMatchObject({ status: "stopped", content: "", reasoning: { text: "First idea. " } });
  });

  it("a reply that thought away its whole limit is stored with its reasoning and says so", async () => {
    const { chunks, stored } = await submit(openai(), { reasoning: ["Pondering…"], chunks: [], incomplete: "max_output_tokens", reasoningTokens: 300 }, { maxTokens: 300 });
    expect(chunks.find((c) => c.type === "error")).toMatchObject({ errorText: "The model used all 300 tokens thinking; raise Max tokens." });
    expect(stored).toMatchObject({ status: "error", errorKind: "thinking_budget", reasoning: { text: "Pondering…" } });
    expect(toChatMessage(stored).metadata).toMatchObject({ errorCode: "thinking_budget" });
  });

  it("a compatible server sending reasoning_content shows Thinking the same way", async () => {
    const { chunks, stored, word } = await submit(compatible(), { reasoning: ["Let me see."], chunks: ["Yes."] }, { model: "deepseek-r1:14b" });
    const request = await fake.waitForRequest(word);
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.body.temperature).toBe(0.3);
    expect(request.body).not.toHaveProperty("reasoning_effort");
    expect(typesOf(chunks)).toEqual(expect.arrayContaining(["reasoning-start", "reasoning-delta", "reasoning-end", "text-delta"]));
    expect(stored).toMatchObject({ content: "Yes.", reasoning: { text: "Let me see." } });
  });

  it("a model that does not reason streams and stores no Thinking", async () => {
    const { chunks, stored } = await submit(compatible(), { chunks: ["Plain."] }, { model: "gpt-4o" });
    expect(typesOf(chunks)).not.toContain("reasoning-start");
    expect(stored).not.toHaveProperty("reasoning");
  });
});
