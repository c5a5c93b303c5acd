import OpenAI from "openai";
import type { ErrorKind } from "@/lib/store/types";
import { describeErrorKind } from "./error-messages";

/**
 * Every way a reply can fail, as one typed error with a message written for
 * the person in front of the chat (not for a developer reading logs).
 */
export class ProviderError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = "ProviderError";
  }
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

/**
 * Maps anything the provider call threw to a ProviderError. `streamed` says
 * whether part of the reply had already arrived, which turns a dropped
 * connection into "interrupted".
 */
export function toProviderError(error: unknown, context: { model: string; streamed: boolean }): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new ProviderError("timeout", describeErrorKind("timeout"));
  }
  if (error instanceof OpenAI.APIError && typeof error.status === "number") {
    const code = String(error.code ?? "");
    const status = error.status;
    if (status === 401 || status === 403) return new ProviderError("auth", describeErrorKind("auth"));
    if (status === 404) return new ProviderError("model_not_found", describeErrorKind("model_not_found", context.model));
    if (status === 429) {
      if (code === "insufficient_quota") return new ProviderError("quota", describeErrorKind("quota"));
      const wait = retryAfter(error.headers);
      const message = wait
        ? `The model provider is rate limiting requests. Try again in ${wait} second${wait === 1 ? "" : "s"}.`
        : describeErrorKind("rate_limit");
      return new ProviderError("rate_limit", message, wait);
    }
    if (code === "content_filter") return new ProviderError("content_filter", describeErrorKind("content_filter"));
    if (code === "context_length_exceeded") return new ProviderError("context_length", describeErrorKind("context_length"));
    if (status === 408) return new ProviderError("timeout", describeErrorKind("timeout"));
    if (status >= 500) return new ProviderError("provider", describeErrorKind("provider"));
    const detail = error.message ? ` (${error.message.slice(0, 300)})` : "";
    return new ProviderError("bad_request", `The model provider refused the request${detail}.`);
  }
  if (context.streamed) return new ProviderError("interrupted", describeErrorKind("interrupted"));
  return new ProviderError("network", describeErrorKind("network"));
}
