import type OpenAI from "openai";
import type { ProviderConfig } from "@/lib/config";
import type { TokenUsage } from "@/lib/store/types";
import { maxTokensField } from "./client";
import { describeErrorKind } from "./error-messages";
import { ProviderError, toProviderError } from "./errors";

export interface PromptMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface ReplyRequest {
  model: string;
  messages: PromptMessage[];
  temperature: number;
  /** Sent only when they differ from the API's defaults (1, 0, 0): some models refuse them outright. */
  topP?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  maxTokens: number | null;
}

export type ReplyEvent =
  | { type: "text"; text: string }
  | { type: "done"; usage: TokenUsage | null };

/** The person pressed Stop. */
export class ReplyStopped extends Error {
  constructor() {
    super("The reply was stopped.");
    this.name = "ReplyStopped";
  }
}

/** The exact body sent to the chat-completions endpoint. */
export function buildCompletionBody(config: ProviderConfig, request: ReplyRequest) {
  return {
    model: request.model,
    messages: request.messages,
    temperature: request.temperature,
    ...(request.topP !== undefined && request.topP !== 1 ? { top_p: request.topP } : {}),
    ...(request.presencePenalty ? { presence_penalty: request.presencePenalty } : {}),
    ...(request.frequencyPenalty ? { frequency_penalty: request.frequencyPenalty } : {}),
    ...(request.maxTokens !== null ? { [maxTokensField(config)]: request.maxTokens } : {}),
    stream: true as const,
    stream_options: { include_usage: true },
  };
}

/**
 * Streams one reply. Throws ReplyStopped when `signal` aborts, and
 * ProviderError for everything else, including silence longer than
 * `idleTimeoutMs` before the first token or between two tokens.
 */
export async function* streamReply(
  client: OpenAI,
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
  let usage: TokenUsage | null = null;
  let finishReason: string | null = null;
  try {
    arm();
    const stream = await client.chat.completions.create(buildCompletionBody(config, request), {
      signal: controller.signal,
    });
    for await (const chunk of stream) {
      arm();
      if (chunk.usage) {
        usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
      }
      // Azure sends chunks with no choices (prompt filter results first, usage last).
      const choice = chunk.choices?.[0];
      if (!choice) continue;
      const text = choice.delta?.content;
      if (text) {
        streamed = true;
        yield { type: "text", text };
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  } catch (error) {
    if (options.signal.aborted) throw new ReplyStopped();
    if (timedOut) throw new ProviderError("timeout", describeErrorKind("timeout"));
    throw toProviderError(error, { model: request.model, streamed });
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener("abort", onAbort);
  }
  // Aborting mid-stream ends the SDK's iteration quietly instead of throwing.
  if (options.signal.aborted) throw new ReplyStopped();
  if (timedOut) throw new ProviderError("timeout", describeErrorKind("timeout"));
  if (finishReason === "content_filter") {
    throw new ProviderError("content_filter", "The provider's content filter stopped this reply.");
  }
  if (!finishReason) {
    // The stream ended without saying it was finished: the connection broke.
    throw new ProviderError(streamed ? "interrupted" : "provider", describeErrorKind(streamed ? "interrupted" : "provider"));
  }
  yield { type: "done", usage };
}
