import type { UIMessage } from "ai";
import { describeErrorKind } from "@/lib/llm/error-messages";
import type { ErrorKind, Message, MessageStatus, TokenUsage } from "@/lib/store/types";

/** What the browser knows about a message beyond its text. */
export interface MessageMeta {
  status?: MessageStatus | "streaming";
  errorKind?: ErrorKind | null;
  errorMessage?: string | null;
  model?: string | null;
  usage?: TokenUsage | null;
  /** Earlier messages that did not fit the model's context window. */
  omitted?: number;
}

export type ChatMessage = UIMessage<MessageMeta>;

export function toChatMessage(message: Message): ChatMessage {
  return {
    id: message.id,
    role: message.role,
    parts: message.content ? [{ type: "text", text: message.content }] : [],
    metadata: {
      status: message.status,
      errorKind: message.errorKind,
      errorMessage: message.status === "error" ? describeErrorKind(message.errorKind, message.model) : null,
      model: message.model,
      usage: message.usage,
    },
  };
}

export function messageText(message: Pick<ChatMessage, "parts">): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
}

const TITLE_LENGTH = 60;

/** A conversation's title from its first message: the first words, on one line. */
export function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= TITLE_LENGTH) return line || "New chat";
  const cut = line.slice(0, TITLE_LENGTH);
  const space = cut.lastIndexOf(" ");
  return (space > TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd() + "…";
}
