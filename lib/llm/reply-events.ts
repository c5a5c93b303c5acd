import type { TokenUsage } from "@/lib/chat/types";

/**
 * What either provider API streams, in Parley's terms: the reply's text,
 * the model's reasoning (an empty text says reasoning began, when a
 * provider shows that it thinks but not what), and how the reply ended.
 */

export type ReplyEvent =
  | { type: "text"; text: string }
  | { type: "reasoning"; text: string }
  | { type: "done"; usage: TokenUsage | null };

/**
 * How the provider said the reply ended: "stop" finished, "length" ran into
 * the token limit, "content_filter" was stopped by a filter. A stream that
 * ends without one broke off.
 */
export interface ReplyEnding {
  type: "end";
  reason: "stop" | "length" | "content_filter";
  usage: TokenUsage | null;
}

/** What an API's event reader yields: reply events, then (when the provider said so) the ending. */
export type SourceEvent = Exclude<ReplyEvent, { type: "done" }> | ReplyEnding;
