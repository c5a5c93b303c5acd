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
export { startFakeOpenAI } from "./server";
export { promptTokensOf, purposeOf, requestMatches, splitIntoChunks } from "./request-text";
export {
  FAKE_MODELS,
  TITLE_REQUEST_MARKER,
  type FakeOpenAI,
  type FakeReply,
  type PurposeFilter,
  type RecordedRequest,
  type RequestPurpose,
  type StartFakeOpenAIOptions,
} from "./types";
