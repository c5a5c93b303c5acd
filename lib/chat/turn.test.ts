import { randomUUID } from "node:crypto";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI, type FakeReply, type RecordedRequest } from "@/e2e/support/fake-openai";
import type { ProviderConfig } from "@/lib/config";
import { defaultSettings, type ChatSettings } from "@/lib/settings";
import { openSqlStore } from "@/lib/store/sql/open";
import type { Store, User } from "@/lib/store/types";
import { stopTurn } from "./active-turns";
import { beginTurn, TurnRejected, type ChatChunk, type TurnDeps } from "./turn";

let store: Store;
let fake: FakeOpenAI;
let alice: User;
let bob: User;
/** Messages stored at the moment the provider was called, per request. */
const storedAtCall = new Map<number, string[]>();
let currentConversation = "";

beforeAll(async () => {
  store = await openSqlStore({ memory: true });
  fake = await startFakeOpenAI({
    onRequest: async (request: RecordedRequest) => {
      const messages = await store.listMessages(alice.id, currentConversation);
      storedAtCall.set(request.id, messages.map((m) => `${m.role}:${m.content}`));
    },
  });
  const user = (email: string) => ({ email, name: email, passwordHash: "x", role: "user" as const });
  alice = await store.createUser(user("alice@example.com"));
  bob = await store.createUser(user("bob@example.com"));
});

afterAll(async () => {
  await fake.close();
  await store.close();
});

beforeEach(() => {
  currentConversation = randomUUID();
});

const provider = (): ProviderConfig => ({ kind: "openai", apiKey: "sk-test", baseURL: fake.url });
const deps = (overrides: Partial<TurnDeps> = {}): TurnDeps => ({ store, provider: provider(), idleTimeoutMs: 2_000, ...overrides });
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

/** Starts a turn that sends `text`, in the test's conversation unless told otherwise. */
function start(text: string, options: TurnOptions = {}) {
  return beginTurn(options.deps ?? deps(), {
    turnId: options.turnId ?? randomUUID(),
    kind: "submit",
    userId: options.userId ?? alice.id,
    conversationId: options.conversationId ?? currentConversation,
    text,
    settings: options.settings ?? settings(),
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

    const messages = await store.listMessages(alice.id, currentConversation);
    expect(messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ["user", `hi ${token}`, "complete"],
      ["assistant", "Hello there", "complete"],
    ]);
    expect(messages[1]).toMatchObject({ model: "gpt-4o-mini", usage: { promptTokens: 11, completionTokens: 3 }, errorKind: null });
    const conversation = await store.getConversation(alice.id, currentConversation);
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

  it("uses max_completion_tokens for OpenAI itself", async () => {
    const token = randomUUID();
    // Same fake server, but configured as if it were api.openai.com (no base URL override).
    const asOpenAI = deps({
      createClient: (_config, timeout) => new OpenAI({ apiKey: "sk", baseURL: fake.url, maxRetries: 0, timeout }),
      provider: { kind: "openai", apiKey: "sk", baseURL: undefined },
    });
    await submit(`limit ${token}`, { deps: asOpenAI, settings: settings({ maxTokens: 77 }) });
    const request = fake.requests().find((r) => JSON.stringify(r.body).includes(token))!;
    expect(request.body.max_completion_tokens).toBe(77);
    expect(request.body.max_tokens).toBeUndefined();
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

      const messages = await store.listMessages(alice.id, currentConversation);
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
    const [, reply] = await store.listMessages(alice.id, currentConversation);
    expect(reply).toMatchObject({ status: "error", errorKind: "network" });
  });

  it("says exactly what to configure when there is no provider", async () => {
    const chunks = await submit("hello?", { deps: deps({ provider: null }) });
    const text = (errorOf(chunks) as { errorText: string }).errorText;
    expect(text).toContain("OPENAI_API_KEY");
    expect(text).toContain("OPENAI_BASE_URL");
    const messages = await store.listMessages(alice.id, currentConversation);
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
    stopTurn(bob.id, turnId); // not Bob's to stop: ignored
    stopTurn(alice.id, turnId);
    const rest = await readAll(reader);
    expect(rest.find((c) => c.type === "message-metadata")).toMatchObject({ messageMetadata: { status: "stopped" } });
    expect(rest.at(-1)).toMatchObject({ type: "finish" });

    const upstream = await fake.waitForClose(token);
    expect(upstream.closedEarly).toBe(true);
    const [, reply] = await store.listMessages(alice.id, currentConversation);
    expect(reply).toMatchObject({ role: "assistant", status: "stopped", content: "Once upon" });
  });

  it("honours a Stop that arrives before its turn has started", async () => {
    const turnId = randomUUID();
    const before = fake.requests().length;
    stopTurn(alice.id, turnId);
    const chunks = await submit("never mind", { turnId });
    expect(chunks.at(-1)).toMatchObject({ type: "finish" });
    expect(fake.requests().length).toBe(before);
    const messages = await store.listMessages(alice.id, currentConversation);
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
    await store.requestStop(bob.id, turnId); // someone else's Stop is ignored
    await store.requestStop(alice.id, turnId);
    const rest = await readAll(reader);
    expect(rest.find((c) => c.type === "message-metadata")).toMatchObject({ messageMetadata: { status: "stopped" } });
    expect((await fake.waitForClose(token)).closedEarly).toBe(true);
    const [, reply] = await store.listMessages(alice.id, currentConversation);
    expect(reply).toMatchObject({ status: "stopped", content: "Far away" });
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
    const bobs = await start("bob here", { userId: bob.id, conversationId: randomUUID() });

    fake.release(token);
    await Promise.all([readAll(first), ...readers.map(readAll), drain(bobs)]);
    // Once the reply is stored, the conversation takes messages again.
    await submit(`three ${token}`);
    const messages = await store.listMessages(alice.id, currentConversation);
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
    await expect.poll(async () => (await store.listMessages(alice.id, currentConversation)).length).toBe(2);
    const [, reply] = await store.listMessages(alice.id, currentConversation);
    expect(reply).toMatchObject({ role: "assistant", status: "complete", content: "Still here at the end" });
  });

  it("regenerates a failed reply in place", async () => {
    const token = randomUUID();
    fake.script(token, { status: 500 });
    await submit(`again ${token}`);
    const stream = await beginTurn(deps(), {
      turnId: randomUUID(),
      kind: "regenerate",
      userId: alice.id,
      conversationId: currentConversation,
      settings: settings(),
    });
    await drain(stream);
    const messages = await store.listMessages(alice.id, currentConversation);
    expect(messages.map((m) => [m.role, m.status, m.content])).toEqual([
      ["user", "complete", `again ${token}`],
      ["assistant", "complete", `Echo: again ${token}`],
    ]);
  });

  it("an edit replaces the message and everything after it, and answers the new text", async () => {
    await submit("first question");
    await submit("second question");
    const [first, , second] = await store.listMessages(alice.id, currentConversation);
    const stream = await beginTurn(deps(), {
      turnId: randomUUID(),
      kind: "edit",
      userId: alice.id,
      conversationId: currentConversation,
      messageId: first.id,
      text: "better question",
      settings: settings(),
    });
    await drain(stream);
    const messages = await store.listMessages(alice.id, currentConversation);
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
    const [mine, reply] = await store.listMessages(alice.id, currentConversation);
    const requestsBefore = fake.requests().length;
    const edit = (userId: string, messageId: string) =>
      beginTurn(deps(), {
        turnId: randomUUID(),
        kind: "edit",
        userId,
        conversationId: currentConversation,
        messageId,
        text: "changed",
        settings: settings(),
      });
    await expect(edit(alice.id, reply.id)).rejects.toMatchObject({ status: 404, code: "message_not_found" });
    await expect(edit(alice.id, randomUUID())).rejects.toMatchObject({ status: 404, code: "message_not_found" });
    await expect(edit(bob.id, mine.id)).rejects.toMatchObject({ status: 404 });
    expect(fake.requests().length).toBe(requestsBefore);
    const messages = await store.listMessages(alice.id, currentConversation);
    expect(messages.map((m) => m.content)).toEqual(["keep me", "Echo: keep me"]);
  });

  it("never touches another person's conversation", async () => {
    await submit("mine");
    const requestsBefore = fake.requests().length;
    await expect(submit("let me in", { userId: bob.id })).rejects.toMatchObject({ status: 404 });
    await expect(
      beginTurn(deps(), { turnId: randomUUID(), kind: "regenerate", userId: bob.id, conversationId: currentConversation, settings: settings() }),
    ).rejects.toBeInstanceOf(TurnRejected);
    expect(fake.requests().length).toBe(requestsBefore);
    const messages = await store.listMessages(alice.id, currentConversation);
    expect(messages.map((m) => m.content)).toEqual(["mine", "Echo: mine"]);
  });
});
