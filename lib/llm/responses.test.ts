import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProviderConfig } from "@/lib/config";
import { startFakeOpenAI, type FakeOpenAI, type FakeReply } from "@/test-support/fake-openai";
import { createProviderClient } from "./client";
import { ProviderError } from "./errors";
import { streamReply, type ReplyEvent, type ReplyRequest } from "./stream";

/**
 * Both APIs end in the same reply events and failures: the Responses API
 * (OpenAI's typed events) and Chat Completions with reasoning fields, each
 * against the fake over real HTTP, through the real SDK.
 */

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
});

const responsesApi = (): ProviderConfig => ({ kind: "openai", apiKey: "sk", baseURL: fake.url, apiStyle: "responses" });
const chatApi = (): ProviderConfig => ({ kind: "openai", apiKey: "sk", baseURL: fake.url });

let counter = 0;
async function run(config: ProviderConfig, reply: FakeReply, request: Partial<ReplyRequest> = {}) {
  const word = `question-${++counter}`;
  fake.script(word, reply);
  const events: ReplyEvent[] = [];
  let failure: ProviderError | null = null;
  try {
    for await (const event of streamReply(
      createProviderClient(config, 2_000),
      config,
      { model: "gpt-5", temperature: 0.5, maxTokens: 300, reasoningEffort: "low", messages: [{ role: "user", content: word }], ...request },
      { signal: new AbortController().signal, idleTimeoutMs: 2_000 },
    )) {
      events.push(event);
    }
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    failure = error;
  }
  const text = events.map((e) => (e.type === "text" ? e.text : "")).join("");
  const reasoning = events.map((e) => (e.type === "reasoning" ? e.text : "")).join("");
  const done = events.find((e) => e.type === "done");
  return { events, text, reasoning, usage: done?.type === "done" ? done.usage : null, failure, request: await fake.waitForRequest(word) };
}

describe("the Responses API", () => {
  it("asks /v1/responses with the effort and no temperature; streams the summary before the answer, with reasoning tokens", async () => {
    const result = await run(responsesApi(), {
      reasoning: ["Weighing ", "the options."],
      chunks: ["Take ", "the train."],
      usage: { prompt_tokens: 20, completion_tokens: 90 },
      reasoningTokens: 64,
    });
    expect(result.request.path).toBe("/v1/responses");
    expect(result.request.body).toMatchObject({ model: "gpt-5", reasoning: { effort: "low", summary: "auto" }, max_output_tokens: 300 });
    expect(result.request.body).not.toHaveProperty("temperature");
    const kinds = result.events.map((e) => e.type);
    expect(kinds.indexOf("reasoning")).toBeLessThan(kinds.indexOf("text"));
    expect(result.reasoning).toBe("Weighing the options.");
    expect(result.text).toBe("Take the train.");
    expect(result.usage).toEqual({ promptTokens: 20, completionTokens: 90, reasoningTokens: 64 });
    expect(result.failure).toBeNull();
  });

  it("an incomplete reply at the token limit keeps its text and finishes", async () => {
    const result = await run(responsesApi(), { reasoning: ["Hm."], chunks: ["Half an ans"], incomplete: "max_output_tokens" });
    expect(result.failure).toBeNull();
    expect(result.text).toBe("Half an ans");
  });

  it("a reply that spent the whole limit thinking says so plainly", async () => {
    const result = await run(responsesApi(), { reasoning: ["Thinking ", "and thinking"], chunks: [], incomplete: "max_output_tokens", reasoningTokens: 300 });
    expect(result.reasoning).toBe("Thinking and thinking");
    expect(result.failure).toMatchObject({ kind: "thinking_budget", code: "thinking_budget_tokens", vars: { tokens: 300 } });
    expect(result.failure?.message).toBe("The model used all 300 tokens thinking; raise Max tokens.");
    expect(result.failure?.usage).toMatchObject({ reasoningTokens: 300 });
  });

  it("an incomplete reply stopped by the content filter keeps what was written", async () => {
    const result = await run(responsesApi(), { chunks: ["Some ", "text"], incomplete: "content_filter" });
    expect(result.text).toBe("Some text");
    expect(result.failure).toMatchObject({ kind: "content_filter", code: "content_filter_reply" });
  });

  it.each([
    ["rate_limit_exceeded", { kind: "rate_limit", code: "rate_limit" }],
    ["server_error", { kind: "provider", code: "provider" }],
    ["invalid_prompt", { kind: "bad_request", code: "bad_request_detail", vars: { detail: "Explain yourself." } }],
  ])("response.failed with %s gives its own message and keeps the partial text", async (code, expected) => {
    const result = await run(responsesApi(), { chunks: ["Partial"], failed: { code, message: "Explain yourself." } });
    expect(result.text).toBe("Partial");
    expect(result.failure).toMatchObject(expected);
  });

  it("an error event gives its own message and keeps the partial text", async () => {
    const result = await run(responsesApi(), { chunks: ["Before ", "the error"], streamError: { code: "insufficient_quota", message: "Quota." } });
    expect(result.text).toBe("Before the error");
    expect(result.failure).toMatchObject({ kind: "quota", code: "quota" });
  });

  it("a connection that breaks mid-reply is interrupted, with the partial text", async () => {
    const result = await run(responsesApi(), { reasoning: ["Plan."], chunks: ["One ", "two ", "three"], disconnectAfter: 3 });
    expect(result.reasoning).toBe("Plan.");
    expect(result.text).toBe("One two ");
    expect(result.failure).toMatchObject({ kind: "interrupted" });
  });

  it("sends gpt-4o the sampling fields and no reasoning", async () => {
    const result = await run(responsesApi(), { chunks: ["Hi"] }, { model: "gpt-4o", topP: 0.5 });
    expect(result.request.body).toMatchObject({ temperature: 0.5, top_p: 0.5 });
    expect(result.request.body).not.toHaveProperty("reasoning");
  });
});

describe("Chat Completions from compatible servers that reason", () => {
  it.each(["reasoning_content", "reasoning"] as const)("streams %s as reasoning, before the answer", async (field) => {
    const result = await run(
      chatApi(),
      { reasoning: ["<step one>", " step two"], reasoningField: field, chunks: ["Answer."], reasoningTokens: 12 },
      { model: "deepseek-r1:14b" },
    );
    expect(result.request.path).toBe("/v1/chat/completions");
    expect(result.reasoning).toBe("<step one> step two");
    expect(result.text).toBe("Answer.");
    expect(result.usage).toMatchObject({ reasoningTokens: 12 });
  });

  it("a reply cut at the token limit with only reasoning says it spent its tokens thinking", async () => {
    const result = await run(chatApi(), { reasoning: ["Long thought"], chunks: [], finishReason: "length" }, { model: "qwen3:8b", maxTokens: 50 });
    expect(result.failure).toMatchObject({ kind: "thinking_budget", vars: { tokens: 50 } });
  });

  it("an error chunk mid-stream gives its own message", async () => {
    const result = await run(chatApi(), { chunks: ["Par", "tial"], streamError: { code: "rate_limit_exceeded", message: "Slow down." } }, { model: "gpt-4o" });
    expect(result.text).toBe("Partial");
    expect(result.failure).toMatchObject({ kind: "rate_limit" });
  });
});

describe("Azure's v1 API", () => {
  it("asks <endpoint>/openai/v1/responses with the deployment as the model and the key in api-key", async () => {
    const azure: ProviderConfig = { kind: "azure", endpoint: `${fake.origin}/`, apiKey: "azure-key", apiVersion: "v1", deployments: ["my-gpt5"] };
    const result = await run(azure, { reasoning: ["Plan."], chunks: ["Done."] }, { model: "my-gpt5" });
    expect(result.request.path).toBe("/openai/v1/responses");
    expect(result.request.headers["api-key"]).toBe("azure-key");
    expect(result.request.body.model).toBe("my-gpt5");
    expect(result.text).toBe("Done.");
  });
});
