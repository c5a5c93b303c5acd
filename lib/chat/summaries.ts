import type { Conversation } from "@/lib/store/types";

/**
 * Conversations as the sidebar knows them: what the server sends and how the
 * browser keeps its list in order. Safe to import in the browser.
 */

/** What the sidebar knows about a conversation. */
export interface ConversationSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

/** What the sidebar's list holds of a conversation, newest activity first. */
export type ListedConversation = Pick<ConversationSummary, "id" | "title" | "updatedAt">;

export interface SearchResult {
  id: string;
  title: string;
  updatedAt: string;
  /** Message text around the match; null when only the title matched. */
  snippet: string | null;
}

export const toSummary = (c: Pick<Conversation, "id" | "title" | "createdAt" | "updatedAt">): ConversationSummary => ({
  id: c.id,
  title: c.title,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

/**
 * A list (newest activity first) with `conversation` added or moved to where
 * its updatedAt puts it, after any with the same time.
 */
export function insertByDate<T extends { id: string; updatedAt: string }>(items: readonly T[], conversation: T): T[] {
  const rest = items.filter((c) => c.id !== conversation.id);
  const at = Date.parse(conversation.updatedAt);
  const index = rest.findIndex((c) => Date.parse(c.updatedAt) < at);
  return index < 0 ? [...rest, conversation] : [...rest.slice(0, index), conversation, ...rest.slice(index)];
}
