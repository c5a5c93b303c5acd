import { en } from "@/lib/i18n/messages/en";
import { translator, type Vars } from "@/lib/i18n/translate";

/**
 * The one error vocabulary shared by server and browser. A refused request
 * answers { error: { code, message, vars? } }; a failed reply carries the
 * same code and vars in its metadata. The browser words a code in the
 * person's language; `message` is the English wording, for API clients and
 * logs. Safe to import in the browser.
 */

export type ErrorCode = keyof typeof en.errors;

export interface WireError {
  code: ErrorCode;
  message: string;
  vars?: Vars;
  /** The request's id (its X-Request-Id), for the person to quote. */
  requestId?: string;
}

export interface ErrorBody {
  error: WireError;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(en.errors, value);
}

const english = translator(en, "en");

export function englishError(code: ErrorCode, vars?: Vars | null): string {
  return english(`errors.${code}`, vars ?? undefined);
}

function isVars(value: unknown): value is Vars {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === "string" || typeof v === "number");
}

/** The error of an answer's body, or null when it is not one of ours. */
export function readWireError(body: unknown): WireError | null {
  const error = (body as { error?: unknown } | null)?.error as Record<string, unknown> | undefined;
  if (typeof error !== "object" || error === null || !isErrorCode(error.code)) return null;
  return {
    code: error.code,
    message: typeof error.message === "string" ? error.message : englishError(error.code, isVars(error.vars) ? error.vars : null),
    ...(isVars(error.vars) ? { vars: error.vars } : {}),
    ...(typeof error.requestId === "string" ? { requestId: error.requestId } : {}),
  };
}
