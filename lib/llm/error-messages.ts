import { en } from "@/lib/i18n/messages/en";
import { translator, type Vars } from "@/lib/i18n/translate";
import type { ErrorKind, Message } from "@/lib/store/types";

/**
 * What a failed reply says, as data: a code naming a string in the `errors`
 * section of lib/i18n/messages (the browser words it in the person's
 * language with t(`errors.${code}`, vars)) and the values it needs.
 * No SDK imports, so the browser bundle can use this file too.
 */

export type ErrorCode = keyof typeof en.errors;

export interface ErrorDescription {
  code: ErrorCode;
  vars: Vars | null;
}

const english = translator(en, "en");

/** English wording, for logs, the API and anything that is not the chat UI. */
export function englishError(description: ErrorDescription): string {
  return english(`errors.${description.code}`, description.vars ?? undefined);
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(en.errors, value);
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
export function describeStoredFailure(message: Pick<Message, "errorKind" | "model" | "content">): ErrorDescription {
  if (message.errorKind === "content_filter" && message.content.trim() !== "") {
    return { code: "content_filter_reply", vars: null };
  }
  return describeKind(message.errorKind, { model: message.model });
}
