import { expect, test } from "@playwright/test";
import { E2E } from "./support/env";

// Alice: nobody changes her settings, so "unchanged" below is meaningful.
test.use({ storageState: E2E.alice.state });

const conversationId = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const turnId = "1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d";

test("bad input to the chat route gets a clear 4xx and never a 500", async ({ request }) => {
  const cases: { name: string; body: string; type?: string; status: number; message: RegExp }[] = [
    { name: "malformed JSON", body: "{not json", status: 400, message: /not valid JSON/ },
    { name: "not JSON at all", body: "hello", type: "text/plain", status: 415, message: /JSON/ },
    { name: "missing fields", body: "{}", status: 400, message: /trigger/ },
    { name: "no text", body: JSON.stringify({ trigger: "submit", conversationId, turnId }), status: 400, message: /message/i },
    { name: "blank text", body: JSON.stringify({ trigger: "submit", conversationId, turnId, text: "  \n " }), status: 400, message: /Type a message/ },
    { name: "bad id", body: JSON.stringify({ trigger: "submit", conversationId: "../../etc", turnId, text: "hi" }), status: 400, message: /conversation id/ },
    { name: "too long", body: JSON.stringify({ trigger: "submit", conversationId, turnId, text: "x".repeat(32_001) }), status: 413, message: /too long/ },
    { name: "huge body", body: JSON.stringify({ trigger: "submit", conversationId, turnId, text: "x".repeat(400_000) }), status: 413, message: /too large|too long/ },
    { name: "array", body: "[1,2,3]", status: 400, message: /trigger/ },
    { name: "no turn id", body: JSON.stringify({ trigger: "submit", conversationId, text: "hi" }), status: 400, message: /turn id/ },
  ];
  for (const c of cases) {
    const response = await request.post("/api/chat", {
      headers: { "content-type": c.type ?? "application/json" },
      data: Buffer.from(c.body),
    });
    expect(response.status(), c.name).toBe(c.status);
    const body = await response.json();
    expect(body.error.message, c.name).toMatch(c.message);
  }
  // Nothing was stored by any of the refused requests.
  expect((await request.get(`/api/conversations/${conversationId}`)).status()).toBe(404);
});

test("bad settings get a clear 400 and leave the saved ones alone", async ({ request }) => {
  const before = await (await request.get("/api/settings")).json();
  const cases = [
    { model: "gpt-4o-mini", systemPrompt: "", temperature: 2.5, maxTokens: null },
    { model: "", systemPrompt: "", temperature: 1, maxTokens: null },
    { model: "gpt-4o-mini", systemPrompt: "", temperature: 1, maxTokens: 0 },
    { model: "gpt-4o-mini", systemPrompt: "", temperature: 1, maxTokens: 1.5 },
    { model: "gpt-4o-mini", systemPrompt: "x".repeat(20_001), temperature: 1, maxTokens: null },
    { model: "gpt-4o-mini", systemPrompt: "", temperature: "hot", maxTokens: null },
    { model: "gpt-4o-mini", systemPrompt: "", temperature: 1, maxTokens: null, extra: true },
  ];
  for (const data of cases) {
    const response = await request.put("/api/settings", { data });
    expect(response.status(), JSON.stringify(data).slice(0, 80)).toBeGreaterThanOrEqual(400);
    expect(response.status()).toBeLessThan(500);
    expect((await response.json()).error.message).toBeTruthy();
  }
  expect(await (await request.get("/api/settings")).json()).toEqual(before);
});

test("a stop request is validated, and stopping an unknown turn is harmless", async ({ request }) => {
  const bad = await request.post("/api/chat/stop", { data: { turnId: "nope" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toMatch(/turn id/);
  const unknown = await request.post("/api/chat/stop", { data: { turnId } });
  expect(unknown.status()).toBe(200);
});

test("unknown conversations and bad cursors are 4xx", async ({ request }) => {
  expect((await request.get("/api/conversations/not-a-uuid")).status()).toBe(404);
  expect((await request.get(`/api/conversations/${conversationId}`)).status()).toBe(404);
  expect((await request.get("/api/conversations?limit=0")).status()).toBe(400);
  expect((await request.get("/api/conversations?cursor=%%%garbage")).status()).toBe(400);
});
