import type { UIMessage } from "ai";
import { englishError, type ErrorCode } from "@/lib/errors/wire";
import { describeStoredFailure } from "@/lib/llm/error-messages";
import type { Message } from "@/lib/store/types";
import { attachmentPath } from "@/lib/attachments/kinds";
import { GENERATED_TITLE_CHARS } from "./limits";
import type { ErrorKind, MessageStatus, TokenUsage } from "./types";

/**
 * What the browser knows about a message beyond its text: the `metadata` of
 * a ChatMessage. A reply's stream (AI SDK UI message stream, see
 * lib/chat/turn.ts) carries it in this order:
 *
 *   start            messageMetadata { status: "streaming", model, omitted, turnId }
 *   text-start, text-delta…, text-end
 *     with, for a model that reasons, before the first text-delta:
 *     reasoning-start, reasoning-delta…, reasoning-end, then
 *     message-metadata { thinkingMs }
 *   message-metadata { status, model, usage, omitted,
 *                      errorKind, errorCode, errorVars, errorMessage }
 *   data-title       { conversationId, title }   (transient, see ChatData)
 *   finish | error   (error: errorText is the English errorMessage)
 *
 * Errors: show t(`errors.${errorCode}`, errorVars ?? undefined) from
 * @/lib/i18n; errorMessage is the same text in English for logs, the API and
 * clients without the dictionary. errorKind is what the store keeps.
 *
 * Usage: promptTokens + completionTokens of this reply; totalUsage() in
 * lib/chat/usage.ts adds a conversation up.
 *
 * omitted: how many earlier messages were left out to fit the model's
 * context window (only known while the reply is live; not stored).
 */
export interface MessageMeta {
  status?: MessageStatus;
  /** A reply being written: the turn writing it, which Stop names (from any device). */
  turnId?: string | null;
  errorKind?: ErrorKind | null;
  /** The key under `errors.` in lib/i18n/messages that words this failure. */
  errorCode?: ErrorCode | null;
  /** Values for the wording's placeholders, e.g. { seconds: 20 } or { variable: "OPENAI_API_KEY" }. */
  errorVars?: Record<string, string | number> | null;
  /** English wording of the failure. */
  errorMessage?: string | null;
  model?: string | null;
  usage?: TokenUsage | null;
  /** Earlier messages that did not fit the model's context window. */
  omitted?: number;
  /** How long the model thought before answering (replies of reasoning models). */
  thinkingMs?: number | null;
  /** The id of the request that wrote a failed reply, shown under its error while it is live. */
  requestId?: string | null;
  /** Documents of the person's message cut to fit the window, and how much of each the model saw (live only). */
  cut?: { name: string; percent: number }[];
}

/**
 * Data parts a reply's stream may carry. `data-title` is sent once, transient
 * (it never becomes part of a message; read it with useChat's `onData`),
 * after the first exchange of a new conversation when a generated title was
 * stored: `{ type: "data-title", data: { conversationId, title }, transient: true }`.
 * It comes before the stream's finish, so the sidebar can update live.
 */
export type ChatData = {
  title: { conversationId: string; title: string };
};

export type ChatMessage = UIMessage<MessageMeta, ChatData>;

export function toChatMessage(message: Message): ChatMessage {
  const failure = message.status === "error" ? describeStoredFailure(message) : null;
  return {
    id: message.id,
    role: message.role,
    parts: [
      // The reasoning first, as it streamed; shown as "Thinking" above the answer.
      ...(message.reasoning ? [{ type: "reasoning" as const, text: message.reasoning.text, state: "done" as const }] : []),
      ...(message.content ? [{ type: "text" as const, text: message.content }] : []),
      // The chat reads files through the app's route, which checks the owner.
      ...message.attachments.map((a) => ({ type: "file" as const, mediaType: a.mediaType, filename: a.name, url: attachmentPath(a.id) })),
    ],
    metadata: {
      status: message.status,
      errorKind: message.errorKind,
      errorCode: failure?.code ?? null,
      errorVars: failure?.vars ?? null,
      errorMessage: failure ? englishError(failure.code, failure.vars) : null,
      model: message.model,
      usage: message.usage,
      ...(message.reasoning ? { thinkingMs: message.reasoning.durationMs } : {}),
      turnId: message.status === "streaming" ? message.turnId : null,
    },
  };
}

export function messageText(message: Pick<ChatMessage, "parts">): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
}

/** The reply's reasoning ("Thinking"), or null when the model did not reason. */
export function messageReasoning(message: Pick<ChatMessage, "parts">): string | null {
  const parts = message.parts.filter((part) => part.type === "reasoning");
  return parts.length === 0 ? null : parts.map((part) => part.text).join("\n\n");
}

/** A conversation's title from its first message: the first words, on one line. */
export function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= GENERATED_TITLE_CHARS) return line || "New chat";
  const cut = line.slice(0, GENERATED_TITLE_CHARS);
  const space = cut.lastIndexOf(" ");
  return (space > GENERATED_TITLE_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd() + "…";
}
