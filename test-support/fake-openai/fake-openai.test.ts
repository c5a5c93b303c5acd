import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import OpenAI, {
  APIUserAbortError,
  AuthenticationError,
  AzureOpenAI,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
} from "openai";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  fakeHealthy,
  findRequests,
  releaseReply,
  resetFake,
  scriptReply,
  waitForFakeRequest,
} from "./client";
import { promptTokensOf, startFakeOpenAI, TITLE_REQUEST_MARKER, type FakeOpenAI, type RecordedRequest } from "./index";

let fake: FakeOpenAI;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  client = new OpenAI({ apiKey: "test", baseURL: fake.url, maxRetries: 0 });
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.reset();
});

function user(content: string): OpenAI.Chat.ChatCompletionMessageParam[] {
  return [{ role: "user", content }];
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected the promise to reject");
}

function deltas(chunks: ChatCompletionChunk[]): string[] {
  return chunks.flatMap((c) => (c.choices[0]?.delta?.content ? [c.choices[0].delta.content] : []));
}

describe("fake OpenAI: happy path", () => {
  it("streams a deterministic echo in several chunks, with usage when asked", async () => {
    const stream = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "system", content: "be brief" }, ...user("hello there world")],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);

    expect(deltas(chunks)).toEqual(["Echo: ", "hello ", "there ", "world"]);
    expect(chunks[0].choices[0].delta.role).toBe("assistant");
    expect(chunks.every((c) => c.object === "chat.completion.chunk" && c.model === "gpt-4o-mini")).toBe(true);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);

    const finish = chunks.at(-2)!;
    expect(finish.choices[0].finish_reason).toBe("stop");
    const usageChunk = chunks.at(-1)!;
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage!.completion_tokens).toBeGreaterThan(0);
    expect(usageChunk.usage!.total_tokens).toBe(usageChunk.usage!.prompt_tokens + usageChunk.usage!.completion_tokens);

    const [req] = fake.requests();
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/v1/chat/completions");
    expect(req.headers.authorization).toBe("Bearer test");
    expect(req.body.messages[1].content).toBe("hello there world");
    expect(req.closedEarly).toBe(false);
  });

  it("omits the usage chunk without include_usage and echoes array content parts", async () => {
    const stream = await client.chat.completions.create({
      model: "fake-small",
      messages: [{ role: "user", content: [{ type: "text", text: "parts work" }] }],
      stream: true,
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    expect(deltas(chunks).join("")).toBe("Echo: parts work");
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(chunks.at(-1)!.choices[0].finish_reason).toBe("stop");
  });

  it("answers non-streaming requests with one chat.completion", async () => {
    fake.script("summarise", { chunks: ["A ", "title"], finishReason: "length", usage: { prompt_tokens: 7, completion_tokens: 2 } });
    const res = await client.chat.completions.create({ model: "gpt-4o", messages: user("please summarise this") });
    expect(res.object).toBe("chat.completion");
    expect(res.model).toBe("gpt-4o");
    expect(res.choices[0].message).toMatchObject({ role: "assistant", content: "A title" });
    expect(res.choices[0].finish_reason).toBe("length");
    expect(res.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 });
  });

  it("lists models", async () => {
    const ids: string[] = [];
    for await (const m of client.models.list()) ids.push(m.id);
    expect(ids).toEqual(["gpt-4o-mini", "gpt-4o", "fake-small"]);
  });

  it("accepts the Azure deployment path", async () => {
    const azure = new AzureOpenAI({
      apiKey: "azure-key",
      endpoint: fake.origin,
      apiVersion: "2024-10-21",
      deployment: "my-deploy",
      maxRetries: 0,
    });
    const res = await azure.chat.completions.create({ model: "", messages: user("via azure") });
    expect(res.choices[0].message.content).toBe("Echo: via azure");
    const req = await fake.waitForRequest("via azure");
    expect(req.path).toBe("/openai/deployments/my-deploy/chat/completions");
    expect(req.query["api-version"]).toBe("2024-10-21");
    expect(req.headers["api-key"]).toBe("azure-key");
  });
});

describe("fake OpenAI: scripting", () => {
  it("streams scripted chunks in order, with the scripted delay between them", async () => {
    fake.script("slowly", { chunks: ["one ", "two ", "three"], delayMs: 15, finishReason: "content_filter" });
    const started = Date.now();
    const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages: user("count slowly"), stream: true });
    const chunks: ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    expect(deltas(chunks)).toEqual(["one ", "two ", "three"]);
    expect(chunks.at(-1)!.choices[0].finish_reason).toBe("content_filter");
    // Timers may fire a hair early; 3 × 15ms minus slack still proves the delays happened.
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
  });

  it("uses a script once by default, honours times, and lets the latest script win", async () => {
    fake.script("", { chunks: ["generic"] }, 2);
    fake.script("special", { chunks: ["specific"] });
    const text = async (msg: string): Promise<string | null> =>
      (await client.chat.completions.create({ model: "m", messages: user(msg) })).choices[0].message.content;

    expect(await text("special one")).toBe("specific");
    expect(await text("special two")).toBe("generic");
    expect(await text("anything")).toBe("generic");
    expect(await text("back to default")).toBe("Echo: back to default");
  });

  it("matches on message text even when it needs JSON escaping", async () => {
    fake.script('say "hi"\nplease', { chunks: ["quoted"] });
    const res = await client.chat.completions.create({ model: "m", messages: user('say "hi"\nplease') });
    expect(res.choices[0].message.content).toBe("quoted");
  });
});

describe("fake OpenAI: errors surface as the SDK's typed errors", () => {
  it("401 → AuthenticationError", async () => {
    fake.script("", { status: 401 });
    const err = await caught(client.chat.completions.create({ model: "m", messages: user("x"), stream: true }));
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as AuthenticationError).status).toBe(401);
    expect((err as AuthenticationError).code).toBe("invalid_api_key");
    expect((err as AuthenticationError).message).toContain("Incorrect API key provided");
  });

  it("404 → NotFoundError with model_not_found", async () => {
    fake.script("", { status: 404 });
    const err = await caught(client.chat.completions.create({ model: "gpt-9", messages: user("x"), stream: true }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).code).toBe("model_not_found");
    expect((err as NotFoundError).message).toContain("gpt-9");
  });

  it("429 → RateLimitError with a readable retry-after header and request id", async () => {
    fake.script("", { status: 429, headers: { "retry-after": "20" } });
    const err = await caught(client.chat.completions.create({ model: "m", messages: user("x"), stream: true }));
    expect(err).toBeInstanceOf(RateLimitError);
    const e = err as RateLimitError;
    expect(e.code).toBe("rate_limit_exceeded");
    expect(e.headers.get("retry-after")).toBe("20");
    expect(e.requestID).toMatch(/^req_fake_/);
  });

  it("429 insufficient_quota keeps its own code and type", async () => {
    fake.script("", { status: 429, errorCode: "insufficient_quota" });
    const err = await caught(client.chat.completions.create({ model: "m", messages: user("x") }));
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).code).toBe("insufficient_quota");
    expect((err as RateLimitError).type).toBe("insufficient_quota");
  });

  it("500 → InternalServerError; custom message and code pass through", async () => {
    fake.script("", { status: 500 });
    expect(await caught(client.chat.completions.create({ model: "m", messages: user("x") }))).toBeInstanceOf(
      InternalServerError,
    );
    fake.script("", { status: 400, errorCode: "content_filter", errorMessage: "filtered!" });
    const err = await caught(client.chat.completions.create({ model: "m", messages: user("x") }));
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).code).toBe("content_filter");
    expect((err as BadRequestError).message).toContain("filtered!");
  });

  it("rejects malformed JSON with an OpenAI-style 400 and keeps serving", async () => {
    const res = await fetch(`${fake.url}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { type: string; param: null } };
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.param).toBeNull();
    expect(fake.requests()[0].rawBody).toBe("{not json");

    const ok = await client.chat.completions.create({ model: "m", messages: user("still alive") });
    expect(ok.choices[0].message.content).toBe("Echo: still alive");
  });
});

describe("fake OpenAI: broken and stuck streams", () => {
  it("disconnectAfter makes stream iteration throw after the partial chunks", async () => {
    fake.script("", { chunks: ["a", "b", "c", "d"], disconnectAfter: 2 });
    const stream = await client.chat.completions.create({ model: "m", messages: user("break me"), stream: true });
    const got: string[] = [];
    const err = await caught(
      (async () => {
        for await (const c of stream) got.push(c.choices[0]?.delta?.content ?? "");
      })(),
    );
    expect(got).toEqual(["a", "b"]);
    // Not an OpenAI error class: undici's fetch body fails with TypeError("terminated").
    expect(err).toBeInstanceOf(TypeError);
    expect((err as Error).message).toBe("terminated");
    // The server cut the line itself, which is not a client abort.
    expect((await fake.waitForClose("break me")).closedEarly).toBe(false);
  });

  it("hang + AbortController: the abort is recorded as closedEarly", async () => {
    fake.script("", { hang: true });
    const ac = new AbortController();
    // Headers are sent at once, so create() resolves and the stall is inside iteration.
    const stream = await client.chat.completions.create(
      { model: "m", messages: user("hang forever"), stream: true },
      { signal: ac.signal },
    );
    const iteration = (async () => {
      const got: ChatCompletionChunk[] = [];
      for await (const c of stream) got.push(c);
      return got;
    })();
    const req = await fake.waitForRequest("hang forever");
    expect(req.closedEarly).toBe(false);
    ac.abort();
    // SDK v7: aborting an in-progress stream ends iteration quietly, without throwing.
    expect(await iteration).toEqual([]);
    const closed = await fake.waitForClose(req);
    expect(closed.closedEarly).toBe(true);
    expect(closed.finishedAt).not.toBeNull();
  });

  it("aborting before headers rejects create() with APIUserAbortError and is recorded", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const gated = await startFakeOpenAI({ onRequest: () => gate });
    try {
      const c = new OpenAI({ apiKey: "test", baseURL: gated.url, maxRetries: 0 });
      const ac = new AbortController();
      const pending = c.chat.completions.create({ model: "m", messages: user("early abort"), stream: true }, { signal: ac.signal });
      await gated.waitForRequest("early abort");
      ac.abort();
      expect(await caught(pending)).toBeInstanceOf(APIUserAbortError);
      expect((await gated.waitForClose("early abort")).closedEarly).toBe(true);
    } finally {
      release();
      await gated.close();
    }
  });

  it("stallAfter sends some chunks then stalls until the client aborts", async () => {
    fake.script("", { chunks: ["first ", "never"], stallAfter: 1 });
    const stream = await client.chat.completions.create({ model: "m", messages: user("stall please"), stream: true });
    const got: string[] = [];
    for await (const c of stream) {
      got.push(c.choices[0]?.delta?.content ?? "");
      // Simulates a client-side idle timeout firing: SDK timeouts do not cover the body.
      stream.controller.abort();
    }
    expect(got).toEqual(["first "]);
    expect((await fake.waitForClose("stall please")).closedEarly).toBe(true);
  });

  it("close() does not wait for stalled streams", async () => {
    const other = await startFakeOpenAI();
    const c = new OpenAI({ apiKey: "test", baseURL: other.url, maxRetries: 0 });
    other.script("", { hang: true });
    const stream = await c.chat.completions.create({ model: "m", messages: user("x"), stream: true });
    const iteration = caught((async () => { for await (const _ of stream) void _; })());
    await other.close();
    expect(await iteration).toBeInstanceOf(TypeError);
  });
});

describe("fake OpenAI: holding a reply until the test releases it", () => {
  /** "still held" if `p` has not settled after a while (only ever used to show absence). */
  async function stillHeld(p: Promise<unknown>): Promise<string> {
    return Promise.race([p.then(() => "settled"), sleep(100).then(() => "still held")]);
  }

  it("holdAfter sends the first chunks, waits for the release, then finishes normally", async () => {
    fake.script("hold me", { chunks: ["first ", "second ", "third"], holdAfter: 1 });
    const stream = await client.chat.completions.create({
      model: "m",
      messages: user("hold me"),
      stream: true,
      stream_options: { include_usage: true },
    });
    const iter = stream[Symbol.asyncIterator]();
    const first = await iter.next();
    expect(first.done).toBe(false);
    expect(deltas([first.value as ChatCompletionChunk])).toEqual(["first "]);

    const next = iter.next();
    expect(await stillHeld(next)).toBe("still held");
    expect((await fake.waitForRequest("hold me")).finishedAt).toBeNull();

    expect(await releaseReply(fake.url, "hold me")).toBe(1);
    const rest: ChatCompletionChunk[] = [];
    for (let r = await next; !r.done; r = await iter.next()) rest.push(r.value);
    expect(deltas(rest)).toEqual(["second ", "third"]);
    expect(rest.at(-2)!.choices[0].finish_reason).toBe("stop");
    expect(rest.at(-1)!.usage!.completion_tokens).toBeGreaterThan(0);
    expect((await fake.waitForClose("hold me")).closedEarly).toBe(false);
  });

  it("a release that comes before the hold is reached lets the reply pass straight through", async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const gated = await startFakeOpenAI({ onRequest: () => gate });
    try {
      gated.script("early release", { chunks: ["no ", "waiting"], holdAfter: 1 });
      const c = new OpenAI({ apiKey: "test", baseURL: gated.url, maxRetries: 0 });
      const pending = c.chat.completions.create({ model: "m", messages: user("early release"), stream: true });
      // Recorded, but the hook keeps the reply from starting, so the hold is still ahead.
      await gated.waitForRequest("early release");
      gated.release("early release");
      open();
      const got: ChatCompletionChunk[] = [];
      for await (const chunk of await pending) got.push(chunk);
      expect(deltas(got)).toEqual(["no ", "waiting"]);
      expect(got.at(-1)!.choices[0].finish_reason).toBe("stop");
    } finally {
      open();
      await gated.close();
    }
  });

  it("a non-streaming reply waits for the release before sending anything", async () => {
    fake.script("whole body", { chunks: ["all ", "at once"], holdAfter: 1 });
    const pending = client.chat.completions.create({ model: "m", messages: user("whole body") });
    await fake.waitForRequest("whole body");
    expect(await stillHeld(pending)).toBe("still held");
    fake.release("whole body");
    expect((await pending).choices[0].message.content).toBe("all at once");
  });

  it("a client abort while held is recorded as closedEarly and leaves nothing held", async () => {
    fake.script("abort held", { chunks: ["partial ", "never"], holdAfter: 1 });
    const ac = new AbortController();
    const stream = await client.chat.completions.create(
      { model: "m", messages: user("abort held"), stream: true },
      { signal: ac.signal },
    );
    const got: ChatCompletionChunk[] = [];
    for await (const c of stream) {
      got.push(c);
      ac.abort();
    }
    expect(deltas(got)).toEqual(["partial "]);
    const closed = await fake.waitForClose("abort held");
    expect(closed.closedEarly).toBe(true);
    // The held reply went away with its connection: nothing is left in flight to release.
    expect(await releaseReply(fake.url, "abort held")).toBe(0);
  });
});

describe("fake OpenAI: hooks and waiting", () => {
  it("awaits onRequest before replying, and the hook may still script this request", async () => {
    const order: string[] = [];
    const hooked: FakeOpenAI = await startFakeOpenAI({
      onRequest: async (req: RecordedRequest) => {
        order.push(`hook-start:${req.body.messages[0].content}`);
        await new Promise((r) => setImmediate(r));
        hooked.script("", { chunks: ["from ", "hook"] });
        order.push("hook-end");
      },
    });
    try {
      const c = new OpenAI({ apiKey: "test", baseURL: hooked.url, maxRetries: 0 });
      const stream = await c.chat.completions.create({ model: "m", messages: user("check db"), stream: true });
      order.push("client-got-headers");
      const got: ChatCompletionChunk[] = [];
      for await (const chunk of stream) got.push(chunk);
      expect(order).toEqual(["hook-start:check db", "hook-end", "client-got-headers"]);
      expect(deltas(got).join("")).toBe("from hook");
    } finally {
      await hooked.close();
    }
  });

  it("a throwing hook becomes a 500", async () => {
    const broken = await startFakeOpenAI({ onRequest: () => { throw new Error("db not ready"); } });
    try {
      const c = new OpenAI({ apiKey: "test", baseURL: broken.url, maxRetries: 0 });
      const err = await caught(c.chat.completions.create({ model: "m", messages: user("x") }));
      expect(err).toBeInstanceOf(InternalServerError);
      expect((err as Error).message).toContain("db not ready");
    } finally {
      await broken.close();
    }
  });

  it("waitForRequest resolves for past and future requests, and times out with context", async () => {
    await client.chat.completions.create({ model: "m", messages: user("already here") });
    expect((await fake.waitForRequest("already here")).body.messages[0].content).toBe("already here");

    const future = fake.waitForRequest("later on");
    void client.chat.completions.create({ model: "m", messages: user("later on") });
    expect((await future).path).toBe("/v1/chat/completions");

    await expect(fake.waitForRequest("never sent", 30)).rejects.toThrow(/timed out after 30ms.*already here/);
  });
});

describe("fake OpenAI: control API over HTTP", () => {
  it("scripts, lists, waits, resets and reports health", async () => {
    expect(await fakeHealthy(fake.url)).toBe(true);
    await scriptReply(fake.url, "remote", { chunks: ["over ", "http"] }, Infinity);

    const r1 = await client.chat.completions.create({ model: "m", messages: user("remote one") });
    const r2 = await client.chat.completions.create({ model: "m", messages: user("remote two") });
    expect([r1.choices[0].message.content, r2.choices[0].message.content]).toEqual(["over http", "over http"]);

    const found = await findRequests(fake.origin, "remote");
    expect(found.map((r) => r.body.messages[0].content)).toEqual(["remote one", "remote two"]);
    expect(await findRequests(fake.url, "nothing like this")).toEqual([]);

    const waited = await waitForFakeRequest(fake.url, "remote two", { closed: true });
    expect(waited).toMatchObject({ closedEarly: false, path: "/v1/chat/completions" });
    await expect(waitForFakeRequest(fake.url, "absent", { timeoutMs: 20 })).rejects.toThrow(/HTTP 408/);

    await resetFake(fake.url);
    expect(await findRequests(fake.url)).toEqual([]);
    const r3 = await client.chat.completions.create({ model: "m", messages: user("remote three") });
    expect(r3.choices[0].message.content).toBe("Echo: remote three");
  });

  it("rejects bad control requests without crashing", async () => {
    const bad = await fetch(`${fake.origin}/__fake/script`, { method: "POST", body: "nope" });
    expect(bad.status).toBe(400);
    const badRelease = await fetch(`${fake.origin}/__fake/release`, { method: "POST", body: "{}" });
    expect(badRelease.status).toBe(400);
    const unknown = await fetch(`${fake.origin}/__fake/whatever`);
    expect(unknown.status).toBe(404);
    expect(await fakeHealthy(fake.url)).toBe(true);
  });
});

describe("fake-openai-main", () => {
  it("prints its URL, serves, and exits cleanly on SIGTERM", async () => {
    const main = fileURLToPath(new URL("./main.ts", import.meta.url));
    const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
    const child = spawn(tsx, [main], { env: { ...process.env, FAKE_OPENAI_PORT: "0" }, stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          const m = /fake-openai listening on (\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on("exit", (code) => reject(new Error(`exited early with ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      expect(await fakeHealthy(url)).toBe(true);
      const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});

describe("fake OpenAI: Azure shapes", () => {
  const azureClient = () =>
    new AzureOpenAI({ apiKey: "azure-key", baseURL: `${fake.origin}/openai`, apiVersion: "2024-10-21", maxRetries: 0 });

  it("serves the deployment URL and streams Azure's chunks: prompt filter results first, usage last", async () => {
    fake.script("azure stream", { azure: true, chunks: ["a", "b"] });
    const stream = await azureClient().chat.completions.create({
      model: "my-deployment",
      messages: user("azure stream"),
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    const first = chunks[0] as ChatCompletionChunk & { prompt_filter_results?: unknown[] };
    expect(first).toMatchObject({ id: "", model: "", choices: [] });
    expect(first.prompt_filter_results).toHaveLength(1);
    expect(deltas(chunks)).toEqual(["a", "b"]);
    expect((chunks[1].choices[0] as unknown as { content_filter_results: unknown }).content_filter_results).toBeDefined();
    expect(chunks.at(-1)).toMatchObject({ choices: [] });
    expect(chunks.at(-1)!.usage).toBeTruthy();

    const [request] = fake.requests();
    expect(request).toMatchObject({ deployment: "my-deployment", apiVersion: "2024-10-21", path: "/openai/deployments/my-deployment/chat/completions" });
    expect(fake.requests()[0].purpose).toBe("chat");
  });

  it("answers a blocked prompt with Azure's error body", async () => {
    fake.script("blocked", { azure: true, status: 400, errorCode: "content_filter" });
    const err = await caught(azureClient().chat.completions.create({ model: "d", messages: user("blocked"), stream: true }));
    expect(err).toBeInstanceOf(BadRequestError);
    const e = err as BadRequestError;
    expect(e.code).toBe("content_filter");
    expect(e.param).toBe("prompt");
    expect((e.error as { innererror: { code: string } }).innererror.code).toBe("ResponsibleAIPolicyViolation");
  });

  it("ends a filtered Azure reply with finish_reason content_filter and the verdict", async () => {
    fake.script("filtered", { azure: true, chunks: ["partial"], finishReason: "content_filter" });
    const stream = await azureClient().chat.completions.create({ model: "d", messages: user("filtered"), stream: true });
    const chunks: ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    const finish = chunks.at(-1)!.choices[0] as unknown as { finish_reason: string; content_filter_results: { violence: { filtered: boolean } } };
    expect(finish.finish_reason).toBe("content_filter");
    expect(finish.content_filter_results.violence.filtered).toBe(true);
  });
});

describe("fake OpenAI: title requests", () => {
  const titleRequest = (text: string) =>
    client.chat.completions.create({
      model: "m",
      messages: [{ role: "system", content: `${TITLE_REQUEST_MARKER} Short please.` }, ...user(text)],
    });

  it("keeps title requests apart from chat scripts and the chat log", async () => {
    fake.script("topic", { chunks: ["chat answer"] });
    fake.script("topic", { for: "title", chunks: ["A title"] });
    expect((await titleRequest("the topic")).choices[0].message.content).toBe("A title");
    expect((await client.chat.completions.create({ model: "m", messages: user("the topic") })).choices[0].message.content).toBe("chat answer");
    // Unscripted, a title request is answered with the message's text on one line.
    expect((await titleRequest("plain   words\nhere")).choices[0].message.content).toBe("plain words here");

    expect(fake.requests().map((r) => r.purpose)).toEqual(["chat"]);
    expect(fake.requests("title")).toHaveLength(2);
    expect(fake.requests("any")).toHaveLength(3);
    expect((await fake.waitForRequest("topic", 100, "title")).purpose).toBe("title");
    expect(await findRequests(fake.url, "topic", "title")).toHaveLength(1);
    expect(await findRequests(fake.url, "topic")).toHaveLength(1);
    expect((await waitForFakeRequest(fake.url, "plain", { purpose: "title" })).purpose).toBe("title");
  });

  it("counts a request's prompt tokens as OpenAI does for o200k models", async () => {
    expect(await promptTokensOf({ messages: [{ role: "user", content: "hello world" }] })).toBe(2 + 4 + 3);
  });
});
