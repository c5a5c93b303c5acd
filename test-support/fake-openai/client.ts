/**
 * fetch helpers for talking to a fake-openai server's control API from another process
 * (Playwright workers). Kept free of node:http so it is cheap to import anywhere.
 *
 * Workers share one server, so prefer match strings unique to the test over "" and
 * avoid resetFake() while other workers may be mid-test.
 */
import type { FakeReply, PurposeFilter, RecordedRequest } from "./types";

export type { FakeReply, PurposeFilter, RecordedRequest };

/** Accepts either the SDK base URL (…/v1) or the bare origin. */
function controlUrl(baseUrl: string, route: string): string {
  const origin = baseUrl.replace(/\/+$/, "").replace(/\/v1$/, "");
  return `${origin}/__fake/${route}`;
}

async function expectOk(res: Response, what: string): Promise<void> {
  if (!res.ok) throw new Error(`fake-openai ${what} failed: HTTP ${res.status} ${await res.text()}`);
}

/** Like FakeOpenAI.script. times = Infinity keeps the script until reset. */
export async function scriptReply(baseUrl: string, match: string, reply: FakeReply, times = 1): Promise<void> {
  const res = await fetch(controlUrl(baseUrl, "script"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    // JSON has no Infinity; the server reads any count <= 0 as "forever".
    body: JSON.stringify({ match, reply, times: Number.isFinite(times) ? times : -1 }),
  });
  await expectOk(res, "script");
}

/**
 * Recorded chat-completion requests whose JSON body contains `match` ("" = all), oldest
 * first; chat requests only unless `purpose` says "title" or "any".
 */
export async function findRequests(baseUrl: string, match = "", purpose: PurposeFilter = "chat"): Promise<RecordedRequest[]> {
  const params = new URLSearchParams({ match, purpose });
  const res = await fetch(`${controlUrl(baseUrl, "requests")}?${params.toString()}`);
  await expectOk(res, "requests");
  return (await res.json()) as RecordedRequest[];
}

/**
 * Long-polls until a matching request has arrived (or, with `closed`, until its exchange
 * is over — check `closedEarly`). Rejects on timeout.
 */
export async function waitForFakeRequest(
  baseUrl: string,
  match: string,
  options: { timeoutMs?: number; closed?: boolean; purpose?: PurposeFilter } = {},
): Promise<RecordedRequest> {
  const params = new URLSearchParams({ match, timeoutMs: String(options.timeoutMs ?? 5_000), purpose: options.purpose ?? "chat" });
  if (options.closed) params.set("closed", "1");
  const res = await fetch(`${controlUrl(baseUrl, "wait")}?${params.toString()}`);
  await expectOk(res, "wait");
  return (await res.json()) as RecordedRequest;
}

/**
 * Like FakeOpenAI.release: lets in-flight replies matching `match` go on past their
 * holdAfter point. Resolves with how many in-flight requests matched (0 = nothing to release).
 */
export async function releaseReply(baseUrl: string, match: string): Promise<number> {
  const res = await fetch(controlUrl(baseUrl, "release"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ match }),
  });
  await expectOk(res, "release");
  return ((await res.json()) as { released: number }).released;
}

export async function resetFake(baseUrl: string): Promise<void> {
  const res = await fetch(controlUrl(baseUrl, "reset"), { method: "POST" });
  await expectOk(res, "reset");
}

export async function fakeHealthy(baseUrl: string): Promise<boolean> {
  try {
    return (await fetch(controlUrl(baseUrl, "health"))).ok;
  } catch {
    return false;
  }
}
