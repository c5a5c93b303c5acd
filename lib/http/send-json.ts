import { englishError, readWireError, type ErrorCode } from "@/lib/errors/wire";
import type { MessageKey, Translate, Vars } from "@/lib/i18n/translate";

/**
 * The browser's side of the error contract: requests to Parley's own routes,
 * and any failure worded by its code in the person's language.
 */

/** A request Parley's server refused, or that never reached it (`unreachable`). */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | null,
    readonly vars: Vars | null = null,
    message?: string,
    /** The request's id, as the server answered it, for the person to quote. */
    readonly requestId: string | null = null,
  ) {
    super(message ?? (code ? englishError(code, vars) : `HTTP ${status}`));
    this.name = "RequestError";
  }
}

export interface SendOptions {
  method?: string;
  /** Sent as the JSON body. */
  json?: unknown;
  signal?: AbortSignal;
}

/** Sends a request and answers its JSON body (null for 204); throws RequestError otherwise. */
export async function sendJson<T>(url: string, options: SendOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? (options.json === undefined ? "GET" : "POST"),
      headers: options.json === undefined ? undefined : { "content-type": "application/json" },
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new RequestError(0, "unreachable");
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => undefined);
  if (!response.ok) {
    const wire = readWireError(body);
    throw new RequestError(response.status, wire?.code ?? null, wire?.vars ?? null, wire?.message, wire?.requestId ?? response.headers.get("x-request-id"));
  }
  if (body === undefined) throw new RequestError(response.status, "unexpected_answer");
  return body as T;
}

/**
 * What to tell the person about a failure: its code in their language; for
 * an error Parley did not describe, `fallback`.
 */
export function errorText(error: unknown, t: Translate, fallback: MessageKey = "errors.unexpected_answer"): string {
  if (error instanceof RequestError) return error.code ? t(`errors.${error.code}`, error.vars ?? undefined) : t(fallback);
  if (error instanceof Error) {
    // The chat transport reports a refused request with its body as the message.
    const wire = parseWireError(error.message);
    if (wire) return t(`errors.${wire.code}`, wire.vars);
    if (error.name === "TypeError" || /fetch|network/i.test(error.message)) return t("errors.unreachable");
  }
  return t(fallback);
}

/** The id of the request that failed, when the server answered one. */
export function errorRequestId(error: unknown): string | null {
  if (error instanceof RequestError) return error.requestId;
  // The chat transport reports a refused request with its body as the message.
  if (error instanceof Error) return parseWireError(error.message)?.requestId ?? null;
  return null;
}

function parseWireError(text: string) {
  try {
    return readWireError(JSON.parse(text));
  } catch {
    return null;
  }
}
