import { expect, request as http, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import fc from "fast-check";
import { E2E } from "./support/env";

/**
 * Hostile input to every route of the production build: bodies of every
 * wrong type, huge and deep JSON, invalid UTF-8, odd content types and
 * methods, huge headers, unicode edge cases in every string field, and ids
 * that belong to someone else. No answer may be a 5xx, every refusal is our
 * JSON error, the server stays up, and a refused request writes nothing.
 * The seed is fixed so a failure replays exactly; FUZZ_SEED explores others.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const RUNS = 400;

test.use({ storageState: E2E.carol.state });
// One long property run; the default 30 s is for a single user story.
test.setTimeout(180_000);

const someoneElses = { conversation: "", message: "", preset: "" };

test.beforeAll(async () => {
  // Bob's records are the "ids of other people" the fuzz aims at.
  const bob = await http.newContext({ baseURL: E2E.appUrl, storageState: E2E.bob.state });
  const conversationId = crypto.randomUUID();
  const turn = await bob.post("/api/chat", {
    data: { trigger: "submit", conversationId, turnId: crypto.randomUUID(), text: "fuzz target" },
  });
  expect(turn.ok()).toBe(true);
  await turn.body();
  const opened = await (await bob.get(`/api/conversations/${conversationId}`)).json();
  const preset = await (await bob.post("/api/presets", { data: { name: "Fuzz target", settings: { temperature: 0.4 } } })).json();
  Object.assign(someoneElses, { conversation: conversationId, message: opened.messages[0].id, preset: preset.preset.id });
  await bob.dispose();
});

/** Everything the fuzzing account can see; a refused request must leave it as it was. */
async function snapshot(request: APIRequestContext) {
  const read = async (path: string) => (await request.get(path)).text();
  return Promise.all([read("/api/conversations?limit=100"), read("/api/presets"), read("/api/settings")]);
}

async function bobsRecords() {
  const bob = await http.newContext({ baseURL: E2E.appUrl, storageState: E2E.bob.state });
  const state = await Promise.all([
    bob.get(`/api/conversations/${someoneElses.conversation}`).then((r) => r.text()),
    bob.get("/api/presets").then((r) => r.text()),
  ]);
  await bob.dispose();
  return state;
}

const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom("", " ", "\u0000", "\uFEFF", "\u202E", "\uD800", "e\u0301", "👩‍👩‍👧", "../../etc/passwd", "%00", "<script>", "$$\\frac{1}{0}$$"),
  fc.string({ minLength: 20_000, maxLength: 40_000 }),
);

const id = fc.oneof(
  fc.uuid(),
  text,
  fc.constant("00000000-0000-0000-0000-000000000000"),
  fc.constantFrom("conversation", "message", "preset").map((kind) => someoneElses[kind as keyof typeof someoneElses]),
);

/** JSON nested deeper than any schema goes (and than a naive recursive walk survives). */
const deep = fc.integer({ min: 50, max: 20_000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth));

/** Bodies shaped like the real ones, with every field open to hostile values. */
const shaped = fc.oneof(
  fc.record(
    { trigger: fc.constantFrom("submit", "edit", "regenerate", "nope"), conversationId: id, turnId: id, messageId: id, text, presetId: id },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      model: text,
      systemPrompt: text,
      temperature: fc.oneof(fc.double(), text),
      topP: fc.double(),
      maxTokens: fc.oneof(fc.integer(), fc.double(), fc.constant(null)),
      presencePenalty: fc.double(),
      frequencyPenalty: fc.double(),
      language: text,
    },
    { requiredKeys: [] },
  ),
  fc.record({ name: text, settings: fc.jsonValue({ maxDepth: 2 }), title: text, turnId: id }, { requiredKeys: [] }),
  fc.record({ format: text, version: fc.jsonValue(), messages: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }) }, { requiredKeys: [] }),
);

const body = fc.oneof(
  shaped.map((value) => Buffer.from(JSON.stringify(value))),
  fc.jsonValue({ maxDepth: 4 }).map((value) => Buffer.from(JSON.stringify(value) ?? "null")),
  deep.map((value) => Buffer.from(value)),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  text.map((value) => Buffer.from(value)),
  fc.constant(Buffer.alloc(0)),
  fc.integer({ min: 300_000, max: 6_000_000 }).map((size) => Buffer.from(`{"text":"${"x".repeat(size)}"}`)),
);

const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-16",
  "APPLICATION/JSON",
  "text/plain",
  "multipart/form-data; boundary=x",
  "application/x-www-form-urlencoded",
  "",
);

/** A path segment: any id, encoded (a lone surrogate as U+FFFD), or a broken percent-encoding. */
const segment = fc.oneof(
  id.map((value) => encodeURIComponent(value.toWellFormed())),
  fc.constantFrom("%", "%E0%A4%A", "%FF", "%2e%2e", "..", "%00"),
);

const path = fc.oneof(
  fc.constantFrom(
    "/api/chat",
    "/api/chat/stop",
    "/api/conversations",
    "/api/conversations/import",
    "/api/conversations/search",
    "/api/settings",
    "/api/presets",
    "/api/models",
    "/api/health",
    "/api/auth/session",
    "/api/auth/csrf",
    "/api/auth/callback/credentials",
  ),
  segment.map((value) => `/api/conversations/${value}`),
  segment.map((value) => `/api/conversations/${value}/settings`),
  segment.map((value) => `/api/conversations/${value}/export`),
  segment.map((value) => `/api/conversations/${value}/stream`),
  segment.map((value) => `/api/presets/${value}`),
  fc.constant("/api/attachments"),
  segment.map((value) => `/api/attachments/${value}`),
  segment.map((value) => `/api/attachments/${value}/content`),
  segment.map((value) => `/api/attachments/${value}/complete`),
);

const query = fc.oneof(
  fc.constant(""),
  fc.record({ limit: fc.oneof(fc.integer().map(String), text), cursor: text, q: text, format: text, reply: text }, { requiredKeys: [] }).map(
    (params) => `?${new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value).toWellFormed()]))}`,
  ),
);

const hostileRequest = fc.record({
  method: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"),
  path,
  query,
  body,
  contentType,
  /** The size of an extra header: none, or near Node's 16 KB limit. */
  headerSize: fc.oneof(fc.constant(0), fc.integer({ min: 1_000, max: 14_000 })),
  signedIn: fc.boolean(),
});

function describeRequest(r: { method: string; path: string; query: string; body: Buffer }) {
  return `${r.method} ${r.path.slice(0, 80)}${r.query.slice(0, 40)} (${r.body.length} bytes)`;
}

async function expectOurAnswer(response: APIResponse, label: string) {
  expect(response.status(), label).toBeLessThan(500);
  const type = response.headers()["content-type"] ?? "";
  if (response.status() >= 400 && type.includes("application/json") && response.url().includes("/api/") && !response.url().includes("/api/auth/")) {
    const answer = await response.json();
    expect(typeof answer.error?.code, label).toBe("string");
    expect(typeof answer.error?.message, label).toBe("string");
  }
}

test("hostile requests to every route get a 4xx or an answer, never a 5xx, and refused ones write nothing", async ({ request }) => {
  const anonymous = await http.newContext({ baseURL: E2E.appUrl });
  const bobBefore = await bobsRecords();
  let sent = 0;
  let refused = 0;
  let cutOff = 0;

  await fc.assert(
    fc.asyncProperty(hostileRequest, async (r) => {
      const client = r.signedIn ? request : anonymous;
      const before = r.signedIn ? await snapshot(request) : null;
      let response: APIResponse;
      try {
        response = await client.fetch(`${r.path}${r.query}`, {
          method: r.method,
          headers: { ...(r.contentType ? { "content-type": r.contentType } : {}), ...(r.headerSize ? { "x-fuzz": "h".repeat(r.headerSize) } : {}) },
          data: r.method === "GET" || r.method === "OPTIONS" ? undefined : r.body,
          maxRedirects: 0,
          failOnStatusCode: false,
        });
      } catch (error) {
        // A server may answer a refused request before reading a large body
        // and close the connection under the rest of it; it must stay up.
        expect(String(error), describeRequest(r)).toMatch(/ECONNRESET|EPIPE|socket hang up/);
        expect((await anonymous.get("/api/health")).status()).toBe(200);
        cutOff++;
        return;
      }
      sent++;
      const label = describeRequest(r);
      await expectOurAnswer(response, label);
      if (response.status() >= 400) {
        refused++;
        if (before) expect(await snapshot(request), label).toEqual(before);
      }
      // A streamed reply that was accepted runs to its end before the next case.
      await response.body();
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );

  expect((await anonymous.get("/api/health")).status()).toBe(200);
  expect(await bobsRecords()).toEqual(bobBefore);
  await anonymous.dispose();
  test.info().annotations.push({ type: "fuzz", description: `${sent} answered (${refused} refused), ${cutOff} cut off while sending, seed ${SEED}` });
});
