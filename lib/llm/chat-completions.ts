import type { ProviderConfig } from "@/lib/config";
import type { TokenUsage } from "@/lib/chat/types";
import type { ProviderClient } from "./client";
import type { ReplyEnding, SourceEvent } from "./reply-events";
import { buildCompletionBody, type ReplyRequest } from "./request-body";

/**
 * A reply through Chat Completions (compatible servers, Azure's deployment
 * URLs). Reasoning arrives, from servers that separate it, as
 * `reasoning_content` (DeepSeek, vLLM, LM Studio) or `reasoning` (Ollama,
 * OpenRouter, newer vLLM) beside the content of each delta.
 */

interface ReasoningDelta {
  content?: string | null;
  reasoning_content?: unknown;
  reasoning?: unknown;
}

interface UsageWithDetails {
  prompt_tokens: number;
  completion_tokens: number;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
}

export function completionUsage(usage: UsageWithDetails): TokenUsage {
  const reasoningTokens = usage.completion_tokens_details?.reasoning_tokens;
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    ...(typeof reasoningTokens === "number" && reasoningTokens > 0 ? { reasoningTokens } : {}),
  };
}

function reasoningOf(delta: ReasoningDelta): string {
  if (typeof delta.reasoning_content === "string") return delta.reasoning_content;
  return typeof delta.reasoning === "string" ? delta.reasoning : "";
}

export async function* completionEvents(
  client: ProviderClient,
  config: ProviderConfig,
  request: ReplyRequest,
  signal: AbortSignal,
): AsyncGenerator<SourceEvent> {
  const stream = await client.chat.completions.create(buildCompletionBody(config, request), { signal });
  let usage: TokenUsage | null = null;
  let finishReason: string | null = null;
  for await (const chunk of stream) {
    if (chunk.usage) usage = completionUsage(chunk.usage);
    // Azure sends chunks with no choices (prompt filter results first, usage
    // last) and with empty id/model; only choices carry the reply.
    const choice = chunk.choices?.find((c) => (c.index ?? 0) === 0);
    if (!choice) continue;
    const delta = (choice.delta ?? {}) as ReasoningDelta;
    const reasoning = reasoningOf(delta);
    if (reasoning) yield { type: "reasoning", text: reasoning };
    if (delta.content) yield { type: "text", text: delta.content };
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  if (!finishReason) return;
  const reason: ReplyEnding["reason"] = finishReason === "content_filter" ? "content_filter" : finishReason === "length" ? "length" : "stop";
  yield { type: "end", reason, usage };
}
