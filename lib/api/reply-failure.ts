import type { ReplyFailure } from "@/lib/chat/types";

/**
 * The HTTP status an API client gets for a reply that failed before it
 * started: the provider's trouble as 502/503/504, its limits as 429, a
 * request it refused as 400.
 */
export function failureStatus(failure: ReplyFailure): { status: number; retryAfterSeconds: number | null } {
  switch (failure.kind) {
    case "not_configured":
      return { status: 503, retryAfterSeconds: null };
    case "timeout":
      return { status: 504, retryAfterSeconds: null };
    case "rate_limit": {
      const seconds = failure.vars?.seconds;
      return { status: 429, retryAfterSeconds: typeof seconds === "number" ? seconds : failure.code === "rate_limit_wait_one" ? 1 : null };
    }
    case "quota":
      return { status: 429, retryAfterSeconds: null };
    case "model_not_found":
      return { status: 404, retryAfterSeconds: null };
    case "content_filter":
    case "context_length":
    case "bad_request":
      return { status: 400, retryAfterSeconds: null };
    case "auth":
    case "provider":
    case "network":
    case "interrupted":
      return { status: 502, retryAfterSeconds: null };
    // The request's own token limit was spent on thinking: the client's to raise.
    case "thinking_budget":
      return { status: 400, retryAfterSeconds: null };
  }
}
