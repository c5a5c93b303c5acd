import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "@/test-support/fake-openai";
import { memoryStoreForSuite, plainUsersForSuite } from "@/test-support/memory-store";
import { defaultSettings } from "@/lib/settings";
import { drainTurns } from "./shutdown";
import type { ChatRequest } from "./request";
import { runTurn, type ChatChunk, type TurnDeps } from "./turn";

// Its own file: a drained process refuses turns for good.

/** Conditions on a busy shared machine get time to come true. */
const WAIT = { timeout: 10_000 };

const store = memoryStoreForSuite();
const users = plainUsersForSuite(store, "alice");
let fake: FakeOpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
});

const deps = (): TurnDeps => ({
  store,
  provider: { kind: "openai", apiKey: "sk-test", baseURL: fake.url },
  idleTimeoutMs: 30_000,
  defaultModel: "gpt-4o-mini",
  isModelOffered: () => true,
  generateTitles: false,
});

async function start(conversationId: string, text: string) {
  await store.saveSettings(users.alice.id, defaultSettings("gpt-4o-mini"));
  const request: ChatRequest = { trigger: "submit", conversationId, turnId: randomUUID(), text };
  return (await runTurn(deps(), { request, userId: users.alice.id, acceptLanguage: null })).getReader();
}

async function readAll(reader: ReadableStreamDefaultReader<ChatChunk>): Promise<ChatChunk[]> {
  const chunks: ChatChunk[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

describe("shutting down", () => {
  it("lets replies finish within the grace period, stores the rest as interrupted, and refuses new turns", async () => {
    const quick = randomUUID();
    const slow = randomUUID();
    fake.script(quick, { chunks: ["Done in time."], holdAfter: 1 });
    fake.script(slow, { chunks: ["Half of it", " and never the rest"], stallAfter: 1 });
    const quickConversation = randomUUID();
    const slowConversation = randomUUID();
    const quickReader = await start(quickConversation, `quick ${quick}`);
    const slowReader = await start(slowConversation, `slow ${slow}`);
    const slowChunks = readAll(slowReader);
    // Both replies are under way: the slow one has written its first part.
    await expect.poll(async () => (await store.listMessages(users.alice.id, slowConversation))[1]?.content, WAIT).toBe("Half of it");

    const drained = drainTurns(1_000);
    await expect(start(randomUUID(), "too late")).rejects.toMatchObject({ status: 503, code: "shutting_down" });
    fake.release(quick);
    await readAll(quickReader);
    await drained;

    expect((await store.listMessages(users.alice.id, quickConversation))[1]).toMatchObject({ status: "complete", content: "Done in time." });
    expect((await store.listMessages(users.alice.id, slowConversation))[1]).toMatchObject({ status: "interrupted", content: "Half of it", leaseUntil: null });
    expect((await slowChunks).find((c) => c.type === "message-metadata")).toMatchObject({ messageMetadata: { status: "interrupted" } });
    expect((await fake.waitForClose(slow)).closedEarly).toBe(true);
  });
});
