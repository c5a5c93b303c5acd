import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "@/e2e/support/fake-openai";
import type { MessageMeta } from "@/lib/chat/messages";
import { runTurn, type ChatChunk, type TurnDeps } from "@/lib/chat/turn";
import type { ProviderConfig } from "@/lib/config";
import { en } from "@/lib/i18n/messages/en";
import { zhCN } from "@/lib/i18n/messages/zh-CN";
import { translator } from "@/lib/i18n/translate";
import { defaultSettings } from "@/lib/settings";
import { openSqlStore } from "@/lib/store/sql/open";
import type { Store, User } from "@/lib/store/types";

/**
 * Azure OpenAI through the real AzureOpenAI client, against the fake serving
 * Azure's URL shape and Azure's stream and error shapes.
 */

let store: Store;
let fake: FakeOpenAI;
let alice: User;
let conversationId = "";

beforeAll(async () => {
  store = await openSqlStore({ memory: true });
  fake = await startFakeOpenAI();
  alice = await store.createUser({ email: "azure@example.com", name: "A", passwordHash: "x", role: "user" });
});

afterAll(async () => {
  await fake.close();
  await store.close();
});

beforeEach(() => {
  conversationId = randomUUID();
});

const azure = (): ProviderConfig => ({
  kind: "azure",
  endpoint: `${fake.origin}/`,
  apiKey: "azure-key",
  apiVersion: "2024-10-21",
  deployments: ["chat-4o", "mini"],
});
const deps = (): TurnDeps => ({
  store,
  provider: azure(),
  idleTimeoutMs: 2_000,
  defaultModel: "chat-4o",
  isModelOffered: () => true,
  generateTitles: false,
});

async function submit(text: string): Promise<ChatChunk[]> {
  await store.saveSettings(alice.id, { ...defaultSettings("chat-4o"), temperature: 0.5 });
  const stream = await runTurn(deps(), {
    request: { trigger: "submit", turnId: randomUUID(), conversationId, text },
    userId: alice.id,
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

const textOf = (chunks: ChatChunk[]) => chunks.map((c) => (c.type === "text-delta" ? c.delta : "")).join("");
const metaOf = (chunks: ChatChunk[]) =>
  chunks.filter((c) => c.type === "message-metadata").map((c) => (c as { messageMetadata: MessageMeta }).messageMetadata).at(-1)!;

describe("Azure OpenAI", () => {
  it("calls the deployment's URL with the API version, and streams past Azure's empty-choices chunks", async () => {
    const token = randomUUID();
    fake.script(token, { azure: true, chunks: ["Azure ", "says ", "hi"], usage: { prompt_tokens: 9, completion_tokens: 3 } });
    const chunks = await submit(`hello ${token}`);

    expect(textOf(chunks)).toBe("Azure says hi");
    expect(chunks.at(-1)).toMatchObject({ type: "finish" });
    expect(chunks.some((c) => c.type === "error")).toBe(false);
    expect(metaOf(chunks)).toMatchObject({ status: "complete", usage: { promptTokens: 9, completionTokens: 3 }, model: "chat-4o" });

    const request = await fake.waitForRequest(token);
    expect(request).toMatchObject({
      path: "/openai/deployments/chat-4o/chat/completions",
      deployment: "chat-4o",
      apiVersion: "2024-10-21",
      purpose: "chat",
    });
    expect(request.headers["api-key"]).toBe("azure-key");
    expect(request.body).toMatchObject({ model: "chat-4o", temperature: 0.5, stream: true });

    const [, reply] = await store.listMessages(alice.id, conversationId);
    expect(reply).toMatchObject({ status: "complete", content: "Azure says hi", usage: { promptTokens: 9, completionTokens: 3 } });
  });

  it("ignores any chunk with no choices, empty id or model (explicit prelude chunks)", async () => {
    const token = randomUUID();
    fake.script(token, {
      preludeChunks: [
        { id: "", object: "", created: 0, model: "", choices: [], prompt_filter_results: [] },
        { id: "", object: "chat.completion.chunk", created: 0, model: "", choices: [] },
      ],
      chunks: ["fine"],
    });
    const chunks = await submit(`prelude ${token}`);
    expect(textOf(chunks)).toBe("fine");
    expect(metaOf(chunks)).toMatchObject({ status: "complete" });
  });

  it("words a blocked prompt (HTTP 400 content_filter with innererror) specifically, and keeps the message", async () => {
    const token = randomUUID();
    fake.script(token, { azure: true, status: 400, errorCode: "content_filter" });
    const chunks = await submit(`blocked ${token}`);

    const meta = metaOf(chunks);
    expect(meta).toMatchObject({ status: "error", errorKind: "content_filter", errorCode: "content_filter_prompt", errorVars: null });
    expect(meta.errorMessage).toBe(en.errors.content_filter_prompt);
    expect(chunks.find((c) => c.type === "error")).toMatchObject({ errorText: en.errors.content_filter_prompt });
    expect(textOf(chunks)).toBe("");
    // The browser words it from the code, in the person's language.
    expect(translator(zhCN, "zh-CN")(`errors.${meta.errorCode as "content_filter_prompt"}`)).toBe(zhCN.errors.content_filter_prompt);

    const messages = await store.listMessages(alice.id, conversationId);
    expect(messages.map((m) => [m.role, m.status, m.errorKind, m.content])).toEqual([
      ["user", "complete", null, `blocked ${token}`],
      ["assistant", "error", "content_filter", ""],
    ]);
  });

  it("keeps the partial text of a reply cut by finish_reason content_filter, with its usage", async () => {
    const token = randomUUID();
    fake.script(token, {
      azure: true,
      chunks: ["The first ", "part"],
      finishReason: "content_filter",
      usage: { prompt_tokens: 20, completion_tokens: 2 },
    });
    const chunks = await submit(`cut ${token}`);

    expect(textOf(chunks)).toBe("The first part");
    expect(metaOf(chunks)).toMatchObject({
      status: "error",
      errorKind: "content_filter",
      errorCode: "content_filter_reply",
      errorMessage: en.errors.content_filter_reply,
      usage: { promptTokens: 20, completionTokens: 2 },
    });
    const [, reply] = await store.listMessages(alice.id, conversationId);
    expect(reply).toMatchObject({ status: "error", errorKind: "content_filter", content: "The first part" });
  });

  it("names Azure's variables when the key is refused", async () => {
    const token = randomUUID();
    fake.script(token, { status: 401 });
    const chunks = await submit(`key ${token}`);
    expect(metaOf(chunks)).toMatchObject({ errorCode: "auth", errorVars: { variable: "AZURE_OPENAI_API_KEY" } });
    expect((chunks.find((c) => c.type === "error") as { errorText: string }).errorText).toContain("AZURE_OPENAI_API_KEY");
  });
});
