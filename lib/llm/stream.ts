import type { ProviderConfig } from "@/lib/config";
import type { TokenUsage } from "@/lib/chat/types";
import { apiStyleOf } from "./api-style";
import { completionEvents } from "./chat-completions";
import type { ProviderClient } from "./client";
import { ProviderError, providerError, toProviderError } from "./errors";
import type { ReplyEnding, ReplyEvent } from "./reply-events";
import type { ReplyRequest } from "./request-body";
import { responsesEvents } from "./responses";

export type { ReplyEvent } from "./reply-events";
export { buildCompletionBody, buildResponsesBody, type ModelParameters, type PromptMessage, type ReplyRequest } from "./request-body";

/** The person pressed Stop. */
export class ReplyStopped extends Error {
  constructor() {
    super("The reply was stopped.");
    this.name = "ReplyStopped";
  }
}

/**
 * Streams one reply, through the Responses API or Chat Completions (see
 * apiStyleOf); both end here in the same events and the same failures.
 * Throws ReplyStopped when `signal` aborts, and ProviderError for everything
 * else, including silence longer than `idleTimeoutMs` before the first token
 * or between two tokens.
 */
export async function* streamReply(
  client: ProviderClient,
  config: ProviderConfig,
  request: ReplyRequest,
  options: { signal: AbortSignal; idleTimeoutMs: number },
): AsyncGenerator<ReplyEvent> {
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.idleTimeoutMs);
  };
  const onAbort = () => controller.abort();
  if (options.signal.aborted) throw new ReplyStopped();
  options.signal.addEventListener("abort", onAbort, { once: true });

  let streamed = false;
  let thought = false;
  let ending: ReplyEnding | null = null;
  try {
    arm();
    const read = apiStyleOf(config) === "responses" ? responsesEvents : completionEvents;
    for await (const event of read(client, config, request, controller.signal)) {
      arm();
      if (event.type === "end") {
        ending = event;
        continue;
      }
      if (event.type === "text") streamed = true;
      else thought = true;
      yield event;
    }
  } catch (error) {
    if (options.signal.aborted) throw new ReplyStopped();
    if (timedOut) throw providerError("timeout");
    throw toProviderError(error, { model: request.model, streamed: streamed || thought, provider: config.kind });
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener("abort", onAbort);
  }
  // Aborting mid-stream ends the SDK's iteration quietly instead of throwing.
  if (options.signal.aborted) throw new ReplyStopped();
  if (timedOut) throw providerError("timeout");
  // The stream ended without saying it was finished: the connection broke.
  if (!ending) throw providerError(streamed || thought ? "interrupted" : "provider");
  const usage = ending.usage;
  if (ending.reason === "content_filter") {
    // What arrived before the filter stepped in is kept (the caller has it).
    throw new ProviderError("content_filter", { code: streamed ? "content_filter_reply" : "content_filter_prompt" }, null, usage);
  }
  if (ending.reason === "length" && !streamed && (thought || (usage?.reasoningTokens ?? 0) > 0)) {
    throw thinkingBudgetSpent(request.maxTokens, usage);
  }
  yield { type: "done", usage };
}

/** The whole token limit went to reasoning and no answer was written. */
function thinkingBudgetSpent(maxTokens: number | null, usage: TokenUsage | null): ProviderError {
  const tokens = maxTokens ?? usage?.completionTokens ?? null;
  return new ProviderError(
    "thinking_budget",
    tokens ? { code: "thinking_budget_tokens", vars: { tokens } } : { code: "thinking_budget" },
    null,
    usage,
  );
}
