import { expect, test, type APIRequest, type APIRequestContext } from "@playwright/test";
import OpenAI from "openai";
import { findRequests, releaseReply, scriptReply, waitForFakeRequest } from "../test-support/fake-openai/client";
import { createApiKey, openaiFor, ownAddress, rawCall } from "./support/api-keys";
import { E2E } from "./support/env";
import { unique } from "./support/session";

/**
 * /api/v1 through the official `openai` client (and raw HTTP where the
 * client hides what is checked), against the production build with the fake
 * provider. Bob's keys; Alice's where a second person is needed.
 */
test.use({ storageState: E2E.bob.state });

const fake = `${E2E.fakeOrigin}/v1`;
const json = (body: unknown) => JSON.stringify(body);

async function asAlice(playwright: { request: APIRequest }): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL: E2E.appUrl, storageState: E2E.alice.state });
}

test("models, and a stateless completion streamed and not, counted in usage and stored nowhere", async ({ request }) => {
  const { secret } = await createApiKey(request, unique("script"));
  const client = openaiFor(secret);
  const models = await client.models.list();
  expect(models.data.map((m) => m.id)).toEqual(expect.arrayContaining(["gpt-4o", "fake-small"]));
  expect(models.data.every((m) => m.object === "model")).toBe(true);

  const tag = unique("plain");
  const { data: completion, response } = await client.chat.completions
    .create({ model: "gpt-4o", messages: [{ role: "user", content: `Hello ${tag}` }], temperature: 0.3, max_tokens: 50 })
    .withResponse();
  expect(response.headers.get("x-parley-conversation")).toBeNull();
  expect(completion.object).toBe("chat.completion");
  expect(completion.model).toBe("gpt-4o");
  expect(completion.choices[0].message).toMatchObject({ role: "assistant", content: `Echo: Hello ${tag}` });
  expect(completion.choices[0].finish_reason).toBe("stop");
  expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  const [sent] = await findRequests(fake, tag);
  expect(sent.body).toMatchObject({ model: "gpt-4o", temperature: 0.3, max_tokens: 50 });

  const streamed = unique("streamed");
  const stream = await client.chat.completions.create({
    model: "gpt-4o",
    messages: [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Earlier question" },
      { role: "assistant", content: "Earlier answer" },
      { role: "user", content: `Now ${streamed}` },
    ],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = "";
  const finishes: (string | null)[] = [];
  let usage: OpenAI.CompletionUsage | null | undefined;
  for await (const chunk of stream) {
    expect(chunk.object).toBe("chat.completion.chunk");
    for (const choice of chunk.choices) {
      text += choice.delta.content ?? "";
      finishes.push(choice.finish_reason);
    }
    if (chunk.usage) usage = chunk.usage;
  }
  expect(text).toBe(`Echo: Now ${streamed}`);
  expect(finishes.at(-1)).toBe("stop");
  expect(usage?.prompt_tokens).toBeGreaterThan(0);
  expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
  // The client's whole history went to the model, and nothing was kept.
  const [history] = await findRequests(fake, streamed);
  expect(history.body.messages).toEqual([
    { role: "system", content: "Be brief." },
    { role: "user", content: "Earlier question" },
    { role: "assistant", content: "Earlier answer" },
    { role: "user", content: `Now ${streamed}` },
  ]);
  const search = await request.get(`/api/conversations/search?q=${encodeURIComponent(streamed)}`);
  expect((await search.json()).results).toEqual([]);

  // On the wire: server-sent events ending in [DONE], the usage chunk just before it.
  const raw = await fetch(`${E2E.appUrl}/api/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: json({ model: "gpt-4o", messages: [{ role: "user", content: "wire" }], stream: true, stream_options: { include_usage: true } }),
  });
  expect(raw.headers.get("content-type")).toContain("text/event-stream");
  const events = (await raw.text()).split("\n\n").filter((e) => e.startsWith("data: "));
  expect(events.at(-1)).toBe("data: [DONE]");
  const usageChunk = JSON.parse(events.at(-2)!.slice(6));
  expect(usageChunk.choices).toEqual([]);
  expect(usageChunk.usage.total_tokens).toBeGreaterThan(0);
});

test("a kept conversation over three calls: the history comes from Parley, and only the owner's key reads it", async ({ request, playwright }) => {
  const { secret } = await createApiKey(request, unique("bot"));
  const client = openaiFor(secret);
  const tag = unique("kept");

  const first = await client.chat.completions
    .create({ model: "gpt-4o", messages: [{ role: "user", content: `One ${tag}` }] }, { headers: { "X-Parley-Conversation": "new" } })
    .withResponse();
  const id = first.response.headers.get("x-parley-conversation")!;
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  const second = await client.chat.completions
    .create({ model: "gpt-4o", messages: [{ role: "user", content: `Two ${tag}` }], metadata: { conversation_id: id } })
    .withResponse();
  expect(second.response.headers.get("x-parley-conversation")).toBe(id);
  const third = await client.chat.completions.create(
    { model: "gpt-4o", messages: [{ role: "user", content: `Three ${tag}` }], stream: true },
    { headers: { "X-Parley-Conversation": id } },
  );
  let text = "";
  for await (const chunk of third) text += chunk.choices[0]?.delta.content ?? "";
  expect(text).toBe(`Echo: Three ${tag}`);

  const [sent] = await findRequests(fake, `Three ${tag}`);
  expect(sent.body.messages.filter((m: { role: string }) => m.role !== "system")).toEqual([
    { role: "user", content: `One ${tag}` },
    { role: "assistant", content: `Echo: One ${tag}` },
    { role: "user", content: `Two ${tag}` },
    { role: "assistant", content: `Echo: Two ${tag}` },
    { role: "user", content: `Three ${tag}` },
  ]);

  const kept = await rawCall("127.0.0.1", "GET", `/api/v1/conversations/${id}`, { authorization: `Bearer ${secret}` });
  expect(kept.status).toBe(200);
  const conversation = JSON.parse(kept.body);
  expect(conversation.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
    ["user", `One ${tag}`],
    ["assistant", `Echo: One ${tag}`],
    ["user", `Two ${tag}`],
    ["assistant", `Echo: Two ${tag}`],
    ["user", `Three ${tag}`],
    ["assistant", `Echo: Three ${tag}`],
  ]);
  const list = await rawCall("127.0.0.1", "GET", "/api/v1/conversations?limit=100", { authorization: `Bearer ${secret}` });
  expect(JSON.parse(list.body).data.map((c: { id: string }) => c.id)).toContain(id);
  // The web chat has it too.
  expect((await request.get(`/api/conversations/${id}`)).status()).toBe(200);

  // Alice's key cannot read or continue Bob's conversation.
  const alice = await asAlice(playwright);
  const other = await createApiKey(alice, unique("alice-bot"));
  const theirs = await rawCall("127.0.0.1", "GET", `/api/v1/conversations/${id}`, { authorization: `Bearer ${other.secret}` });
  expect(theirs.status).toBe(404);
  expect(JSON.parse(theirs.body).error).toMatchObject({ type: "invalid_request_error", code: "conversation_not_found" });
  await expect(
    openaiFor(other.secret).chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "sneak" }] }, { headers: { "X-Parley-Conversation": id } }),
  ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  expect(JSON.parse((await rawCall("127.0.0.1", "GET", `/api/v1/conversations/${id}`, { authorization: `Bearer ${secret}` })).body).messages).toHaveLength(6);
  await alice.dispose();
});

test("a preset's system prompt is applied, to a stateless call and to a new kept conversation", async ({ request }) => {
  const { secret } = await createApiKey(request, unique("persona"));
  const client = openaiFor(secret);
  const tag = unique("preset");
  await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: `Joke ${tag}` }], metadata: { preset_id: "builtin-witty" } });
  const [witty] = await findRequests(fake, `Joke ${tag}`);
  expect(witty.body.messages[0].role).toBe("system");
  expect(witty.body.messages[0].content).toContain("witty");
  expect(witty.body.temperature).toBe(1.1);

  const own = await request.post("/api/presets", { data: { name: unique("Badbot"), settings: { systemPrompt: `You are Badbot ${tag}.` } } });
  expect(own.status()).toBe(201);
  const presetId = (await own.json()).preset.id as string;
  const { response } = await client.chat.completions
    .create({ model: "gpt-4o", messages: [{ role: "user", content: `Hi ${tag}` }], metadata: { preset_id: presetId, conversation_id: "new" } })
    .withResponse();
  const [bad] = await findRequests(fake, `Hi ${tag}`);
  expect(bad.body.messages[0]).toEqual({ role: "system", content: `You are Badbot ${tag}.` });
  // The conversation keeps the preset's settings, as one started from it in the web chat does.
  const id = response.headers.get("x-parley-conversation")!;
  const settings = await (await request.get(`/api/conversations/${id}/settings`)).json();
  expect(JSON.stringify(settings)).toContain(`You are Badbot ${tag}.`);

  await expect(
    client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "x" }], metadata: { preset_id: "builtin-nope" } }),
  ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
});

test("refusals have OpenAI's shape and the right status", async ({ request }) => {
  const from = ownAddress();
  const { secret } = await createApiKey(request, unique("errors"));
  const auth = { authorization: `Bearer ${secret}`, "content-type": "application/json" };
  const post = (body: string | Buffer, headers: Record<string, string> = auth) => rawCall(from, "POST", "/api/v1/chat/completions", headers, body);
  const error = (answer: { body: string }) => JSON.parse(answer.body).error as { message: string; type: string; code: string };
  const hello = [{ role: "user", content: "hello" }];

  const missing = await rawCall(from, "GET", "/api/v1/models");
  expect(missing.status).toBe(401);
  expect(error(missing)).toMatchObject({ type: "authentication_error", code: "api_key_missing" });
  const wrong = await rawCall(from, "GET", "/api/v1/models", { authorization: `Bearer pk_${"A".repeat(43)}` });
  expect(wrong.status).toBe(401);
  expect(error(wrong)).toMatchObject({ type: "authentication_error", code: "api_key_invalid" });

  const cases: Array<{ name: string; body: string | Buffer; headers?: Record<string, string>; status: number; code: string }> = [
    { name: "model not offered", body: json({ model: "gpt-3-ancient", messages: hello }), status: 404, code: "api_model_not_offered" },
    { name: "unknown conversation", body: json({ messages: hello, metadata: { conversation_id: crypto.randomUUID() } }), status: 404, code: "conversation_not_found" },
    { name: "not a conversation id", body: json({ messages: hello }), headers: { ...auth, "x-parley-conversation": "../etc" }, status: 404, code: "conversation_not_found" },
    { name: "malformed JSON", body: "{nope", status: 400, code: "invalid_json" },
    { name: "no messages", body: json({ model: "gpt-4o", messages: [] }), status: 400, code: "invalid_request" },
    { name: "temperature out of range", body: json({ messages: hello, temperature: 5 }), status: 400, code: "invalid_request" },
    { name: "a tool message", body: json({ messages: [{ role: "tool", content: "x" }] }), status: 400, code: "invalid_request" },
    { name: "history sent to a kept conversation", body: json({ messages: [...hello, { role: "assistant", content: "hi" }, ...hello], metadata: { conversation_id: "new" } }), status: 400, code: "invalid_request" },
    { name: "message too long", body: json({ messages: [{ role: "user", content: "x".repeat(32_001) }] }), status: 413, code: "invalid_request" },
    { name: "body too large", body: Buffer.alloc(5 * 1024 * 1024, "x"), status: 413, code: "too_large" },
    { name: "not JSON", body: "hello", headers: { ...auth, "content-type": "text/plain" }, status: 415, code: "unsupported_media_type" },
  ];
  for (const c of cases) {
    const answer = await post(c.body, c.headers);
    expect(answer.status, c.name).toBe(c.status);
    expect(error(answer).code, c.name).toBe(c.code);
    expect(error(answer).message, c.name).toBeTruthy();
    expect(error(answer).type, c.name).toBe("invalid_request_error");
  }
  const oversized = await post(json({ messages: [{ role: "user", content: "x".repeat(32_001) }] }));
  expect(error(oversized).message).toMatch(/too long/);

  // The provider's trouble, with the status a client library expects.
  const failing = unique("failing");
  await scriptReply(fake, failing, { status: 500 });
  const down = await post(json({ messages: [{ role: "user", content: failing }] }));
  expect(down.status).toBe(502);
  expect(error(down)).toMatchObject({ type: "api_error", code: "provider" });
  const limited = unique("limited");
  await scriptReply(fake, limited, { status: 429, headers: { "retry-after": "20" } });
  const busy = await post(json({ messages: [{ role: "user", content: limited }], stream: true }));
  expect(busy.status).toBe(429);
  expect(busy.headers["retry-after"]).toBe("20");
  expect(error(busy)).toMatchObject({ type: "rate_limit_error", code: "rate_limit_wait" });
  const slow = unique("slow");
  await scriptReply(fake, slow, { hang: true });
  const late = await post(json({ messages: [{ role: "user", content: slow }] }));
  expect(late.status).toBe(504);
  expect(error(late).code).toBe("timeout");
});

test("the web chat's limits: a fourth reply at once, or a second in one conversation, is a 429 with Retry-After", async ({ request }) => {
  const { secret } = await createApiKey(request, unique("limits"));
  const client = openaiFor(secret);
  const tag = unique("held");
  await scriptReply(fake, tag, { holdAfter: 1, chunks: ["held ", "reply"] }, 4);
  // Bob's other tests may be writing replies too, so start held ones until
  // the person's limit (three at once) refuses one: never past the third.
  const streams = [];
  let refused: InstanceType<typeof OpenAI.RateLimitError> | null = null;
  for (let n = 1; n <= 4 && !refused; n++) {
    try {
      streams.push(await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: `${tag} ${n}` }], stream: true }));
    } catch (error) {
      if (!(error instanceof OpenAI.RateLimitError)) throw error;
      refused = error;
    }
  }
  expect(streams.length).toBeLessThanOrEqual(3);
  expect(refused?.status).toBe(429);
  expect(Number(refused?.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(refused).toMatchObject({ type: "rate_limit_error", code: "too_many_replies" });
  await releaseReply(fake, tag);
  for (const stream of streams) {
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toBe("held reply");
  }

  // One reply at a time in a conversation.
  const solo = unique("solo");
  await scriptReply(fake, `${solo} again`, { holdAfter: 1, chunks: ["a", "b"] });
  const opened = await client.chat.completions
    .create({ model: "gpt-4o", messages: [{ role: "user", content: `open ${solo}` }] }, { headers: { "X-Parley-Conversation": "new" } })
    .withResponse();
  const id = opened.response.headers.get("x-parley-conversation")!;
  const holding = client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: `${solo} again` }], stream: true }, { headers: { "X-Parley-Conversation": id } });
  await waitForFakeRequest(fake, `${solo} again`);
  const second = await rawCall("127.0.0.1", "POST", "/api/v1/chat/completions", { authorization: `Bearer ${secret}`, "content-type": "application/json", "x-parley-conversation": id }, json({ messages: [{ role: "user", content: "meanwhile" }] }));
  expect(second.status).toBe(429);
  expect(JSON.parse(second.body).error.code).toBe("busy");
  await releaseReply(fake, `${solo} again`);
  for await (const chunk of await holding) void chunk;
});

test("closing the connection stops the reply, and the partial reply is kept as stopped", async ({ request }) => {
  const { secret } = await createApiKey(request, unique("stopper"));
  const tag = unique("stop");
  await scriptReply(fake, tag, { holdAfter: 1, chunks: ["partial ", "never"] });
  const abort = new AbortController();
  const { data: stream, response } = await openaiFor(secret)
    .chat.completions.create(
      { model: "gpt-4o", messages: [{ role: "user", content: tag }], stream: true },
      { headers: { "X-Parley-Conversation": "new" }, signal: abort.signal },
    )
    .withResponse();
  const id = response.headers.get("x-parley-conversation")!;
  let got = "";
  for await (const chunk of stream) {
    got += chunk.choices[0]?.delta.content ?? "";
    if (got.includes("partial")) break;
  }
  abort.abort();
  await waitForFakeRequest(fake, tag, { closed: true });
  const statuses = async () => {
    const opened = await (await request.get(`/api/conversations/${id}`)).json();
    return opened.messages.map((m: { role: string; metadata?: { status?: string } }) => `${m.role}:${m.metadata?.status ?? ""}`);
  };
  await expect.poll(statuses).toEqual(["user:complete", "assistant:stopped"]);
  const kept = await rawCall("127.0.0.1", "GET", `/api/v1/conversations/${id}`, { authorization: `Bearer ${secret}` });
  expect(JSON.parse(kept.body).messages[1]).toMatchObject({ role: "assistant", content: "partial ", status: "stopped" });
});

test("a key reaches only /api/v1, and a session cookie does not reach /api/v1", async ({ request }) => {
  const { secret } = await createApiKey(request, unique("scope"));
  for (const path of ["/api/settings", "/api/conversations", "/api/api-keys", "/api/presets"]) {
    const answer = await rawCall("127.0.0.1", "GET", path, { authorization: `Bearer ${secret}` });
    expect(answer.status, path).toBe(401);
  }
  // Bob's browser session, on the API.
  const cookie = await request.get("/api/v1/models");
  expect(cookie.status()).toBe(401);
  expect((await cookie.json()).error.code).toBe("api_key_missing");
});

test("CORS: off for other origins, answered for API_ALLOWED_ORIGINS, never with credentials", async ({ request }) => {
  const { secret } = await createApiKey(request, unique("cors"));
  const preflight = await rawCall("127.0.0.1", "OPTIONS", "/api/v1/chat/completions", {
    origin: "https://bot.example",
    "access-control-request-method": "POST",
    "access-control-request-headers": "authorization, content-type, x-stainless-os",
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers["access-control-allow-origin"]).toBe("https://bot.example");
  expect(preflight.headers["access-control-allow-headers"]).toContain("authorization");
  expect(preflight.headers["access-control-allow-credentials"]).toBeUndefined();
  const elsewhere = await rawCall("127.0.0.1", "OPTIONS", "/api/v1/chat/completions", { origin: "https://evil.example", "access-control-request-method": "POST" });
  expect(elsewhere.headers["access-control-allow-origin"]).toBeUndefined();

  const allowed = await rawCall("127.0.0.1", "GET", "/api/v1/models", { origin: "https://bot.example", authorization: `Bearer ${secret}` });
  expect(allowed.status).toBe(200);
  expect(allowed.headers["access-control-allow-origin"]).toBe("https://bot.example");
  expect(allowed.headers["access-control-expose-headers"]).toContain("X-Parley-Conversation");
  const other = await rawCall("127.0.0.1", "GET", "/api/v1/models", { origin: "https://evil.example", authorization: `Bearer ${secret}` });
  expect(other.headers["access-control-allow-origin"]).toBeUndefined();
});

test("a revoked key is refused on its very next request, and wrong keys are throttled per address", async ({ request }) => {
  const from = ownAddress();
  const { id, secret } = await createApiKey(request, unique("revoked"));
  const models = () => rawCall(from, "GET", "/api/v1/models", { authorization: `Bearer ${secret}` });
  expect((await models()).status).toBe(200);
  expect((await request.delete(`/api/api-keys/${id}`)).status()).toBe(204);
  const refused = await models();
  expect(refused.status).toBe(401);
  expect(JSON.parse(refused.body).error.code).toBe("api_key_invalid");

  // 20 wrong keys (the revoked one was the first) from one address, then even a good key waits there.
  const { secret: good } = await createApiKey(request, unique("good"));
  for (let i = 0; i < 19; i++) {
    expect((await rawCall(from, "GET", "/api/v1/models", { authorization: `Bearer pk_wrong${i}` })).status).toBe(401);
  }
  const throttled = await rawCall(from, "GET", "/api/v1/models", { authorization: `Bearer ${good}` });
  expect(throttled.status).toBe(429);
  expect(Number(throttled.headers["retry-after"])).toBeGreaterThan(0);
  expect(JSON.parse(throttled.body).error.code).toBe("api_key_throttled");
  // Another client is not held back.
  expect((await rawCall(ownAddress(), "GET", "/api/v1/models", { authorization: `Bearer ${good}` })).status).toBe(200);
});
