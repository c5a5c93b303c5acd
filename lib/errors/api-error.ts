import type { Vars } from "@/lib/i18n/translate";
import { englishError, type ErrorBody, type ErrorCode } from "./wire";

/**
 * The error a route handler (or the lib code it calls) throws to refuse a
 * request; `withUser` answers it as JSON with its status.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly vars: Vars | null = null,
  ) {
    super(englishError(code, vars));
    this.name = "ApiError";
  }

  /** The answer's body; `requestId` is the request's X-Request-Id, for the person to quote. */
  toBody(requestId?: string): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.vars ? { vars: this.vars } : {}), ...(requestId ? { requestId } : {}) } };
  }
}
