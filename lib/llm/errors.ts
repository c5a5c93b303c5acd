import OpenAI from "openai";
import type { ErrorKind, ReplyFailure, TokenUsage } from "@/lib/chat/types";
import { englishError, type ErrorCode } from "@/lib/errors/wire";
import type { Vars } from "@/lib/i18n/translate";
import { describeKind } from "./error-messages";

/**
 * A failure of the model provider (or of reaching it): the stored `kind`, and
 * a wire `code` + `vars` the browser words in the person's language.
 * `message` is the English wording, for logs and the API.
 */
export class ProviderError extends Error implements ReplyFailure {
  readonly code: ErrorCode;
  readonly vars: Vars | null;

  constructor(
    readonly kind: ErrorKind,
    description: { code: ErrorCode; vars?: Vars | null } = { code: kind },
    readonly retryAfterSeconds: number | null = null,
    /** Tokens the provider reported before failing (a filtered reply still costs them). */
    readonly usage: TokenUsage | null = null,
  ) {
    const vars = description.vars ?? null;
    super(englishError(description.code, vars));
    this.name = "ProviderError";
    this.code = description.code;
    this.vars = vars;
  }
}

export interface FailureContext {
  model: string;
  /** Whether part of the reply had already arrived. */
  streamed: boolean;
  provider?: "openai" | "azure" | null;
}

/** A ProviderError with the plain description of its kind. */
export function providerError(kind: ErrorKind, context: Partial<FailureContext> = {}): ProviderError {
  return new ProviderError(kind, describeKind(kind, context));
}

function retryAfter(headers: Headers | undefined): number | null {
  const raw = headers?.get("retry-after-ms");
  if (raw && Number.isFinite(Number(raw))) return Math.max(1, Math.ceil(Number(raw) / 1000));
  const value = headers?.get("retry-after");
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(1, Math.ceil((date - Date.now()) / 1000));
}

/** Azure answers a blocked prompt with code "content_filter" and details in `innererror`. */
function isContentFilter(error: InstanceType<typeof OpenAI.APIError>): boolean {
  if (error.code === "content_filter") return true;
  const inner = (error.error as { innererror?: { code?: unknown } } | undefined)?.innererror;
  return inner?.code === "ResponsibleAIPolicyViolation";
}

/**
 * Maps anything the provider call threw to a ProviderError. `streamed` says
 * whether part of the reply had already arrived, which turns a dropped
 * connection into "interrupted".
 */
export function toProviderError(error: unknown, context: FailureContext): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof OpenAI.APIConnectionTimeoutError) return providerError("timeout");
  if (error instanceof OpenAI.APIError && error.status === undefined && (error.code || error.error)) {
    // An error event inside a stream that had started (the SDK raises it without a status).
    return streamFailure(error.code ?? null, (error.error as { message?: unknown } | undefined)?.message ?? null, context);
  }
  if (error instanceof OpenAI.APIError && typeof error.status === "number") {
    const code = String(error.code ?? "");
    const status = error.status;
    if (status === 401 || status === 403) return providerError("auth", context);
    if (status === 404) return providerError("model_not_found", context);
    if (status === 429) {
      if (code === "insufficient_quota") return providerError("quota");
      const wait = retryAfter(error.headers);
      if (!wait) return providerError("rate_limit");
      return new ProviderError(
        "rate_limit",
        wait === 1 ? { code: "rate_limit_wait_one" } : { code: "rate_limit_wait", vars: { seconds: wait } },
        wait,
      );
    }
    if (isContentFilter(error)) {
      return new ProviderError("content_filter", { code: context.streamed ? "content_filter_reply" : "content_filter_prompt" });
    }
    if (code === "context_length_exceeded") return providerError("context_length");
    if (status === 408) return providerError("timeout");
    if (status >= 500) return providerError("provider");
    const detail = error.message?.replace(/\s+/g, " ").trim().slice(0, 300);
    return detail
      ? new ProviderError("bad_request", { code: "bad_request_detail", vars: { detail } })
      : providerError("bad_request");
  }
  if (context.streamed) return providerError("interrupted");
  return providerError("network", context);
}

/**
 * A failure the provider reports inside a stream, by its code: a Responses
 * API `response.failed` or `error` event, or an error chunk of Chat
 * Completions. Usage reported with it is kept.
 */
export function streamFailure(
  code: string | null,
  message: unknown,
  context: FailureContext & { usage?: TokenUsage | null },
): ProviderError {
  const usage = context.usage ?? null;
  const plain = (kind: ErrorKind) => new ProviderError(kind, describeKind(kind, context), null, usage);
  switch (code) {
    case "rate_limit_exceeded":
      return plain("rate_limit");
    case "insufficient_quota":
      return plain("quota");
    case "context_length_exceeded":
      return plain("context_length");
    case "content_filter":
    case "bio_policy":
    case "misalignment_policy_violation":
    case "image_content_policy_violation":
      return new ProviderError("content_filter", { code: context.streamed ? "content_filter_reply" : "content_filter_prompt" }, null, usage);
    case "server_error":
    case "vector_store_timeout":
    case null:
    case "":
      return plain("provider");
    default: {
      const detail = typeof message === "string" ? message.replace(/\s+/g, " ").trim().slice(0, 300) : "";
      return detail ? new ProviderError("bad_request", { code: "bad_request_detail", vars: { detail } }, null, usage) : plain("bad_request");
    }
  }
}
