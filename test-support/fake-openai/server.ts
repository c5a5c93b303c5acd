/**
 * Fake OpenAI-compatible Chat Completions server: the project's only test double.
 *
 * It is a real HTTP server (not a fetch mock) so that the exact same code path the app
 * uses in production — the `openai` SDK over undici — is exercised, including SSE
 * framing, status-code error mapping, aborted sockets and stalls.
 *
 * Used in-process by vitest (startFakeOpenAI) and out-of-process by Playwright through
 * the control API under /__fake/ (see client.ts for fetch helpers).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * Requests whose system message contains this are title requests (see
 * lib/chat/title.ts): scripts, the request log and the wait helpers keep them
 * apart from chat requests, so a test scripting a reply by a word of the
 * person's message is not answered by the title call.
 */
export const TITLE_REQUEST_MARKER = "Name this conversation.";

export type RequestPurpose = "chat" | "title";

export interface FakeReply {
  /** Text chunks streamed one SSE event each (default: "Echo: <last user text>" split into words). */
  chunks?: string[];
  /** Delay before each chunk in ms (default 0). Non-streaming replies wait delayMs × chunk count. */
  delayMs?: number;
  /** Reply with this HTTP status (>= 400) and an OpenAI-style error JSON body instead of streaming. */
  status?: number;
  /** error.code in the body, e.g. "model_not_found", "insufficient_quota", "content_filter". */
  errorCode?: string;
  errorMessage?: string;
  /** error.type in the body (default derived from status/code, as OpenAI does). */
  errorType?: string;
  /** Extra response headers, on success and error replies alike, e.g. {"retry-after": "20"}. */
  headers?: Record<string, string>;
  /** Destroy the socket after this many chunks were sent (mid-stream break). */
  disconnectAfter?: number;
  /** Send headers, then never send anything else (until the client aborts). */
  hang?: boolean;
  /** Send headers and this many chunks, then stall forever (client must time out / abort). */
  stallAfter?: number;
  /**
   * Send headers and this many chunks, then wait until the test calls release() (or
   * POST /__fake/release) for this request, then send the rest and finish normally.
   * Lets a test assert "partial now, the rest later" without timers. A release that
   * comes before the hold is reached lets the reply pass straight through. Non-streaming
   * replies wait for the release before sending anything.
   */
  holdAfter?: number;
  /** Default "stop". */
  finishReason?: string;
  /** Default computed roughly from text length (chars / 4). */
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** Which requests this script answers: chat replies (default) or title requests. */
  for?: RequestPurpose;
  /**
   * Answer as Azure OpenAI does: a first chunk with `choices: []`,
   * `prompt_filter_results` and empty id/model; content_filter_results on
   * every choice; and, for an error with errorCode "content_filter", Azure's
   * error body (param "prompt", `innererror` with ResponsibleAIPolicyViolation).
   */
  azure?: boolean;
  /** Raw chunk objects sent before the reply's chunks, as they are (any shape a test needs). */
  preludeChunks?: Record<string, unknown>[];
}

export interface RecordedRequest {
  /** Sequence number, unique per server lifetime (survives reset). */
  id: number;
  method: string;
  /** Path without the query string, e.g. "/v1/chat/completions". */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body; null when the body was not valid JSON (see rawBody). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- request bodies are arbitrary JSON and tests index into them freely
  body: any;
  rawBody: string;
  receivedAt: number;
  /**
   * True once the client closed the connection before the reply was complete
   * (Stop button, AbortController, client timeout). Updated live on the recorded object.
   */
  closedEarly: boolean;
  /** Set when the exchange is over: reply fully written, or the connection closed. */
  finishedAt: number | null;
  /** "title" when the system message carries TITLE_REQUEST_MARKER. */
  purpose: RequestPurpose;
  /** Azure's URL shape: the deployment named in /openai/deployments/<name>/…, else null. */
  deployment: string | null;
  /** The api-version query parameter (Azure), else null. */
  apiVersion: string | null;
}

/** Which recorded requests a lookup considers: chat requests unless told otherwise. */
export type PurposeFilter = RequestPurpose | "any";

export interface FakeOpenAI {
  /** Base URL to give the SDK, ending in /v1, e.g. http://127.0.0.1:PORT/v1 */
  url: string;
  /** Server origin without /v1 (for the control API and Azure-style paths). */
  origin: string;
  port: number;
  /**
   * Next requests whose serialized messages contain `match` (substring) get this reply;
   * once by default, or `times` (Infinity = until reset). match "" matches anything.
   * Most recent script wins.
   */
  script(match: string, reply: FakeReply, times?: number): void;
  /**
   * Recorded chat-completion requests, oldest first (live objects: closedEarly/finishedAt
   * update). Chat requests only unless `purpose` says "title" or "any".
   */
  requests(purpose?: PurposeFilter): RecordedRequest[];
  /**
   * Resolves with the latest recorded request whose JSON body contains `match`, waiting
   * for one to arrive if none has yet. Resolves as soon as the request is recorded,
   * i.e. before onRequest runs and before any reply is sent.
   */
  waitForRequest(match: string, timeoutMs?: number, purpose?: PurposeFilter): Promise<RecordedRequest>;
  /**
   * Resolves once the exchange of the latest request matching `match` (or the given
   * request) is over — either the reply completed or the client went away. Assert
   * `closedEarly` on the result to check that e.g. Stop aborted the upstream call.
   */
  waitForClose(match: string | RecordedRequest, timeoutMs?: number, purpose?: PurposeFilter): Promise<RecordedRequest>;
  /**
   * Lets every in-flight reply whose request matches `match` ("" = all) go on past its
   * holdAfter point: held replies resume now, ones that have not reached the hold yet will
   * not stop there. Only requests already received are affected (wait for the request or
   * its partial output first); finished requests are ignored.
   */
  release(match: string): void;
  /** Forget scripts and recorded requests. In-flight replies keep going. */
  reset(): void;
  /** Stops listening and destroys open connections (in-flight streams end as closedEarly). */
  close(): Promise<void>;
}

export interface StartFakeOpenAIOptions {
  /** 0 / absent = random free port. */
  port?: number;
  /**
   * Awaited after the request is recorded and before any reply byte is written; the
   * reply script is chosen after it returns, so the hook may call script() for this request.
   * A throwing hook turns into a 500 reply.
   */
  onRequest?: (req: RecordedRequest) => void | Promise<void>;
  /** What GET /v1/models lists (default FAKE_MODELS); POST /__fake/models {models} changes it. */
  models?: readonly string[];
}

export const FAKE_MODELS = ["gpt-4o-mini", "gpt-4o", "fake-small"] as const;

const DEFAULT_WAIT_MS = 5_000;
const MAX_BODY_BYTES = 10 * 1024 * 1024;

interface Script {
  match: string;
  reply: FakeReply;
  remaining: number;
}

type WaitKind = "arrive" | "close";

/** A chat-completion exchange still in progress, as seen by release(). */
interface Flight {
  record: RecordedRequest;
  /** Set by release(); once true, a holdAfter point is passed without stopping. */
  released: boolean;
  /** Resumes the reply while it is held at its holdAfter point. */
  wake: (() => void) | null;
}

interface Waiter {
  kind: WaitKind;
  predicate: (r: RecordedRequest) => boolean;
  resolve: (r: RecordedRequest) => void;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ---------------------------------------------------------------------------
// Pure helpers
// ---------------------------------------------------------------------------

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Text of a message `content`, which may be a string or an array of content parts. */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (isObject(part) && typeof part.text === "string" ? part.text : ""))
      .join("");
  }
  return "";
}

function messagesOf(body: unknown): unknown[] {
  return isObject(body) && Array.isArray(body.messages) ? body.messages : [];
}

function lastUserText(body: unknown): string {
  const messages = messagesOf(body);
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (isObject(m) && m.role === "user") return contentText(m.content);
  }
  return "";
}

/**
 * Scripts match on either the serialized messages or their plain text, so a match string
 * containing quotes or newlines works without the caller thinking about JSON escaping.
 */
function scriptHaystacks(body: unknown): string[] {
  const messages = messagesOf(body);
  const plain = messages.map((m) => (isObject(m) ? contentText(m.content) : "")).join("\n");
  return [JSON.stringify(messages), plain];
}

function requestHaystacks(r: RecordedRequest): string[] {
  return [r.body === null ? r.rawBody : JSON.stringify(r.body), ...scriptHaystacks(r.body)];
}

export function requestMatches(r: RecordedRequest, match: string, purpose: PurposeFilter = "any"): boolean {
  if (purpose !== "any" && r.purpose !== purpose) return false;
  return match === "" || requestHaystacks(r).some((h) => h.includes(match));
}

/** A title request carries TITLE_REQUEST_MARKER in a system message. */
export function purposeOf(body: unknown): RequestPurpose {
  const title = messagesOf(body).some(
    (m) => isObject(m) && m.role === "system" && contentText(m.content).includes(TITLE_REQUEST_MARKER),
  );
  return title ? "title" : "chat";
}

function isPurposeFilter(value: unknown): value is PurposeFilter {
  return value === "chat" || value === "title" || value === "any";
}

const SAFE = { filtered: false, severity: "safe" };
/** Azure's per-category verdicts, as sent with prompts and with every choice. */
const AZURE_FILTER_RESULTS = { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE };

/**
 * Prompt tokens of a request body as OpenAI counts them for o200k models:
 * every message's text, 4 tokens of framing each, 3 to prime the reply.
 * Loads the tokenizer on first use.
 */
export async function promptTokensOf(body: unknown): Promise<number> {
  const { countTokens } = await import("gpt-tokenizer/encoding/o200k_base");
  return messagesOf(body).reduce<number>((sum, m) => sum + countTokens(isObject(m) ? contentText(m.content) : "") + 4, 3);
}

/** Word-ish split that keeps whitespace attached, so joining the chunks restores the text. */
export function splitIntoChunks(text: string): string[] {
  const parts = text.match(/\S+\s*|\s+/g);
  return parts && parts.length > 0 ? parts : [text];
}

function roughTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function defaultError(status: number, code: string | undefined, model: string): {
  message: string;
  type: string;
  code: string | null;
} {
  if (code === "insufficient_quota") {
    return {
      message: "You exceeded your current quota, please check your plan and billing details.",
      type: "insufficient_quota",
      code,
    };
  }
  if (code === "content_filter") {
    return {
      message: "The response was filtered due to the prompt triggering content management policy.",
      type: "invalid_request_error",
      code,
    };
  }
  switch (status) {
    case 400:
      return { message: "Bad request", type: "invalid_request_error", code: code ?? null };
    case 401:
      return {
        message: "Incorrect API key provided",
        type: "invalid_request_error",
        code: code ?? "invalid_api_key",
      };
    case 403:
      return { message: "Permission denied", type: "invalid_request_error", code: code ?? null };
    case 404:
      return {
        message: `The model \`${model}\` does not exist or you do not have access to it.`,
        type: "invalid_request_error",
        code: code ?? "model_not_found",
      };
    case 429:
      return { message: "Rate limit reached", type: "requests", code: code ?? "rate_limit_exceeded" };
    default:
      return status >= 500
        ? { message: "The server had an error", type: "server_error", code: code ?? null }
        : { message: `Error ${status}`, type: "invalid_request_error", code: code ?? null };
  }
}

function errorBody(message: string, type: string, code: string | null): Json {
  return { error: { message, type, code, param: null } };
}

function parseQuery(url: URL): Record<string, string> {
  const q: Record<string, string> = {};
  url.searchParams.forEach((v, k) => {
    q[k] = v;
  });
  return q;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("request body too large"));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
    // A client that disconnects mid-upload never emits "end".
    req.on("close", () => {
      if (!req.complete) reject(new Error("client closed before sending the whole body"));
    });
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string | null,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, errorBody(message, type, code), headers);
}

/**
 * Resolves after `ms`, or early (with false) when `signal` aborts; never rejects, so
 * a client disconnect cannot surface as an unhandled rejection.
 */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, Math.max(0, ms));
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Resolves with true once `flight` is released (at once if it already was), or with false
 * when `signal` aborts first; never rejects and leaves no listener behind either way.
 */
function hold(flight: Flight, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (flight.released) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      flight.wake = null;
      resolve(false);
    };
    flight.wake = () => {
      flight.wake = null;
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Waits until the client goes away (or the server closes). */
function stall(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}

// ---------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------

export async function startFakeOpenAI(options: StartFakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  let scripts: Script[] = [];
  let recorded: RecordedRequest[] = [];
  let waiters: Waiter[] = [];
  let nextId = 1;
  let listedModels: readonly string[] = options.models ?? FAKE_MODELS;
  const sockets = new Set<Socket>();
  // Kept apart from `recorded` so that reset() does not strand a held reply.
  const flights = new Set<Flight>();

  function notify(r: RecordedRequest, kind: WaitKind): void {
    const ready = waiters.filter((w) => w.kind === kind && w.predicate(r));
    if (ready.length === 0) return;
    waiters = waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(r);
  }

  /** Waits for `notify(_, kind)` with a request satisfying `predicate` (no look at the past). */
  function waitFor(
    kind: WaitKind,
    predicate: (r: RecordedRequest) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<RecordedRequest> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        kind,
        predicate,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      const timer = setTimeout(() => {
        waiters = waiters.filter((w) => w !== waiter);
        const seen = recorded.map((r) => lastUserText(r.body) || r.rawBody.slice(0, 80));
        reject(
          new Error(
            `fake-openai: timed out after ${timeoutMs}ms waiting for ${what}; ` +
              `recorded requests' last user messages: ${JSON.stringify(seen)}`,
          ),
        );
      }, timeoutMs);
      waiters.push(waiter);
    });
  }

  function script(match: string, reply: FakeReply, times = 1): void {
    // Negative/zero counts come from the HTTP control API, where Infinity is not valid JSON.
    const remaining = times > 0 ? times : Number.POSITIVE_INFINITY;
    scripts.push({ match, reply, remaining });
  }

  function takeScript(body: unknown, purpose: RequestPurpose): FakeReply | undefined {
    const haystacks = scriptHaystacks(body);
    for (let i = scripts.length - 1; i >= 0; i--) {
      const s = scripts[i];
      if ((s.reply.for ?? "chat") !== purpose) continue;
      if (s.match === "" || haystacks.some((h) => h.includes(s.match))) {
        s.remaining -= 1;
        if (s.remaining <= 0) scripts.splice(i, 1);
        return s.reply;
      }
    }
    return undefined;
  }

  function reset(): void {
    scripts = [];
    recorded = [];
  }

  /** See FakeOpenAI.release; returns how many in-flight requests it applied to. */
  function release(match: string): number {
    let count = 0;
    for (const flight of flights) {
      if (!requestMatches(flight.record, match)) continue;
      count += 1;
      flight.released = true;
      flight.wake?.();
    }
    return count;
  }

  async function handleCompletions(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    deployment: string | undefined,
  ): Promise<void> {
    // Anything that must stop when the client goes away (delays, stalls) listens here.
    const gone = new AbortController();
    let rawBody: string;
    try {
      rawBody = await readBody(req);
    } catch {
      res.destroy();
      return;
    }

    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see RecordedRequest.body
    let body: any = null;
    let parseError: string | undefined;
    try {
      body = JSON.parse(rawBody);
    } catch (e) {
      parseError = e instanceof Error ? e.message : String(e);
    }

    const record: RecordedRequest = {
      id: nextId++,
      method: req.method ?? "POST",
      path: url.pathname,
      query: parseQuery(url),
      headers: { ...req.headers },
      body,
      rawBody,
      receivedAt: Date.now(),
      closedEarly: false,
      finishedAt: null,
      purpose: purposeOf(body),
      deployment: deployment ?? null,
      apiVersion: url.searchParams.get("api-version"),
    };
    recorded.push(record);
    const flight: Flight = { record, released: false, wake: null };
    flights.add(flight);

    // Set when this server cuts the connection on purpose, which is not a client abort.
    let cutByServer = false;
    const cut = (): void => {
      cutByServer = true;
      res.socket?.destroy();
    };
    res.on("close", () => {
      if (!res.writableFinished && !cutByServer) record.closedEarly = true;
      record.finishedAt = Date.now();
      flights.delete(flight);
      gone.abort();
      notify(record, "close");
    });
    notify(record, "arrive");

    if (parseError !== undefined || !isObject(body)) {
      sendError(
        res,
        400,
        parseError !== undefined
          ? `We could not parse the JSON body of your request. (${parseError})`
          : "The request body must be a JSON object.",
        "invalid_request_error",
        null,
      );
      return;
    }

    if (options.onRequest) {
      try {
        await options.onRequest(record);
      } catch (e) {
        sendError(res, 500, `fake-openai onRequest hook failed: ${String(e)}`, "server_error", null);
        return;
      }
    }
    if (gone.signal.aborted) return;
    // Picked after the hook so the hook may still script the reply to this very request.
    const reply = takeScript(body, record.purpose) ?? {};
    const azure = reply.azure === true;

    const model =
      typeof body.model === "string" && body.model !== "" ? (body.model as string) : (deployment ?? "unknown");
    const requestId = `req_fake_${record.id}`;
    const headers: Record<string, string> = { "x-request-id": requestId, ...(reply.headers ?? {}) };

    if (reply.status !== undefined && reply.status >= 400) {
      const d = defaultError(reply.status, reply.errorCode, model);
      if (azure && reply.errorCode === "content_filter") {
        // Azure's blocked prompt: param "prompt", the status repeated, and innererror.
        sendJson(
          res,
          reply.status,
          {
            error: {
              message:
                reply.errorMessage ??
                "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.",
              type: null,
              param: "prompt",
              code: "content_filter",
              status: reply.status,
              innererror: {
                code: "ResponsibleAIPolicyViolation",
                content_filter_result: { ...AZURE_FILTER_RESULTS, violence: { filtered: true, severity: "high" } },
              },
            },
          },
          headers,
        );
        return;
      }
      sendError(
        res,
        reply.status,
        reply.errorMessage ?? d.message,
        reply.errorType ?? d.type,
        reply.errorCode ?? d.code,
        headers,
      );
      return;
    }

    const chunks =
      reply.chunks ??
      (record.purpose === "title"
        ? // A title that equals the app's provisional one, so tests that do not script titles see no change.
          [lastUserText(body).replace(/\s+/g, " ").trim()]
        : splitIntoChunks(`Echo: ${lastUserText(body)}`));
    const text = chunks.join("");
    const delayMs = reply.delayMs ?? 0;
    const finishReason = reply.finishReason ?? "stop";
    const promptTokens = reply.usage?.prompt_tokens ?? roughTokens(JSON.stringify(messagesOf(body)));
    const completionTokens = reply.usage?.completion_tokens ?? roughTokens(text);
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    };
    const id = `chatcmpl-fake-${record.id}`;
    const created = Math.floor(record.receivedAt / 1000);

    if (body.stream !== true) {
      // A non-streaming reply has no chunk boundaries; failure modes apply to the whole body.
      if (reply.hang || reply.stallAfter !== undefined) {
        await stall(gone.signal);
        return;
      }
      if (reply.holdAfter !== undefined && !(await hold(flight, gone.signal))) return;
      if (!(await pause(delayMs * chunks.length, gone.signal))) return;
      if (reply.disconnectAfter !== undefined) {
        cut();
        return;
      }
      sendJson(
        res,
        200,
        {
          id,
          object: "chat.completion",
          created,
          model,
          choices: [
            {
              index: 0,
              message: { role: "assistant", content: text, refusal: null },
              logprobs: null,
              finish_reason: finishReason,
            },
          ],
          usage,
          system_fingerprint: "fp_fake",
        },
        headers,
      );
      return;
    }

    // Streaming. Nagle would coalesce small SSE writes and hide chunk timing from clients.
    req.socket.setNoDelay(true);
    res.writeHead(200, {
      ...headers,
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    res.flushHeaders();

    const includeUsage = isObject(body.stream_options) && body.stream_options.include_usage === true;
    // Resolves once everything written so far has reached the socket.
    let flushed: Promise<void> = Promise.resolve();
    const send = (payload: unknown): boolean => {
      if (res.destroyed || res.writableEnded) return false;
      flushed = new Promise((resolve) => {
        res.write(`data: ${typeof payload === "string" ? payload : JSON.stringify(payload)}\n\n`, () => resolve());
      });
      return true;
    };
    const chunkEvent = (choices: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
      id,
      object: "chat.completion.chunk",
      created,
      model,
      system_fingerprint: "fp_fake",
      // Azure judges every choice's text with its content filters.
      choices: azure
        ? choices.map((c) => (isObject(c) && c.finish_reason === null ? { ...c, content_filter_results: AZURE_FILTER_RESULTS } : c))
        : choices,
      // The real API puts usage: null on every chunk when include_usage is on.
      ...(includeUsage ? { usage: null } : {}),
      ...extra,
    });

    if (azure) {
      // Azure's first chunk: no choices, the prompt's filter verdicts, empty id and model.
      const prelude = {
        id: "",
        object: "",
        created: 0,
        model: "",
        choices: [],
        prompt_filter_results: [{ prompt_index: 0, content_filter_results: AZURE_FILTER_RESULTS }],
      };
      if (!send(prelude)) return;
    }
    for (const raw of reply.preludeChunks ?? []) {
      if (!send(raw)) return;
    }

    if (reply.hang) {
      await stall(gone.signal);
      return;
    }

    for (let i = 0; i <= chunks.length; i++) {
      // Checked before sending chunk i, i.e. after i chunks went out; i === chunks.length
      // lets an option equal to the chunk count act before the final event. A hold comes
      // first so that it can be combined with a later cut or stall at the same point.
      // Once released, hold() returns at once, so the later chunks are not held again.
      if (reply.holdAfter !== undefined && i >= reply.holdAfter && !(await hold(flight, gone.signal))) return;
      if (reply.disconnectAfter !== undefined && i >= reply.disconnectAfter) {
        // Destroying the socket drops writes still queued in Node, so cutting right away
        // would usually hide the partial reply this option exists to produce.
        await flushed;
        cut();
        return;
      }
      if (reply.stallAfter !== undefined && i >= reply.stallAfter) {
        await stall(gone.signal);
        return;
      }
      if (i === chunks.length) break;
      if (delayMs > 0 && !(await pause(delayMs, gone.signal))) return;
      // Like the real API, role only appears on the first delta.
      const delta: Record<string, unknown> =
        i === 0 ? { role: "assistant", content: chunks[i], refusal: null } : { content: chunks[i] };
      if (!send(chunkEvent([{ index: 0, delta, logprobs: null, finish_reason: null }]))) return;
    }

    if (chunks.length === 0 && !send(chunkEvent([{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }]))) {
      return;
    }
    const finish: Record<string, unknown> = { index: 0, delta: {}, logprobs: null, finish_reason: finishReason };
    if (azure && finishReason === "content_filter") {
      finish.content_filter_results = { ...AZURE_FILTER_RESULTS, violence: { filtered: true, severity: "medium" } };
    }
    if (!send(chunkEvent([finish]))) return;
    if (includeUsage && !send(chunkEvent([], { usage }))) return;
    if (!send("[DONE]")) return;
    res.end();
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const route = `${req.method ?? "GET"} ${url.pathname}`;
    switch (route) {
      case "GET /__fake/health":
        sendJson(res, 200, { ok: true });
        return;
      case "POST /__fake/reset":
        reset();
        sendJson(res, 200, { ok: true });
        return;
      case "GET /__fake/requests": {
        const match = url.searchParams.get("match") ?? "";
        const purpose = url.searchParams.get("purpose") ?? "chat";
        if (!isPurposeFilter(purpose)) {
          sendError(res, 400, "purpose must be chat, title or any", "invalid_request_error", null);
          return;
        }
        sendJson(res, 200, recorded.filter((r) => requestMatches(r, match, purpose)));
        return;
      }
      case "GET /__fake/wait": {
        // Long-poll so out-of-process tests can wait for a condition without sleeping.
        const match = url.searchParams.get("match") ?? "";
        const timeoutMs = Number(url.searchParams.get("timeoutMs") ?? DEFAULT_WAIT_MS);
        const closed = url.searchParams.get("closed") === "1";
        const purpose = url.searchParams.get("purpose") ?? "chat";
        if (!isPurposeFilter(purpose)) {
          sendError(res, 400, "purpose must be chat, title or any", "invalid_request_error", null);
          return;
        }
        try {
          const r = closed
            ? await waitForClose(match, timeoutMs, purpose)
            : await waitForRequest(match, timeoutMs, purpose);
          sendJson(res, 200, r);
        } catch (e) {
          sendError(res, 408, e instanceof Error ? e.message : String(e), "timeout", "timeout");
        }
        return;
      }
      case "POST /__fake/release": {
        let parsed: unknown;
        try {
          parsed = JSON.parse(await readBody(req));
        } catch {
          parsed = undefined;
        }
        if (!isObject(parsed) || typeof parsed.match !== "string") {
          sendError(res, 400, "release body must be JSON {match: string}", "invalid_request_error", null);
          return;
        }
        sendJson(res, 200, { ok: true, released: release(parsed.match) });
        return;
      }
      case "POST /__fake/models": {
        let parsed: unknown;
        try {
          parsed = JSON.parse(await readBody(req));
        } catch {
          parsed = undefined;
        }
        if (!isObject(parsed) || !Array.isArray(parsed.models) || !parsed.models.every((m) => typeof m === "string")) {
          sendError(res, 400, "models body must be JSON {models: string[]}", "invalid_request_error", null);
          return;
        }
        listedModels = parsed.models as string[];
        sendJson(res, 200, { ok: true });
        return;
      }
      case "POST /__fake/script": {
        let parsed: unknown;
        try {
          parsed = JSON.parse(await readBody(req));
        } catch {
          sendError(res, 400, "script body must be JSON {match, reply, times?}", "invalid_request_error", null);
          return;
        }
        if (!isObject(parsed) || !isObject(parsed.reply) || (parsed.match !== undefined && typeof parsed.match !== "string")) {
          sendError(res, 400, "script body must be {match: string, reply: object, times?: number}", "invalid_request_error", null);
          return;
        }
        const times = typeof parsed.times === "number" ? parsed.times : 1;
        script(typeof parsed.match === "string" ? parsed.match : "", parsed.reply as FakeReply, times);
        sendJson(res, 200, { ok: true });
        return;
      }
      default:
        sendError(res, 404, `Unknown control route ${route}`, "invalid_request_error", "unknown_url");
    }
  }

  function modelObject(id: string): Json {
    return { id, object: "model", created: 1_700_000_000, owned_by: "fake" };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname.replace(/\/+$/, "");
    const method = req.method ?? "GET";

    if (path.startsWith("/__fake/")) {
      await handleControl(req, res, url);
      return;
    }
    if (method === "POST" && path === "/v1/chat/completions") {
      await handleCompletions(req, res, url, undefined);
      return;
    }
    const azure = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(path);
    if (method === "POST" && azure) {
      await handleCompletions(req, res, url, decodeURIComponent(azure[1]));
      return;
    }
    if (method === "GET" && (path === "/v1/models" || path === "/openai/models")) {
      sendJson(res, 200, { object: "list", data: listedModels.map(modelObject) });
      return;
    }
    const modelMatch = /^\/v1\/models\/(.+)$/.exec(path);
    if (method === "GET" && modelMatch) {
      const id = decodeURIComponent(modelMatch[1]);
      if (listedModels.includes(id)) sendJson(res, 200, modelObject(id));
      else sendError(res, 404, `The model '${id}' does not exist`, "invalid_request_error", "model_not_found");
      return;
    }
    sendError(res, 404, `Invalid URL (${method} ${url.pathname})`, "invalid_request_error", "unknown_url");
  }

  const server: Server = createServer((req, res) => {
    // Clients aborting mid-reply emit errors here; they are expected and must never crash the process.
    req.on("error", () => undefined);
    res.on("error", () => undefined);
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendError(res, 500, `fake-openai internal error: ${String(e)}`, "server_error", null);
      else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("clientError", (_err, socket) => {
    socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });

  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  function latestMatching(match: string, purpose: PurposeFilter): RecordedRequest | undefined {
    for (let i = recorded.length - 1; i >= 0; i--) {
      if (requestMatches(recorded[i], match, purpose)) return recorded[i];
    }
    return undefined;
  }

  function waitForRequest(match: string, timeoutMs = DEFAULT_WAIT_MS, purpose: PurposeFilter = "chat"): Promise<RecordedRequest> {
    // Looking at the past first means a test cannot miss a request that beat it to the server.
    const existing = latestMatching(match, purpose);
    if (existing) return Promise.resolve(existing);
    return waitFor(
      "arrive",
      (r) => requestMatches(r, match, purpose),
      timeoutMs,
      `a ${purpose === "any" ? "" : purpose + " "}request matching ${JSON.stringify(match)}`,
    );
  }

  async function waitForClose(
    match: string | RecordedRequest,
    timeoutMs = DEFAULT_WAIT_MS,
    purpose: PurposeFilter = "chat",
  ): Promise<RecordedRequest> {
    const deadline = Date.now() + timeoutMs;
    const target = typeof match === "string" ? await waitForRequest(match, timeoutMs, purpose) : match;
    if (target.finishedAt !== null) return target;
    return waitFor(
      "close",
      (r) => r === target,
      Math.max(1, deadline - Date.now()),
      `request #${target.id} (${JSON.stringify(lastUserText(target.body))}) to close`,
    );
  }

  const api: FakeOpenAI = {
    url: `${origin}/v1`,
    origin,
    port,
    script,
    requests: (purpose: PurposeFilter = "chat") => recorded.filter((r) => purpose === "any" || r.purpose === purpose),
    waitForRequest,
    waitForClose,
    release: (match) => {
      release(match);
    },
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Stalled/hanging streams would otherwise keep close() pending forever.
        for (const s of sockets) s.destroy();
      }),
  };
  return api;
}
