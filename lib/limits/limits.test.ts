import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTurn, type ChatChunk, type TurnDeps } from "@/lib/chat/turn";
import { ApiError } from "@/lib/errors/api-error";
import { defaultSettings } from "@/lib/settings";
import type { LimitValues } from "@/lib/store/types";
import { utcDay, utcHour } from "@/lib/usage/periods";
import { priceTable } from "@/lib/usage/prices";
import { startFakeOpenAI, type FakeOpenAI } from "@/test-support/fake-openai";
import { memoryStoreForSuite, plainUsersForSuite } from "@/test-support/memory-store";
import { admitReply } from "./admit";
import { effectiveLimits, mergeLimits } from "./effective";

const store = memoryStoreForSuite();
const users = plainUsersForSuite(store, "alice", "bob", "carol", "dave");
let fake: FakeOpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
});

const NO_LIMITS: LimitValues = { tokensPerDay: null, repliesPerHour: null, repliesAtOnce: 3 };

const deps = (limits: LimitValues): TurnDeps => ({
  store,
  provider: { kind: "openai", apiKey: "sk-test", baseURL: fake.url },
  idleTimeoutMs: 2_000,
  defaultModel: "gpt-4o-mini",
  isModelOffered: () => true,
  generateTitles: false,
  limits,
  prices: priceTable(),
});

async function send(userId: string, text: string, limits: LimitValues, conversationId = randomUUID()): Promise<ChatChunk[]> {
  await store.saveSettings(userId, defaultSettings("gpt-4o-mini"));
  const stream = await runTurn(deps(limits), {
    request: { trigger: "submit", turnId: randomUUID(), conversationId, text },
    userId,
    acceptLanguage: null,
  });
  const chunks: ChatChunk[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

describe("limits that apply to a person", () => {
  it("takes each field from the person, else the admin's defaults, else the environment", () => {
    const env: LimitValues = { tokensPerDay: 1_000, repliesPerHour: 10, repliesAtOnce: 3 };
    expect(mergeLimits(env, null, null)).toEqual(env);
    expect(mergeLimits(env, { tokensPerDay: null, repliesAtOnce: 5 }, { repliesAtOnce: 1 })).toEqual({
      tokensPerDay: null,
      repliesPerHour: 10,
      repliesAtOnce: 1,
    });
  });

  it("reads the levels from the store", async () => {
    await store.saveDefaultLimits({ repliesPerHour: 50 });
    await store.savePersonLimits(users.dave.id, { tokensPerDay: 7 });
    expect(await effectiveLimits(store, NO_LIMITS, users.dave.id)).toEqual({ tokensPerDay: 7, repliesPerHour: 50, repliesAtOnce: 3 });
    expect(await effectiveLimits(store, NO_LIMITS, users.carol.id)).toEqual({ tokensPerDay: null, repliesPerHour: 50, repliesAtOnce: 3 });
    await store.saveDefaultLimits({});
  });
});

describe("a turn under limits", () => {
  it("adds the reply's reported usage and estimated cost to the person's and the model's day", async () => {
    const token = randomUUID();
    fake.script(token, { chunks: ["Fine"], usage: { prompt_tokens: 1_000, completion_tokens: 500 } });
    await send(users.alice.id, `hello ${token}`, NO_LIMITS);
    const day = utcDay(new Date());
    expect(await store.getPersonUsage(users.alice.id, day, day)).toEqual([
      // gpt-4o-mini: 1,000 × $0.15/1M + 500 × $0.60/1M = $0.00045
      { day, promptTokens: 1_000, completionTokens: 500, replies: 1, costNanoUsd: 450_000 },
    ]);
    expect((await store.getModelUsage(day, day)).find((m) => m.model === "gpt-4o-mini")).toMatchObject({ promptTokens: 1_000, completionTokens: 500 });
  });

  it("refuses a turn once today's tokens reached the limit, naming the limit and the UTC reset, and stores nothing", async () => {
    const limits = { ...NO_LIMITS, tokensPerDay: 100 };
    const token = randomUUID();
    fake.script(token, { chunks: ["Long"], usage: { prompt_tokens: 90, completion_tokens: 30 } });
    // Under the limit when accepted: this reply may take the day past it.
    await send(users.bob.id, `first ${token}`, limits);

    const conversationId = randomUUID();
    const refused = await send(users.bob.id, "second", limits, conversationId).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 429, code: "token_limit", vars: { limit: 100, resetsAt: "00:00" } });
    expect((refused as ApiError).message).toMatch(/today's allowance of 100 tokens\. It renews at 00:00 UTC, in \d+ h \d+ min\./);
    expect(await store.getConversation(users.bob.id, conversationId)).toBeNull();
  });

  it("counts replies per UTC hour and refuses the one over the limit, saying when the hour ends", async () => {
    const limits = { ...NO_LIMITS, repliesPerHour: 2 };
    await send(users.carol.id, "one", limits);
    await send(users.carol.id, "two", limits);
    const refused = await send(users.carol.id, "three", limits).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 429, code: "reply_limit", vars: { limit: 2 } });
    expect(await store.countHourlyReplies(users.carol.id, utcHour(new Date()))).toBe(2);
  });

  it("admits exactly the allowed number of many requests at once", async () => {
    const user = await store.createUser({ email: `burst-${randomUUID()}@example.com`, name: "Burst", passwordHash: "x", role: "user" });
    const limits = { ...NO_LIMITS, repliesPerHour: 4 };
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => admitReply(store, limits, user.id)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(4);
    const refusals = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refusals.every((r) => r.reason instanceof ApiError && r.reason.code === "reply_limit")).toBe(true);
  });
});
