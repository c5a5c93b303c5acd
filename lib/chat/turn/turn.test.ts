import { randomUUID } from "node:crypto";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { promptTokensOf, startFakeOpenAI, TITLE_REQUEST_MARKER, type FakeOpenAI, type FakeReply, type RecordedRequest } from "@/test-support/fake-openai";
import { replyReserve } from "@/lib/llm/context";
import type { ProviderConfig } from "@/lib/config";
import { defaultSettings, type ChatSettings } from "@/lib/settings";
import { ApiError } from "@/lib/errors/api-error";
import { memoryStoreForSuite, plainUsersForSuite } from "@/test-support/memory-store";
import { TITLE_INSTRUCTIONS } from "@/lib/llm/title";
import { stopTurn } from "../active-turns";
import type { MessageMeta } from "../messages";
import type { ChatRequest } from "../request";
import { runTurn, type ChatChunk, type TurnDeps } from "./index";

const store = memoryStoreForSuite();
const users = plainUsersForSuite(store, "alice", "bob");
let fake: FakeOpenAI;
/** Messages stored at the moment the provider was called, per request. */
const storedAtCall = new Map<number, string[]>();
let currentConversation = "";

beforeAll(async () => {
  fake = await startFakeOpenAI({
    onRequest: async (request: RecordedRequest) => {
      const messages = await store.listMessages(users.alice.id, currentConversation);
      storedAtCall.set(request.id, messages.map((m) => `${m.role}:${m.content}`));
    },
  });
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  currentConversation = randomUUID();
});

const provider = (): ProviderConfig => ({ kind: "openai", apiKey: "sk-test", baseURL: fake.url });
const deps = (overrides: Partial<TurnDeps> = {}): TurnDeps => ({
  store,
  provider: provider(),
  idleTimeoutMs: 2_000,
  defaultModel: "gpt-4o-mini",
  isModelOffered: () => true,
  ...overrides,
});
const settings = (overrides: Partial<ChatSettings> = {}): ChatSettings => ({ ...defaultSettings("gpt-4o-mini"), ...overrides });

const drain = (stream: ReadableStream<ChatChunk>) => readAll(stream.getReader());

async function readAll(reader: ReadableStreamDefaultReader<ChatChunk>): Promise<ChatChunk[]> {
  const chunks: ChatChunk[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

interface TurnOptions {
  userId?: string;
  conversationId?: string;
  turnId?: string;
  settings?: ChatSettings;
  deps?: TurnDeps;
}

/**
 * Runs a turn as the route does. A turn reads the person's settings from the
 * store, so the settings a test chooses are saved as their defaults first.
 */
async function turn(turnDeps: TurnDeps, input: ChatRequest & { userId: string; settings?: ChatSettings }) {
  const { userId, settings: chosen, ...request } = input;
  await store.saveSettings(userId, chosen ?? settings());
  return runTurn(turnDeps, { request: request as ChatRequest, userId, acceptLanguage: null });
}

/** Starts a turn that sends `text`, in the test's conversation unless told otherwise. */
function start(text: string, options: TurnOptions = {}) {
  return turn(options.deps ?? deps(), {
    turnId: options.turnId ?? randomUUID(),
    trigger: "submit",
    userId: options.userId ?? users.alice.id,
    conversationId: options.conversationId ?? currentConversation,
    text,
    settings: options.settings,
  });
}

const submit = async (text: string, options: TurnOptions = {}) => drain(await start(text, options));

/** Reads until the first piece of reply text has arrived. */
async function readUntilText(reader: ReadableStreamDefaultReader<ChatChunk>): Promise<void> {
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error("The stream ended before any text.");
    if (value.type === "text-delta") return;
  }
}

const textOf = (chunks: ChatChunk[]) =>
  chunks.map((c) => (c.type === "text-delta" ? c.delta : "")).join("");
const errorOf = (chunks: ChatChunk[]) => chunks.find((c) => c.type === "error");

describe("a chat turn", () => {
  it("stores the message before calling the provider, streams the reply, and stores it with usage", async () => {
    const token = randomUUID();
    fake.script(token, { chunks: ["Hel", "lo ", "there"], usage: { prompt_tokens: 11, completion_tokens: 3 } });
    const chunks = await submit(`hi ${token}`);

    expect(chunks.filter((c) => c.type === "text-delta").map((c) => (c as { delta: string }).delta)).toEqual(["Hel", "lo ", "there"]);
    expect(chunks.at(-1)).toMatchObject({ type: "finish" });

    const request = fake.requests().find((r) => JSON.stringify(r.body).includes(token))!;
    expect(storedAtCall.get(request.id)).toEqual([`user:hi ${token}`]);

    const messages = await store.listMessages(users.alice.id, currentConversation);
    expect(messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ["user", `hi ${token}`, "complete"],
      ["assistant", "Hello there", "complete"],
    ]);
    expect(messages[1]).toMatchObject({ model: "gpt-4o-mini", usage: { promptTokens: 11, completionTokens: 3 }, errorKind: null });
    const conversation = await store.getConversation(users.alice.id, currentConversation);
    expect(conversation?.title).toBe(`hi ${token}`);
  });

  it("sends the system prompt, the history and the settings", async () => {
    const token = randomUUID();
    const chosen = settings({ model: "fake-small", systemPrompt: "Be brief.", temperature: 0.2, maxTokens: 50 });
    await submit(`first ${token}`, { settings: chosen });
    await submit(`second ${token}`, { settings: chosen });
    const last = fake.requests().filter((r) => JSON.stringify(r.body).includes(token)).at(-1)!;
    expect(last.body).toMatchObject({
      model: "fake-small",
      temperature: 0.2,
      max_tokens: 50,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(last.body.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: `first ${token}` },
      { role: "assistant", content: `Echo: first ${token}` },
      { role: "user", content: `second ${token}` },
    ]);
  });

  it("never sends OpenAI itself max_tokens: max_output_tokens (Responses API), or max_completion_tokens (Chat Completions)", async () => {
    // Same fake server, but configured as if it were api.openai.com (no base URL override).
    const asOpenAI = (apiStyle?: "chat") =>
      deps({
        createClient: (_config, timeout) => new OpenAI({ apiKey: "sk", baseURL: fake.url, maxRetries: 0, timeout }),
        provider: { kind: "openai", apiKey: "sk", baseURL: undefined, ...(apiStyle ? { apiStyle } : {}) },
      });
    const token = randomUUID();
    await submit(`limit ${token}`, { deps: asOpenAI(), settings: settings({ maxTokens: 77 }) });
    const request = fake.requests().find((r) => JSON.stringify(r.body).includes(token))!;
    expect(request.path).toBe("/v1/responses");
    expect(request.body.max_output_tokens).toBe(77);
    expect(request.body.max_tokens).toBeUndefined();

    const chat = randomUUID();
    await submit(`limit ${chat}`, { deps: asOpenAI("chat"), settings: settings({ maxTokens: 77 }) });
    const viaChat = fake.requests().find((r) => JSON.stringify(r.body).includes(chat))!;
    expect(viaChat.path).toBe("/v1/chat/completions");
    expect(viaChat.body.max_completion_tokens).toBe(77);
    expect(viaChat.body.max_tokens).toBeUndefined();
  });

  const failures: [string, FakeReply, string, RegExp, string][] = [
    ["a bad key", { status: 401 }, "auth", /API key/, ""],
    ["an unknown model", { status: 404, errorCode: "model_not_found" }, "model_not_found", /"gpt-4o-mini" is not available/, ""],
    ["a rate limit", { status: 429, headers: { "retry-after": "20" } }, "rate_limit", /Try again in 20 seconds/, ""],
    ["a used-up quota", { status: 429, errorCode: "insufficient_quota" }, "quota", /quota/, ""],
    ["a blocked prompt", { status: 400, errorCode: "content_filter" }, "content_filter", /content filter/, ""],
    ["a provider outage", { status: 503 }, "provider", /had a problem/, ""],
    ["a stream that breaks", { chunks: ["Half", " a reply", " lost"], disconnectAfter: 2 }, "interrupted", /broke off/, "Half a reply"],
    ["a stream that stalls", { chunks: ["Slow", " start", " never"], stallAfter: 1 }, "timeout", /too long/, "Slow"],
    ["a filtered reply", { chunks: ["Some", " text"], finishReason: "content_filter" }, "content_filter", /content filter/, "Some text"],
  ];

  for (const [name, reply, kind, message, partial] of failures) {
    it(`turns ${name} into a specific message and keeps both sides`, async () => {
      const token = randomUUID();
      fake.script(token, reply);
      const chunks = await submit(`please ${token}`, { deps: deps({ idleTimeoutMs: 400 }) });
      const error = errorOf(chunks);
      expect(error, JSON.stringify(chunks)).toBeDefined();
      expect((error as { errorText: string }).errorText).toMatch(message);
      expect(textOf(chunks)).toBe(partial);

      const messages = await store.listMessages(users.alice.id, currentConversation);
      expect(messages.map((m) => [m.role, m.status])).toEqual([
        ["user", "complete"],
        ["assistant", "error"],
      ]);
      expect(messages[0].content).toBe(`please ${token}`);
      expect(messages[1]).toMatchObject({ errorKind: kind, content: partial });
    });
  }

  it("reports an unreachable provider as a network problem", async () => {
    const unreachable = deps({ provider: { kind: "openai", apiKey: "sk", baseURL: "http://127.0.0.1:9/v1" } });
    const chunks = await submit("anyone?", { deps: unreachable });
    expect((errorOf(chunks) as { errorText: string }).errorText).toMatch(/could not reach/);
    const [, reply] = await store.listMessages(users.alice.id, currentConversation);
    expect(reply).toMatchObject({ status: "error", errorKind: "network" });
  });

  it("says exactly what to configure when there is no provider", async () => {
    const chunks = await submit("hello?", { deps: deps({ provider: null }) });
    const text = (errorOf(chunks) as { errorText: string }).errorText;
    expect(text).toContain("OPENAI_API_KEY");
    expect(text).toContain("OPENAI_BASE_URL");
    const messages = await store.listMessages(users.alice.id, currentConversation);
    expect(messages.map((m) => [m.role, m.status, m.errorKind])).toEqual([
      ["user", "complete", null],
      ["assistant", "error", "not_configured"],
    ]);
  });

  it("keeps the partial reply as stopped when the person stops it, and aborts the provider call", async () => {
    const token = randomUUID();
    const turnId = randomUUID();
    fake.script(token, { chunks: ["Once upon", " a time", " there"], stallAfter: 1 });
    const reader = (await start(`story ${token}`, { turnId })).getReader();
    await readUntilText(reader);
    stopTurn(users.bob.id, turnId); // not Bob's to stop: ignored
    stopTurn(users.alice.id, turnId);
    const rest = await readAll(reader);
    expect(rest.find((c) => c.type === "message-metadata")).toMatchObject({ messageMetadata: { status: "stopped" } });
    expect(rest.at(-1)).toMatchObject({ type: "finish" });

    const upstream = await fake.waitForClose(token);
    expect(upstream.closedEarly).toBe(true);
    const [, reply] = await store.listMessages(users.alice.id, currentConversation);
    expect(reply).toMatchObject({ role: "assistant", status: "stopped", content: "Once upon" });
  });

  it("honours a Stop that arrives before its turn has started", async () => {
    const turnId = randomUUID();
    const before = fake.requests().length;
    stopTurn(users.alice.id, turnId);
    const chunks = await submit("never mind", { turnId });
    expect(chunks.at(-1)).toMatchObject({ type: "finish" });
    expect(fake.requests().length).toBe(before);
    const messages = await store.listMessages(users.alice.id, currentConversation);
    expect(messages.map((m) => [m.role, m.status, m.content])).toEqual([
      ["user", "complete", "never mind"],
      ["assistant", "stopped", ""],
    ]);
  });

  it("stops a reply when the Stop reached another server instance (through the store)", async () => {
    const token = randomUUID();
    const turnId = randomUUID();
    fake.script(token, { chunks: ["Far away", " and long ago"], stallAfter: 1 });
    const reader = (await start(`tale ${token}`, { turnId, deps: deps({ stopPollMs: 20 }) })).getReader();
    await readUntilText(reader);
    await store.requestStop(users.bob.id, turnId); // someone else's Stop is ignored
    await store.requestStop(users.alice.id, turnId);
    const rest = await readAll(reader);
    expect(rest.find((c) => c.type === "message-metadata")).toMatchObject({ messageMetadata: { status: "stopped" } });
    expect((await fake.waitForClose(token)).closedEarly).toBe(true);
    const [, reply] = await store.listMessages(users.alice.id, currentConversation);
    expect(reply).toMatchObject({ status: "stopped", content: "Far away" });
  });

  it("ends a reply that runs into the time limit, keeping what was written", async () => {
    const token = randomUUID();
    fake.script(token, { chunks: ["The first part", " and never the rest"], stallAfter: 1 });
    const chunks = await submit(`endless ${token}`, { deps: deps({ replyTimeLimitMs: 1_000 }) });
    expect(chunks.find((c) => c.type === "message-metadata")).toMatchObject({
      messageMetadata: { status: "error", errorKind: "interrupted", errorCode: "time_limit", errorVars: { seconds: 1 } },
    });
    expect((await fake.waitForClose(token)).closedEarly).toBe(true);
    const [, reply] = await store.listMessages(users.alice.id, currentConversation);
    expect(reply).toMatchObject({ status: "error", errorKind: "interrupted", content: "The first part" });
  });

  it("writes one reply at a time per conversation, and a few per person", async () => {
    const token = randomUUID();
    fake.script(token, { chunks: ["Busy", " still"], holdAfter: 1 }, 3);
    const first = (await start(`one ${token}`)).getReader();
    await readUntilText(first);
    await expect(submit(`two ${token}`)).rejects.toMatchObject({ status: 409, code: "busy" });

    const others = [randomUUID(), randomUUID()];
    const readers: ReadableStreamDefaultReader<ChatChunk>[] = [];
    for (const conversationId of others) readers.push((await start(`more ${token}`, { conversationId })).getReader());
    await expect(start("a fourth", { conversationId: randomUUID() })).rejects.toMatchObject({ status: 429 });
    // Someone else is not held back by Alice's replies.
    const bobs = await start("bob here", { userId: users.bob.id, conversationId: randomUUID() });

    fake.release(token);
    await Promise.all([readAll(first), ...readers.map(readAll), drain(bobs)]);
    // Once the reply is stored, the conversation takes messages again.
    await submit(`three ${token}`);
    const messages = await store.listMessages(users.alice.id, currentConversation);
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
  });

  it("finishes and stores the reply when the browser goes away mid-reply", async () => {
    const token = randomUUID();
    fake.script(token, { chunks: ["Still", " here", " at the end"], holdAfter: 1 });
    const reader = (await start(`leave ${token}`)).getReader();
    await readUntilText(reader);
    await reader.cancel();
    fake.release(token);

    const upstream = await fake.waitForClose(token);
    expect(upstream.closedEarly).toBe(false);
    await expect.poll(async () => (await store.listMessages(users.alice.id, currentConversation)).length).toBe(2);
    const [, reply] = await store.listMessages(users.alice.id, currentConversation);
    expect(reply).toMatchObject({ role: "assistant", status: "complete", content: "Still here at the end" });
  });

  it("regenerates a failed reply in place", async () => {
    const token = randomUUID();
    fake.script(token, { status: 500 });
    await submit(`again ${token}`);
    const stream = await turn(deps(), {
      turnId: randomUUID(),
      trigger: "regenerate",
      userId: users.alice.id,
      conversationId: currentConversation,
      settings: settings(),
    });
    await drain(stream);
    const messages = await store.listMessages(users.alice.id, currentConversation);
    expect(messages.map((m) => [m.role, m.status, m.content])).toEqual([
      ["user", "complete", `again ${token}`],
      ["assistant", "complete", `Echo: again ${token}`],
    ]);
  });

  it("an edit replaces the message and everything after it, and answers the new text", async () => {
    await submit("first question");
    await submit("second question");
    const [first, , second] = await store.listMessages(users.alice.id, currentConversation);
    const stream = await turn(deps(), {
      turnId: randomUUID(),
      trigger: "edit",
      userId: users.alice.id,
      conversationId: currentConversation,
      messageId: first.id,
      text: "better question",
      settings: settings(),
    });
    await drain(stream);
    const messages = await store.listMessages(users.alice.id, currentConversation);
    expect(messages.map((m) => [m.role, m.content])).toEqual([
      ["user", "better question"],
      ["assistant", "Echo: better question"],
    ]);
    expect(messages[0].id).toBe(first.id);
    expect(messages.some((m) => m.id === second.id)).toBe(false);
    const [request] = fake.requests().slice(-1);
    expect(request.body.messages.map((m: { content: string }) => m.content)).toEqual(["better question"]);
  });

  it("refuses an edit of a reply, an unknown message or someone else's, and changes nothing", async () => {
    await submit("keep me");
    const [mine, reply] = await store.listMessages(users.alice.id, currentConversation);
    const requestsBefore = fake.requests().length;
    const edit = (userId: string, messageId: string) =>
      turn(deps(), {
        turnId: randomUUID(),
        trigger: "edit",
        userId,
        conversationId: currentConversation,
        messageId,
        text: "changed",
        settings: settings(),
      });
    await expect(edit(users.alice.id, reply.id)).rejects.toMatchObject({ status: 404, code: "message_not_found" });
    await expect(edit(users.alice.id, randomUUID())).rejects.toMatchObject({ status: 404, code: "message_not_found" });
    await expect(edit(users.bob.id, mine.id)).rejects.toMatchObject({ status: 404 });
    expect(fake.requests().length).toBe(requestsBefore);
    const messages = await store.listMessages(users.alice.id, currentConversation);
    expect(messages.map((m) => m.content)).toEqual(["keep me", "Echo: keep me"]);
  });

  it("never touches another person's conversation", async () => {
    await submit("mine");
    const requestsBefore = fake.requests().length;
    await expect(submit("let me in", { userId: users.bob.id })).rejects.toMatchObject({ status: 404 });
    await expect(
      turn(deps(), { turnId: randomUUID(), trigger: "regenerate", userId: users.bob.id, conversationId: currentConversation, settings: settings() }),
    ).rejects.toBeInstanceOf(ApiError);
    expect(fake.requests().length).toBe(requestsBefore);
    const messages = await store.listMessages(users.alice.id, currentConversation);
    expect(messages.map((m) => m.content)).toEqual(["mine", "Echo: mine"]);
  });
});

const metaOf = (chunks: ChatChunk[]) =>
  chunks.filter((c) => c.type === "message-metadata").map((c) => (c as { messageMetadata: MessageMeta }).messageMetadata).at(-1)!;

describe("model parameters", () => {
  type Extended = ChatSettings & { topP: number; presencePenalty: number; frequencyPenalty: number };
  const extended = (values: Partial<Extended>) => ({ ...settings(), ...values }) as ChatSettings;

  it("sends exactly the parameters chosen", async () => {
    const token = randomUUID();
    await submit(`params ${token}`, {
      settings: extended({ model: "fake-small", temperature: 0.7, topP: 0.9, presencePenalty: 0.5, frequencyPenalty: -1.25, maxTokens: 321 }),
    });
    const request = await fake.waitForRequest(token);
    const { messages: _messages, ...rest } = request.body;
    expect(rest).toEqual({
      model: "fake-small",
      temperature: 0.7,
      top_p: 0.9,
      presence_penalty: 0.5,
      frequency_penalty: -1.25,
      max_tokens: 321,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("leaves out what was left at the provider's defaults (and settings stored before these fields existed)", async () => {
    const token = randomUUID();
    await submit(`defaults ${token}`, { settings: extended({ topP: 1, presencePenalty: 0, frequencyPenalty: 0 }) });
    const token2 = randomUUID();
    await submit(`older ${token2}`, { conversationId: randomUUID(), settings: settings() });
    for (const t of [token, token2]) {
      const request = await fake.waitForRequest(t);
      expect(Object.keys(request.body).sort()).toEqual(["messages", "model", "stream", "stream_options", "temperature"]);
    }
  });
});

describe("provider errors as codes the browser words", () => {
  const cases: [string, FakeReply, Partial<TurnDeps>, Record<string, unknown>][] = [
    ["rate limit with a wait", { status: 429, headers: { "retry-after": "20" } }, {}, { errorCode: "rate_limit_wait", errorVars: { seconds: 20 } }],
    ["unknown model", { status: 404 }, {}, { errorCode: "model_not_found", errorVars: { model: "gpt-4o-mini" } }],
    ["bad key", { status: 401 }, {}, { errorCode: "auth", errorVars: { variable: "OPENAI_API_KEY" } }],
    ["blocked prompt", { status: 400, errorCode: "content_filter" }, {}, { errorCode: "content_filter_prompt", errorVars: null }],
  ];
  for (const [name, reply, extra, expected] of cases) {
    it(name, async () => {
      const token = randomUUID();
      fake.script(token, reply);
      const chunks = await submit(`codes ${token}`, { deps: deps(extra) });
      expect(metaOf(chunks)).toMatchObject({ status: "error", ...expected });
    });
  }

  it("names the variable to set when there is no provider or it cannot be reached", async () => {
    const none = await submit("configure me", { deps: deps({ provider: null }) });
    expect(metaOf(none)).toMatchObject({ errorKind: "not_configured", errorCode: "not_configured" });
    const unreachable = await submit("reach me", {
      conversationId: randomUUID(),
      deps: deps({ provider: { kind: "openai", apiKey: "sk", baseURL: "http://127.0.0.1:9/v1" } }),
    });
    expect(metaOf(unreachable)).toMatchObject({ errorCode: "network", errorVars: { variable: "OPENAI_BASE_URL" } });
  });
});

describe("long conversations", () => {
  const WORDS = "the of and to in is that it was for on are with as his they be at one have this from or had by hot word but what some we can out other were all there when up use your how said an each she which do their time if will way about many then them write would like so these her long make thing see him two has look more day could go come did number sound no most people my over know water than call first who may down side been now find".split(" ");

  /** Deterministic text of about `chars` characters. */
  function prose(seed: number, chars: number): string {
    let state = seed;
    const out: string[] = [];
    let length = 0;
    while (length < chars) {
      state = (state * 1103515245 + 12345) % 2147483648;
      const word = WORDS[state % WORDS.length];
      out.push(word);
      length += word.length + 1;
    }
    return out.join(" ");
  }

  async function importLongConversation(count: number, huge: { index: number; chars: number }) {
    const start = Date.now() - count * 1000;
    const messages = Array.from({ length: count }, (_, i) => ({
      role: (i % 2 === 0 ? "user" : "assistant") as "user" | "assistant",
      content: i === huge.index ? prose(i, huge.chars) : `m${i} ${prose(i, [20, 200, 1200, 60][i % 4])}`,
      status: "complete" as const,
      createdAt: new Date(start + i * 1000),
    }));
    // Ends with a reply, so the next message is the person's.
    if (messages.at(-1)!.role === "user") messages.pop();
    const conversation = await store.importConversation({
      userId: users.alice.id,
      title: "Long",
      createdAt: new Date(start),
      updatedAt: new Date(),
      messages,
    });
    return { conversation, stored: messages.length };
  }

  const cases: [string, string, TurnDeps["contextWindows"], number][] = [
    ["an unknown model, with the default window", "fake-small", undefined, 8_192],
    ["a model given a window by MODEL_CONTEXT_WINDOWS (another tokenizer: with a margin)", "llama3.1:8b", { default: undefined, byModel: [{ prefix: "llama3", tokens: 4_096 }] }, 4_096],
    ["gpt-4o (128k, counted exactly)", "gpt-4o", undefined, 128_000],
  ];

  // Imported once (storing 3,000 messages takes a while); each case adds its own exchange.
  let long: ReturnType<typeof importLongConversation> | undefined;

  for (const [name, model, contextWindows, window] of cases) {
    it(`fits thousands of messages, including a huge one, into the window: ${name}`, async () => {
      long ??= importLongConversation(3_000, { index: 2_970, chars: 150_000 });
      const { conversation } = await long;
      const stored = (await store.listMessages(users.alice.id, conversation.id)).length;
      const token = randomUUID();
      const chunks = await submit(`newest ${token}`, {
        conversationId: conversation.id,
        settings: settings({ model, systemPrompt: "You are terse." }),
        // Counting 3,000 messages on a loaded machine can outlast the suite's short provider timeout.
        deps: deps({ contextWindows, idleTimeoutMs: 60_000 }),
      });
      expect(chunks.at(-1)).toMatchObject({ type: "finish" });

      const request = await fake.waitForRequest(token);
      const sent = request.body.messages as { role: string; content: string }[];
      const tokens = await promptTokensOf(request.body);
      expect(tokens).toBeLessThanOrEqual(window - replyReserve(window, null));
      expect(sent[0]).toEqual({ role: "system", content: "You are terse." });
      expect(sent.at(-1)).toEqual({ role: "user", content: `newest ${token}` });

      // The newest history, without gaps, and how much was left out.
      const history = (await store.listMessages(users.alice.id, conversation.id)).slice(0, -1); // without the new reply
      const kept = sent.length - 1;
      expect(sent.slice(1)).toEqual(history.slice(-kept).map((m) => ({ role: m.role, content: m.content })));
      const omitted = stored + 1 - kept;
      expect(omitted).toBeGreaterThan(0);
      const start = chunks.find((c) => c.type === "start") as { messageMetadata: { omitted: number } };
      expect(start.messageMetadata.omitted).toBe(omitted);
      expect(metaOf(chunks)).toMatchObject({ status: "complete", omitted });
      if (window === 128_000) {
        // Large windows keep the huge message and use most of the room.
        expect(sent.some((m) => m.content.length >= 140_000)).toBe(true);
        expect(tokens).toBeGreaterThan((window - replyReserve(window, null)) * 0.9);
      }
    }, 150_000);
  }

  it("sends a short conversation whole", async () => {
    const token = randomUUID();
    const chunks = await submit(`short ${token}`);
    expect(metaOf(chunks)).toMatchObject({ omitted: 0 });
  });
});

describe("generated titles", () => {
  const titleDeps = (extra: Partial<TurnDeps> = {}) => deps({ generateTitles: true, ...extra });
  const titleChunk = (chunks: ChatChunk[]) => chunks.find((c) => c.type === "data-title");

  it("names a new conversation after its first exchange, and tells the browser before the stream ends", async () => {
    const token = randomUUID();
    fake.script(token, { for: "title", chunks: ['"Pasta for ', 'two."'] });
    const chunks = await submit(`How do I cook pasta for two people? ${token}`, { deps: titleDeps({ titleModel: "fake-small" }) });

    const title = titleChunk(chunks);
    expect(title).toEqual({ type: "data-title", data: { conversationId: currentConversation, title: "Pasta for two" }, transient: true });
    expect(chunks.indexOf(title!)).toBeLessThan(chunks.findIndex((c) => c.type === "finish"));
    expect(textOf(chunks)).toBe(`Echo: How do I cook pasta for two people? ${token}`);
    expect((await store.getConversation(users.alice.id, currentConversation))?.title).toBe("Pasta for two");

    const [request] = fake.requests("title").filter((r) => JSON.stringify(r.body).includes(token));
    expect(request.body.model).toBe("fake-small");
    expect(request.body.stream).toBeFalsy();
    expect(request.body.messages[0]).toEqual({ role: "system", content: TITLE_INSTRUCTIONS });
    expect(TITLE_INSTRUCTIONS).toContain(TITLE_REQUEST_MARKER);
    // Chat scripts and the chat request log never see the title request.
    expect(fake.requests().filter((r) => JSON.stringify(r.body).includes(token))).toHaveLength(1);

    // Only the first exchange is titled.
    await submit(`and for four? ${token}`, { deps: titleDeps() });
    expect(fake.requests("title").filter((r) => JSON.stringify(r.body).includes(token))).toHaveLength(1);
  });

  it("uses the conversation's model unless TITLE_MODEL is set", async () => {
    const token = randomUUID();
    await submit(`model choice ${token}`, { deps: titleDeps(), settings: settings({ model: "gpt-4o" }) });
    const request = await fake.waitForRequest(token, 2_000, "title");
    expect(request.body.model).toBe("gpt-4o");
  });

  it("keeps the first words when the title call fails", async () => {
    const token = randomUUID();
    fake.script(token, { for: "title", status: 500 });
    const chunks = await submit(`Failing title ${token}`, { deps: titleDeps() });
    expect(titleChunk(chunks)).toBeUndefined();
    expect(chunks.at(-1)).toMatchObject({ type: "finish" });
    expect((await store.getConversation(users.alice.id, currentConversation))?.title).toBe(`Failing title ${token}`);
  });

  it("keeps the first words when the title is slow, without holding the reply long", async () => {
    const token = randomUUID();
    fake.script(token, { for: "title", hang: true });
    const chunks = await submit(`Slow title ${token}`, { deps: titleDeps({ titleTimeoutMs: 150 }) });
    expect(titleChunk(chunks)).toBeUndefined();
    expect(metaOf(chunks)).toMatchObject({ status: "complete" });
    expect((await store.getConversation(users.alice.id, currentConversation))?.title).toBe(`Slow title ${token}`);
    expect((await fake.waitForClose(token, 2_000, "title")).closedEarly).toBe(true);
  });

  it("never overwrites a title the person chose meanwhile", async () => {
    const token = randomUUID();
    fake.script(token, { for: "title", chunks: ["Generated"], holdAfter: 0 });
    const reader = (await start(`Rename race ${token}`, { deps: titleDeps() })).getReader();
    await fake.waitForRequest(token, 2_000, "title");
    await readUntilText(reader);
    expect(await store.renameConversation(users.alice.id, currentConversation, "My own name")).toBe(true);
    fake.release(token);
    const rest = await readAll(reader);
    expect(titleChunk(rest)).toBeUndefined();
    expect((await store.getConversation(users.alice.id, currentConversation))?.title).toBe("My own name");
  });
});
