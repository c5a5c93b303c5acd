import type { Vars } from "@/lib/i18n/translate";
import type { ErrorCode } from "@/lib/errors/wire";

/**
 * The chat's own vocabulary, with no dependencies: what the store keeps of a
 * reply, what the provider layer reports, and what the browser shows.
 */

export type MessageStatus = "complete" | "stopped" | "error";

/** Why a reply failed; stored with replies whose status is "error". */
export type ErrorKind =
  | "not_configured"
  | "auth"
  | "model_not_found"
  | "rate_limit"
  | "quota"
  | "content_filter"
  | "context_length"
  | "bad_request"
  | "provider"
  | "timeout"
  | "network"
  | "interrupted"
  /** A reasoning model spent the whole token limit thinking and wrote no answer. */
  | "thinking_budget";

export interface TokenUsage {
  promptTokens: number;
  /** Everything the model produced, its reasoning included. */
  completionTokens: number;
  /** Of completionTokens, those spent reasoning (reasoning models that report them). */
  reasoningTokens?: number;
}

/** How a reply failed: the kind the store keeps, and the code and vars the browser words. */
export interface ReplyFailure {
  kind: ErrorKind;
  code: ErrorCode;
  vars: Vars | null;
  /** The English wording, for logs and API clients. */
  message: string;
}
