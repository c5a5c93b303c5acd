import type { ErrorKind } from "@/lib/chat/types";
import type { ErrorCode } from "@/lib/errors/wire";
import type { Vars } from "@/lib/i18n/translate";

/**
 * What a failed reply says, as data: a wire code (lib/errors/wire.ts) and the
 * values its wording needs. No SDK imports, so the browser can use it too.
 */

export interface ErrorDescription {
  code: ErrorCode;
  vars: Vars | null;
}

/** The environment variable that holds the provider's key, for "check …" advice. */
export function keyVariable(provider: "openai" | "azure" | null | undefined): string {
  return provider === "azure" ? "AZURE_OPENAI_API_KEY" : "OPENAI_API_KEY";
}

/** The environment variable that says where the provider is. */
export function addressVariable(provider: "openai" | "azure" | null | undefined): string {
  return provider === "azure" ? "AZURE_OPENAI_ENDPOINT" : "OPENAI_BASE_URL";
}

/** The plain description of a kind, when nothing more specific is known. */
export function describeKind(
  kind: ErrorKind | null,
  extra: { model?: string | null; provider?: "openai" | "azure" | null } = {},
): ErrorDescription {
  switch (kind) {
    case "auth":
      return { code: "auth", vars: { variable: keyVariable(extra.provider) } };
    case "network":
      return { code: "network", vars: { variable: addressVariable(extra.provider) } };
    case "model_not_found":
      return extra.model ? { code: "model_not_found", vars: { model: extra.model } } : { code: "model_not_found_unnamed", vars: null };
    case null:
      return { code: "failed", vars: null };
    default:
      return { code: kind, vars: null };
  }
}

/**
 * How a stored failed reply is described when a conversation is opened again.
 * The store keeps only the kind, so a few details (the seconds of a rate limit)
 * are gone; a content filter with text before it stopped the reply mid-way.
 */
export function describeStoredFailure(message: { errorKind: ErrorKind | null; model: string | null; content: string }): ErrorDescription {
  if (message.errorKind === "content_filter" && message.content.trim() !== "") {
    return { code: "content_filter_reply", vars: null };
  }
  return describeKind(message.errorKind, { model: message.model });
}
