import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { scriptReply, waitForFakeRequest } from "../test-support/fake-openai/client";
import { replies, send } from "./support/chat-page";
import { E2E } from "./support/env";
import { signIn, unique } from "./support/session";

/**
 * What an operator sees: this spec starts its own production server, so it
 * reads every line the server prints and its metrics change only through
 * what the spec does. Every line is JSON; each request and each chat turn
 * has its line; request ids agree between header, error body and log; and
 * no line holds an email, the provider key, a password or a message sent.
 */

const server = E2E.observabilityUrl;
const fake = `${E2E.fakeOrigin}/v1`;
const providerKey = `sk-observability-${randomUUID()}`;
const metricsToken = `metrics-token-${randomUUID()}`;
const admin = { email: "olive.ops@example.com", password: "olive-password-1", name: "Olive Operator" };
const member = { email: "mia.member@example.com", password: "mia-password-12", name: "Mia Member" };
const sentTexts: string[] = [];

let child: ChildProcess;
const output: string[] = [];

type Line = Record<string, unknown>;
/** Every line the server printed, as JSON (one that is not fails the test). */
const lines = (): Line[] => output.map((line) => JSON.parse(line) as Line);
/** Next.js's own status lines ("▲ Next.js 16", "- Local: …", "✓ Ready in …"): the framework's, not Parley's log. */
const NEXT_STATUS = /^(▲|✓|- \w+:)/;
/** Without terminal colour codes, which Next.js adds to its status lines. */
const withoutColors = (line: string) => line.replace(/\u001b\[[0-9;]*m/g, "");

test.describe.configure({ mode: "serial" });
test.use({ baseURL: server });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    DATA_DIR: E2E.observabilityDir,
    DATABASE_URL: "",
    AUTH_SECRET: "",
    SETUP_CODE: "",
    AZURE_OPENAI_ENDPOINT: "",
    OPENAI_API_KEY: providerKey,
    OPENAI_BASE_URL: fake,
    METRICS_TOKEN: metricsToken,
    LOG_LEVEL: "info",
  };
  // Playwright asks its children for colours; the server's log is for machines.
  delete env.FORCE_COLOR;
  rmSync(E2E.observabilityDir, { recursive: true, force: true });
  for (const who of [admin, member]) {
    const made = spawnSync("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/user.ts", "add", who.email, "--name", who.name], {
      env,
      input: `${who.password}\n`,
    });
    expect(made.status, made.stderr.toString()).toBe(0);
  }
  child = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(E2E.observabilityPort)], { env, detached: true });
  let pending = "";
  const take = (chunk: Buffer) => {
    pending += chunk.toString("utf8");
    const complete = pending.split("\n");
    pending = complete.pop() ?? "";
    output.push(...complete.filter((line) => line.trim() !== "" && !NEXT_STATUS.test(withoutColors(line))));
  };
  child.stdout!.on("data", take);
  // Anything on stderr counts too: it must be JSON as well.
  child.stderr!.on("data", (chunk: Buffer) => output.push(...chunk.toString("utf8").split("\n").filter((l) => l.trim() !== "")));
  await expect
    .poll(async () => (await fetch(`${server}/api/health`).catch(() => null))?.status ?? 0, { timeout: 90_000, intervals: [250] })
    .toBe(200);
});

test.afterAll(() => {
  if (child?.pid) process.kill(-child.pid, "SIGTERM");
});

async function metrics(request: APIRequestContext): Promise<string> {
  const response = await request.get("/api/metrics", { headers: { authorization: `Bearer ${metricsToken}` } });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/plain");
  return response.text();
}

/** A sample's value in Prometheus text, 0 when absent. */
function sample(text: string, name: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

async function waitForLine(match: (line: Line) => boolean): Promise<Line> {
  await expect.poll(() => lines().filter(match).length, { timeout: 15_000 }).toBeGreaterThan(0);
  return lines().find(match)!;
}

test("every response carries a request id, and a refusal's body and log line carry the same one", async ({ request }) => {
  const page = await request.get("/sign-in");
  expect(page.status()).toBe(200);
  expect(page.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);

  // A client cannot choose its own id.
  const refused = await request.get("/api/conversations", { headers: { "x-request-id": "chosen-by-client" } });
  expect(refused.status()).toBe(401);
  const id = refused.headers()["x-request-id"];
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  const body = (await refused.json()) as { error: { code: string; requestId: string } };
  expect(body.error).toMatchObject({ code: "unauthenticated", requestId: id });

  const line = await waitForLine((l) => l.requestId === id && l.event === "request");
  expect(line).toMatchObject({ level: "info", method: "GET", route: "/api/conversations", status: 401 });
  expect(typeof line.time).toBe("string");
  expect(typeof line.durationMs).toBe("number");

  // A dynamic route is logged by its pattern, not the path asked for.
  const missing = await request.get(`/api/conversations/${randomUUID()}`);
  const missingLine = await waitForLine((l) => l.requestId === missing.headers()["x-request-id"]);
  expect(missingLine).toMatchObject({ route: "/api/conversations/[id]", status: 401 });

  const statics = await request.get("/favicon.ico");
  expect(statics.headers()["x-request-id"]).toBeTruthy();
});

test("metrics answer 404 to anonymous callers, members and a wrong token; admins and the token read them", async ({ request, browser }) => {
  const anonymous = await request.get("/api/metrics");
  expect(anonymous.status()).toBe(404);
  expect(((await anonymous.json()) as { error: { requestId: string } }).error.requestId).toBe(anonymous.headers()["x-request-id"]);
  expect((await request.get("/api/metrics", { headers: { authorization: "Bearer not-the-token" } })).status()).toBe(404);

  for (const [who, status] of [
    [member, 404],
    [admin, 200],
  ] as const) {
    const context = await browser.newContext({ baseURL: server });
    const page = await context.newPage();
    await signIn(page, who.email, who.password);
    const answer = await page.request.get("/api/metrics");
    expect(answer.status(), who.email).toBe(status);
    if (status === 200) expect(await answer.text()).toContain("parley_turns_total");
    await context.close();
  }

  const text = await metrics(request);
  for (const name of ["parley_ttft_seconds", "parley_turn_duration_seconds", "parley_tokens_total", "parley_provider_errors_total", "parley_http_requests_total", "parley_active_replies"]) {
    expect(text).toContain(`# TYPE ${name} `);
  }
});

test("a turn has one log line with its timing and the provider's token counts, and moves the metrics by exactly one turn", async ({ page, request }) => {
  const token = unique("metered");
  const text = `Count these tokens ${token}`;
  sentTexts.push(text);
  await scriptReply(fake, token, { chunks: ["Counted", " them", " all."], usage: { prompt_tokens: 37, completion_tokens: 11 } });
  const before = await metrics(request);

  await signIn(page, member.email, member.password);
  await send(page, text);
  await expect(replies(page).last()).toContainText("Counted them all.");

  const line = await waitForLine((l) => l.event === "turn" && l.outcome === "complete");
  expect(lines().filter((l) => l.event === "turn")).toHaveLength(1);
  expect(line).toMatchObject({ level: "info", model: "gpt-4o-mini", promptTokens: 37, completionTokens: 11, reasoningTokens: 0 });
  expect(line.conversationId).toBe(new URL(page.url()).pathname.split("/").pop());
  expect(line.userId).toMatch(/^[0-9a-f-]{36}$/);
  expect(typeof line.ttftMs).toBe("number");
  expect(line.durationMs as number).toBeGreaterThanOrEqual(line.ttftMs as number);
  // The turn's line names the request that carried it, and that request has its own line.
  await waitForLine((l) => l.event === "request" && l.requestId === line.requestId && l.route === "/api/chat" && l.status === 200);

  const after = await metrics(request);
  expect(sample(after, 'parley_turns_total{outcome="complete"}') - sample(before, 'parley_turns_total{outcome="complete"}')).toBe(1);
  expect(sample(after, "parley_ttft_seconds_count") - sample(before, "parley_ttft_seconds_count")).toBe(1);
  expect(sample(after, "parley_turn_duration_seconds_count") - sample(before, "parley_turn_duration_seconds_count")).toBe(1);
  expect(sample(after, 'parley_tokens_total{kind="prompt"}') - sample(before, 'parley_tokens_total{kind="prompt"}')).toBe(37);
  expect(sample(after, 'parley_tokens_total{kind="completion"}') - sample(before, 'parley_tokens_total{kind="completion"}')).toBe(11);
  expect(sample(after, "parley_active_replies")).toBe(0);
});

test("a provider failure is logged as an error of its kind, and the chat shows the request id under it", async ({ page, request }) => {
  const token = unique("refused");
  const text = `This one fails ${token}`;
  sentTexts.push(text);
  await scriptReply(fake, token, { status: 401, errorCode: "invalid_api_key", errorMessage: "Incorrect API key provided" });
  const before = await metrics(request);

  await signIn(page, member.email, member.password);
  await send(page, text);
  await waitForFakeRequest(fake, token);
  const line = await waitForLine((l) => l.event === "turn" && l.outcome === "error");
  expect(line).toMatchObject({ errorKind: "auth", promptTokens: 0, completionTokens: 0 });
  await expect(replies(page).last().getByText(`Request ID: ${String(line.requestId)}`)).toBeVisible();

  const after = await metrics(request);
  expect(sample(after, 'parley_turns_total{outcome="error"}') - sample(before, 'parley_turns_total{outcome="error"}')).toBe(1);
  expect(sample(after, 'parley_provider_errors_total{kind="auth"}') - sample(before, 'parley_provider_errors_total{kind="auth"}')).toBe(1);
});

test("every line is JSON with its fields, and none holds an email, a name, a password, the provider key or a message sent", () => {
  const all = lines();
  expect(all.length).toBeGreaterThan(10);
  for (const line of all) {
    expect(typeof line.time).toBe("string");
    expect(typeof line.level).toBe("string");
  }
  for (const line of all.filter((l) => l.event === "request")) {
    for (const field of ["requestId", "method", "route", "status", "durationMs"]) expect(line, JSON.stringify(line)).toHaveProperty(field);
  }
  for (const line of all.filter((l) => l.event === "turn")) {
    for (const field of ["conversationId", "model", "outcome", "ttftMs", "durationMs", "promptTokens", "completionTokens", "reasoningTokens"]) {
      expect(line).toHaveProperty(field);
    }
  }
  const raw = output.join("\n");
  for (const secret of [admin.email, member.email, admin.name, member.name, admin.password, member.password, providerKey, metricsToken, "scrypt$", ...sentTexts]) {
    expect(raw).not.toContain(secret);
  }
});
