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
  /**
   * Reasoning streamed before the text, one event each: on Chat Completions as
   * `reasoningField` of the delta, on the Responses API as reasoning summary
   * deltas (after a reasoning output item). These chunks count with the text
   * chunks for delayMs, disconnectAfter, holdAfter and stallAfter.
   */
  reasoning?: string[];
  /** Which delta field carries reasoning on Chat Completions (default "reasoning_content"). */
  reasoningField?: "reasoning_content" | "reasoning";
  /** Reasoning tokens reported in usage (default: roughly the reasoning's length, when there is reasoning). */
  reasoningTokens?: number;
  /** Responses API: end with response.incomplete for this reason instead of response.completed. */
  incomplete?: "max_output_tokens" | "content_filter";
  /** Responses API: end with response.failed carrying this error instead of response.completed. */
  failed?: { code: string; message: string };
  /** End with an `error` event (Responses API) or an error chunk (Chat Completions) instead of finishing. */
  streamError?: { code: string; message: string };
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
  /** Which API was asked: Chat Completions or the Responses API. */
  api: "chat" | "responses";
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
