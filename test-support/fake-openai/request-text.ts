/** Reading the messages out of a chat-completion request body, which is arbitrary JSON. */
import { TITLE_REQUEST_MARKER, type PurposeFilter, type RecordedRequest, type RequestPurpose } from "./types";

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Text of a message `content`, which may be a string or an array of content parts. */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (isObject(part) && typeof part.text === "string" ? part.text : ""))
      .join("");
  }
  return "";
}

/** The messages of a Chat Completions body, or the input items of a Responses API body. */
export function messagesOf(body: unknown): unknown[] {
  if (!isObject(body)) return [];
  if (Array.isArray(body.messages)) return body.messages;
  if (Array.isArray(body.input)) return body.input;
  return typeof body.input === "string" ? [{ role: "user", content: body.input }] : [];
}

export function lastUserText(body: unknown): string {
  const messages = messagesOf(body);
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (isObject(m) && m.role === "user") return contentText(m.content);
  }
  return "";
}

/**
 * Scripts match on either the serialized messages or their plain text, so a match string
 * containing quotes or newlines works without the caller thinking about JSON escaping.
 */
export function scriptHaystacks(body: unknown): string[] {
  const messages = messagesOf(body);
  const plain = messages.map((m) => (isObject(m) ? contentText(m.content) : "")).join("\n");
  return [JSON.stringify(messages), plain];
}

function requestHaystacks(r: RecordedRequest): string[] {
  return [r.body === null ? r.rawBody : JSON.stringify(r.body), ...scriptHaystacks(r.body)];
}

export function requestMatches(r: RecordedRequest, match: string, purpose: PurposeFilter = "any"): boolean {
  if (purpose !== "any" && r.purpose !== purpose) return false;
  return match === "" || requestHaystacks(r).some((h) => h.includes(match));
}

/** A title request carries TITLE_REQUEST_MARKER in a system message. */
export function purposeOf(body: unknown): RequestPurpose {
  const title = messagesOf(body).some(
    (m) => isObject(m) && (m.role === "system" || m.role === "developer") && contentText(m.content).includes(TITLE_REQUEST_MARKER),
  );
  return title ? "title" : "chat";
}

export function isPurposeFilter(value: unknown): value is PurposeFilter {
  return value === "chat" || value === "title" || value === "any";
}

/**
 * Prompt tokens of a request body as OpenAI counts them for o200k models:
 * every message's text, 4 tokens of framing each, 3 to prime the reply.
 * Loads the tokenizer on first use.
 */
export async function promptTokensOf(body: unknown): Promise<number> {
  const { countTokens } = await import("gpt-tokenizer/encoding/o200k_base");
  return messagesOf(body).reduce<number>((sum, m) => sum + countTokens(isObject(m) ? contentText(m.content) : "") + 4, 3);
}

/** Word-ish split that keeps whitespace attached, so joining the chunks restores the text. */
export function splitIntoChunks(text: string): string[] {
  const parts = text.match(/\S+\s*|\s+/g);
  return parts && parts.length > 0 ? parts : [text];
}

export function roughTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
