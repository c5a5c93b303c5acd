import type { ProviderConfig } from "@/lib/config";
import type { TokenUsage } from "@/lib/chat/types";
import { maxTokensField, type ProviderClient } from "./client";
import { ProviderError, providerError, toProviderError } from "./errors";

export interface PromptMessage {
  role: "system" | "user" | "assistant";
  content: string;
  /** Images the message shows the model (data: URLs), after its text. */
  images?: readonly string[];
}

/** A message as Chat Completions takes it: plain text, or text and image parts. */
function wireMessage(message: PromptMessage) {
  if (!message.images?.length || message.role !== "user") return { role: message.role, content: message.content };
  return {
    role: message.role,
    content: [
      { type: "text" as const, text: message.content },
      ...message.images.map((url) => ({ type: "image_url" as const, image_url: { url } })),
    ],
  };
}

/** The model parameters a person chooses; null/undefined leaves one to the provider. */
export interface ModelParameters {
  /** The model, or on Azure the deployment name. */
  model: string;
  temperature: number | null;
  topP?: number | null;
  presencePenalty?: number | null;
  frequencyPenalty?: number | null;
  maxTokens: number | null;
}

export interface ReplyRequest extends ModelParameters {
  messages: PromptMessage[];
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

/**
 * The sampling fields of a request. Temperature and max tokens go whenever
 * set; top_p and the penalties go when set to something other than the API's
 * own default (1, 0, 0) — leaving a default out has the same effect, and
 * models that refuse these fields (OpenAI's reasoning models, some compatible
 * servers) keep working for people who never touch them.
 */
export function samplingFields(config: ProviderConfig, parameters: ModelParameters) {
  const fields: {
    temperature?: number;
    top_p?: number;
    presence_penalty?: number;
    frequency_penalty?: number;
    max_tokens?: number;
    max_completion_tokens?: number;
  } = {};
  if (parameters.temperature != null) fields.temperature = parameters.temperature;
  if (parameters.topP != null && parameters.topP !== 1) fields.top_p = parameters.topP;
  if (parameters.presencePenalty != null && parameters.presencePenalty !== 0) fields.presence_penalty = parameters.presencePenalty;
  if (parameters.frequencyPenalty != null && parameters.frequencyPenalty !== 0) fields.frequency_penalty = parameters.frequencyPenalty;
  if (parameters.maxTokens != null) fields[maxTokensField(config)] = parameters.maxTokens;
  return fields;
}

/** The exact body sent to the chat-completions endpoint. */
export function buildCompletionBody(config: ProviderConfig, request: ReplyRequest) {
  return {
    model: request.model,
    messages: request.messages.map(wireMessage),
    ...samplingFields(config, request),
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
      // Azure sends chunks with no choices (prompt filter results first, usage
      // last) and with empty id/model; only choices carry the reply.
      const choice = chunk.choices?.find((c) => (c.index ?? 0) === 0);
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
    if (timedOut) throw providerError("timeout");
    throw toProviderError(error, { model: request.model, streamed, provider: config.kind });
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener("abort", onAbort);
  }
  // Aborting mid-stream ends the SDK's iteration quietly instead of throwing.
  if (options.signal.aborted) throw new ReplyStopped();
  if (timedOut) throw providerError("timeout");
  if (finishReason === "content_filter") {
    // What arrived before the filter stepped in is kept (the caller has it).
    throw new ProviderError("content_filter", { code: streamed ? "content_filter_reply" : "content_filter_prompt" }, null, usage);
  }
  if (!finishReason) {
    // The stream ended without saying it was finished: the connection broke.
    throw providerError(streamed ? "interrupted" : "provider");
  }
  yield { type: "done", usage };
}
