import type { ProviderConfig } from "@/lib/config";
import type { TokenUsage } from "@/lib/chat/types";
import type { ProviderClient } from "./client";
import { streamFailure } from "./errors";
import type { SourceEvent } from "./reply-events";
import { buildResponsesBody, type ReplyRequest } from "./request-body";

/**
 * A reply through OpenAI's Responses API (OpenAI, Azure's v1 API): its typed
 * events read one by one (`responses.create({ stream: true })`), so a
 * provider that leaves out an event the SDK's stream helper insists on does
 * not break the reply. Text and reasoning summaries become reply events; the
 * API's own endings become Parley's:
 *   response.completed                → finished
 *   response.incomplete (max_output_tokens / content_filter) → the token limit / the filter
 *   response.failed, error            → a ProviderError of the matching kind
 */

interface ResponsesUsage {
  input_tokens: number;
  output_tokens: number;
  output_tokens_details?: { reasoning_tokens?: number | null } | null;
}

export function responsesUsage(usage: ResponsesUsage | null | undefined): TokenUsage | null {
  if (!usage) return null;
  const reasoningTokens = usage.output_tokens_details?.reasoning_tokens;
  return {
    promptTokens: usage.input_tokens,
    completionTokens: usage.output_tokens,
    ...(typeof reasoningTokens === "number" && reasoningTokens > 0 ? { reasoningTokens } : {}),
  };
}

export async function* responsesEvents(
  client: ProviderClient,
  config: ProviderConfig,
  request: ReplyRequest,
  signal: AbortSignal,
): AsyncGenerator<SourceEvent> {
  const stream = await client.responses.create(buildResponsesBody(config, request), { signal });
  let streamed = false;
  // Summary parts (and reasoning items) are separate paragraphs of one Thinking text.
  let reasoningPart: string | null = null;
  let reasoningSeen = false;
  const paragraph = (part: string) => {
    const separate = reasoningPart !== null && reasoningPart !== part;
    reasoningPart = part;
    return separate ? "\n\n" : "";
  };
  for await (const event of stream) {
    switch (event.type) {
      case "response.output_item.added":
        // The model began to reason: Thinking shows at once, even before (or without) a summary.
        if (event.item.type === "reasoning" && !reasoningSeen) {
          reasoningSeen = true;
          yield { type: "reasoning", text: "" };
        }
        break;
      case "response.reasoning_summary_text.delta":
      case "response.reasoning_text.delta": {
        const part = `${event.item_id}:${"summary_index" in event ? event.summary_index : event.content_index}`;
        reasoningSeen = true;
        yield { type: "reasoning", text: paragraph(part) + event.delta };
        break;
      }
      case "response.output_text.delta":
      case "response.refusal.delta":
        streamed = true;
        yield { type: "text", text: event.delta };
        break;
      case "response.completed":
        yield { type: "end", reason: "stop", usage: responsesUsage(event.response.usage) };
        return;
      case "response.incomplete": {
        const reason = event.response.incomplete_details?.reason;
        yield {
          type: "end",
          reason: reason === "content_filter" ? "content_filter" : reason === "max_output_tokens" ? "length" : "stop",
          usage: responsesUsage(event.response.usage),
        };
        return;
      }
      case "response.failed": {
        const error = event.response.error;
        throw streamFailure(error?.code ?? null, error?.message ?? null, {
          model: request.model,
          streamed,
          provider: config.kind,
          usage: responsesUsage(event.response.usage),
        });
      }
      case "error":
        throw streamFailure(event.code, event.message, { model: request.model, streamed, provider: config.kind });
      default:
        break;
    }
  }
}
