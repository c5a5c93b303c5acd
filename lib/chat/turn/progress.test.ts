import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "@/test-support/fake-openai";
import { memoryStoreForSuite, plainUsersForSuite } from "@/test-support/memory-store";
import { defaultSettings } from "@/lib/settings";
import { listConversationMessages } from "../replies";
import type { ChatRequest } from "../request";
import { runTurn, type ChatChunk, type TurnDeps } from "./index";

/**
 * A reply is stored as soon as it starts and saved as it grows, so a reload,
 * another device or a restart finds it; a regeneration keeps the earlier
 * answer until the new one has text; a reply whose writer is gone is marked
 * interrupted by whoever reads it next.
 */

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

const deps = (overrides: Partial<TurnDeps> = {}): TurnDeps => ({
  store,
  provider: { kind: "openai", apiKey: "sk-test", baseURL: fake.url },
  idleTimeoutMs: 5_000,
  defaultModel: "gpt-4o-mini",
  isModelOffered: () => true,
  generateTitles: false,
  progressIntervalMs: 20,
  ...overrides,
});

type Untracked<R> = R extends ChatRequest ? Omit<R, "turnId"> & { turnId?: string } : never;

async function start(request: Untracked<ChatRequest>, overrides: Partial<TurnDeps> = {}) {
  await store.saveSettings(users.alice.id, defaultSettings("gpt-4o-mini"));
  const turnId = request.turnId ?? randomUUID();
  const stream = await runTurn(deps(overrides), { request: { ...request, turnId } as ChatRequest, userId: users.alice.id, acceptLanguage: null });
  return { reader: stream.getReader(), turnId };
}

async function readAll(reader: ReadableStreamDefaultReader<ChatChunk>): Promise<ChatChunk[]> {
  const chunks: ChatChunk[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

/** Waits until the provider has received `count` requests carrying `token` (release only reaches those). */
const arrived = (token: string, count: number) =>
  expect.poll(() => fake.requests().filter((r) => JSON.stringify(r.body).includes(token)).length, WAIT).toBe(count);

const stored = (conversationId: string) => store.listMessages(users.alice.id, conversationId);

describe("a reply as it is written", () => {
  it("is stored as it starts, with its turn and a lease, and its text is saved as it grows", async () => {
    const token = randomUUID();
    const conversationId = randomUUID();
    fake.script(token, { chunks: ["The first part. ", "And the rest."], holdAfter: 1 });
    const { reader, turnId } = await start({ trigger: "submit", conversationId, text: `grow ${token}` });

    // Before the browser has read anything, the store has the reply, and then its first text.
    await expect.poll(async () => (await stored(conversationId))[1]?.content, WAIT).toBe("The first part. ");
    const [, live] = await stored(conversationId);
    expect(live).toMatchObject({ role: "assistant", status: "streaming", turnId, model: "gpt-4o-mini" });
    expect(live!.leaseUntil!.getTime()).toBeGreaterThan(Date.now());

    fake.release(token);
    const chunks = await readAll(reader);
    expect(chunks[0]).toMatchObject({ type: "start", messageId: live!.id, messageMetadata: { status: "streaming", turnId } });
    const [, done] = await stored(conversationId);
    expect(done).toMatchObject({ id: live!.id, status: "complete", content: "The first part. And the rest.", leaseUntil: null });
  });

  it("keeps renewing its lease while the model is silent", async () => {
    const token = randomUUID();
    const conversationId = randomUUID();
    fake.script(token, { chunks: ["Thinking done."], holdAfter: 0 });
    const { reader } = await start({ trigger: "submit", conversationId, text: `silent ${token}` }, { leaseMs: 300 });
    const [, first] = await stored(conversationId);
    const firstLease = first!.leaseUntil!.getTime();
    await expect.poll(async () => (await stored(conversationId))[1]!.leaseUntil!.getTime(), WAIT).toBeGreaterThan(firstLease + 300);
    // Never taken for abandoned meanwhile.
    expect((await listConversationMessages(store, users.alice.id, conversationId))[1]!.status).toBe("streaming");
    await arrived(token, 1);
    fake.release(token);
    await readAll(reader);
    expect((await stored(conversationId))[1]).toMatchObject({ status: "complete", content: "Thinking done." });
  });

  it("keeps a regenerated answer until the new one has text", async () => {
    const token = randomUUID();
    const conversationId = randomUUID();
    fake.script(token, { chunks: ["Old answer."] }, 1);
    await readAll((await start({ trigger: "submit", conversationId, text: `again ${token}` })).reader);
    const [, old] = await stored(conversationId);

    fake.script(token, { chunks: ["New", " answer."], holdAfter: 0 }, 1);
    const { reader } = await start({ trigger: "regenerate", conversationId });
    // Nothing written yet: the old answer is still there, the new one begun after it.
    const during = await stored(conversationId);
    expect(during.map((m) => [m.role, m.status, m.content])).toEqual([
      ["user", "complete", `again ${token}`],
      ["assistant", "complete", "Old answer."],
      ["assistant", "streaming", ""],
    ]);
    await arrived(token, 2);
    fake.release(token);
    await readAll(reader);
    const after = await stored(conversationId);
    expect(after.map((m) => [m.role, m.status, m.content])).toEqual([
      ["user", "complete", `again ${token}`],
      ["assistant", "complete", "New answer."],
    ]);
    expect(after.some((m) => m.id === old!.id)).toBe(false);
  });

  it("replaces the earlier answers even when the new one fails before any text", async () => {
    const token = randomUUID();
    const conversationId = randomUUID();
    fake.script(token, { chunks: ["First try."] }, 1);
    await readAll((await start({ trigger: "submit", conversationId, text: `fail ${token}` })).reader);
    fake.script(token, { status: 500 }, 1);
    await readAll((await start({ trigger: "regenerate", conversationId })).reader);
    expect((await stored(conversationId)).map((m) => [m.role, m.status])).toEqual([
      ["user", "complete"],
      ["assistant", "error"],
    ]);
  });
});

describe("a reply whose writer is gone", () => {
  it("is marked interrupted, with its text, once its lease has ended; a live one is left alone", async () => {
    const conversation = await store.createConversation({ userId: users.alice.id, title: "Abandoned" });
    const say = (leaseUntil: Date, content: string) =>
      store.appendMessage(users.alice.id, {
        conversationId: conversation.id,
        role: "assistant",
        content,
        status: "streaming",
        turnId: randomUUID(),
        leaseUntil,
      });
    await say(new Date(Date.now() - 1_000), "Half a rep");
    await say(new Date(Date.now() + 60_000), "Still going");
    const settled = await listConversationMessages(store, users.alice.id, conversation.id);
    expect(settled.map((m) => [m.status, m.content])).toEqual([
      ["interrupted", "Half a rep"],
      ["streaming", "Still going"],
    ]);
    expect((await stored(conversation.id)).map((m) => m.status)).toEqual(["interrupted", "streaming"]);
  });
});
