import { ApiError } from "@/lib/errors/api-error";
import type { ErrorCode } from "@/lib/errors/wire";
import type { Vars } from "@/lib/i18n/translate";
import { getLogger } from "@/lib/log";

/**
 * Refusals on /api/v1 in OpenAI's shape — { error: { message, type, param,
 * code } } — so OpenAI client libraries raise their usual errors
 * (AuthenticationError, NotFoundError, RateLimitError…). `code` is Parley's
 * error code; `message` its English wording.
 */

/** A refusal that says when to try again (429s). */
export class RetryLater extends ApiError {
  constructor(
    status: number,
    code: ErrorCode,
    vars: Vars | null,
    readonly retryAfterSeconds: number,
  ) {
    super(status, code, vars);
  }
}

function errorType(status: number, code: string): string {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 429) return code === "quota" ? "insufficient_quota" : "rate_limit_error";
  if (status >= 500) return status === 500 ? "server_error" : "api_error";
  return "invalid_request_error";
}

export function openAIError(status: number, code: string, message: string, retryAfterSeconds: number | null = null): Response {
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== null) headers["retry-after"] = String(retryAfterSeconds);
  return Response.json({ error: { message, type: errorType(status, code), param: null, code } }, { status, headers });
}

export function apiErrorResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    return openAIError(error.status, error.code, error.message, error instanceof RetryLater ? error.retryAfterSeconds : null);
  }
  getLogger().error({ err: error }, "Unexpected error in an API route");
  const internal = new ApiError(500, "internal");
  return openAIError(500, internal.code, internal.message);
}
