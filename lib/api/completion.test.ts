import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TurnDeps } from "@/lib/chat/turn";
import { ApiError } from "@/lib/errors/api-error";
import { startFakeOpenAI, type FakeOpenAI } from "@/test-support/fake-openai";
import { memoryStoreForSuite, plainUsersForSuite } from "@/test-support/memory-store";
import { completionRequestSchema } from "./chat-request";
import { completionResponse } from "./completion-response";
import { startCompletion } from "./start-completion";

const store = memoryStoreForSuite();
const users = plainUsersForSuite(store, "ann");
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
  idleTimeoutMs: 2_000,
  defaultModel: "gpt-4o-mini",
  isModelOffered: (model) => model !== "forbidden",
  generateTitles: false,
});

async function call(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const request = completionRequestSchema.parse(body);
  const started = await startCompletion(deps(), users.ann, request, new Headers(headers));
  return completionResponse(deps(), started, request, { keepAliveMs: 5_000, signal: new AbortController().signal });
}

const events = (text: string) => text.split("\n\n").filter((e) => e.startsWith("data: ")).map((e) => e.slice(6));

describe("chat completions", () => {
  it("answers one chat.completion without keeping anything", async () => {
    const response = await call({ model: "gpt-4o", messages: [{ role: "user", content: [{ type: "text", text: "Hi " }, { type: "text", text: "there" }] }] });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-parley-conversation")).toBeNull();
    const body = await response.json();
    expect(body).toMatchObject({ object: "chat.completion", model: "gpt-4o", choices: [{ index: 0, message: { role: "assistant", content: "Echo: Hi there" }, finish_reason: "stop" }] });
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
    expect((await store.listConversations(users.ann.id, { limit: 10 })).items).toEqual([]);
  });

  it("streams chunks, then the usage chunk, then [DONE]", async () => {
    const response = await call({ messages: [{ role: "user", content: "Stream me" }], stream: true, stream_options: { include_usage: true } });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const data = events(await response.text());
    expect(data.at(-1)).toBe("[DONE]");
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    expect(chunks[0].choices[0].delta).toEqual({ role: "assistant", content: "" });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("Echo: Stream me");
    expect(chunks.at(-2).choices[0].finish_reason).toBe("stop");
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: expect.any(Number) } });
    expect(chunks.slice(0, -1).every((c) => c.usage === null && c.model === "gpt-4o-mini")).toBe(true);
  });

  it("keeps a conversation: a new one, then its history added to the next call", async () => {
    const first = await call({ messages: [{ role: "user", content: "First" }] }, { "x-parley-conversation": "new" });
    const id = first.headers.get("x-parley-conversation")!;
    await first.json();
    const second = await call({ messages: [{ role: "system", content: "Be terse." }, { role: "user", content: "Second" }], metadata: { conversation_id: id } });
    expect((await second.json()).choices[0].message.content).toBe("Echo: Second");
    expect(fake.requests().at(-1)?.body.messages).toEqual([
      { role: "system", content: "Be terse." },
      { role: "user", content: "First" },
      { role: "assistant", content: "Echo: First" },
      { role: "user", content: "Second" },
    ]);
    expect((await store.listMessages(users.ann.id, id)).map((m) => m.content)).toEqual(["First", "Echo: First", "Second", "Echo: Second"]);
  });

  it("refuses an unoffered model, an unknown conversation and a missing preset with 404", async () => {
    const codes = [];
    for (const [body, headers] of [
      [{ model: "forbidden", messages: [{ role: "user", content: "x" }] }, {}],
      [{ messages: [{ role: "user", content: "x" }] }, { "x-parley-conversation": crypto.randomUUID() }],
      [{ messages: [{ role: "user", content: "x" }], metadata: { preset_id: "nope" } }, {}],
    ] as const) {
      const error = await call(body, headers).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      codes.push([(error as ApiError).status, (error as ApiError).code]);
    }
    expect(codes).toEqual([
      [404, "api_model_not_offered"],
      [404, "conversation_not_found"],
      [404, "preset_unavailable"],
    ]);
  });

  it("answers a provider failure before the first words with its own status, streamed or not", async () => {
    fake.script("overloaded", { status: 503 }, 2);
    const plain = await call({ messages: [{ role: "user", content: "overloaded" }] });
    expect(plain.status).toBe(502);
    expect((await plain.json()).error).toMatchObject({ type: "api_error", code: "provider" });
    const streamed = await call({ messages: [{ role: "user", content: "overloaded" }], stream: true });
    expect(streamed.status).toBe(502);
  });

  it("reports a failure after the first words as an error event, keeping the partial reply", async () => {
    fake.script("breaks", { chunks: ["part", "ial", "rest"], disconnectAfter: 2 });
    const response = await call({ messages: [{ role: "user", content: "breaks" }], stream: true }, { "x-parley-conversation": "new" });
    const data = events(await response.text());
    expect(JSON.parse(data.at(-1)!)).toMatchObject({ error: { code: "interrupted" } });
    const id = response.headers.get("x-parley-conversation")!;
    const reply = (await store.listMessages(users.ann.id, id)).at(-1);
    expect([reply?.content, reply?.status]).toEqual(["partial", "error"]);
  });
});
