import { z } from "zod";
import "server-only";
import { deleteAttachments } from "@/lib/attachments/files";
import { inlineFiles, restoreFiles } from "@/lib/attachments/transfer";
import type { BlobStore } from "@/lib/blobs/types";
import type { Conversation, Store } from "@/lib/store/types";
import { isUuid } from "./ids";
import { CONVERSATION_PAGE_SIZE, MAX_PAGE_SIZE, MESSAGE_PAGE_SIZE, MAX_SEARCH_QUERY_CHARS, MAX_TITLE_CHARS, SEARCH_RESULT_LIMIT } from "./limits";
import { toChatMessage, type ChatMessage } from "./messages";
import { listConversationMessages, settleMessages } from "./replies";
import { toSummary, type ConversationSummary, type SearchResult } from "./summaries";
import {
  attachmentHeader,
  ENGLISH_MARKDOWN_LABELS,
  exportBaseName,
  parseImport,
  toJsonExport,
  toMarkdown,
  type ImportProblem,
  type MarkdownLabels,
} from "./export";

/**
 * What the conversation routes do, apart from HTTP: list a page, rename,
 * search, export and import, always within one person's conversations.
 */

export const renameSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "The title cannot be empty.")
    .max(MAX_TITLE_CHARS, `The title is too long (at most ${MAX_TITLE_CHARS} characters).`),
});

export const searchQuerySchema = z.object({
  q: z.string().trim().min(1).max(MAX_SEARCH_QUERY_CHARS),
});

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(CONVERSATION_PAGE_SIZE),
  cursor: z.string().max(500).optional(),
});

export const exportQuerySchema = z.object({
  format: z.enum(["md", "json"]),
  /** reasoning=1 includes the replies' reasoning ("Thinking"), which files otherwise leave out. */
  reasoning: z.enum(["0", "1"]).optional(),
  /** "inline" puts the files' bytes in a JSON export; by default it names them. */
  attachments: z.enum(["reference", "inline"]).default("reference"),
});

export async function listConversationPage(
  store: Store,
  userId: string,
  options: { limit: number; cursor?: string | null },
): Promise<{ items: ConversationSummary[]; nextCursor: string | null }> {
  const page = await store.listConversations(userId, options);
  return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
}

/** A conversation with its messages as the chat shows them, or null when it is not this person's. */
export async function openConversation(
  store: Store,
  userId: string,
  id: string,
): Promise<{ conversation: Conversation; messages: ChatMessage[] } | null> {
  if (!isUuid(id)) return null;
  const conversation = await store.getConversation(userId, id);
  if (!conversation) return null;
  const messages = await listConversationMessages(store, userId, id);
  return { conversation, messages: messages.map(toChatMessage) };
}

/**
 * A page of the conversation's messages as the chat shows them, newest page
 * first (`before` continues from an earlier page's `earlier`), or null when
 * the conversation is not this person's. Throws InvalidCursorError.
 */
export async function messagePage(
  store: Store,
  userId: string,
  id: string,
  before?: string,
): Promise<{ conversation: Conversation; messages: ChatMessage[]; earlier: string | null } | null> {
  if (!isUuid(id)) return null;
  const [conversation, page] = await Promise.all([
    store.getConversation(userId, id),
    store.listRecentMessages(userId, id, { limit: MESSAGE_PAGE_SIZE, before }),
  ]);
  if (!conversation) return null;
  // A reply whose writer is gone shows as interrupted, not as still being written.
  const messages = await settleMessages(store, userId, page.items);
  return { conversation, messages: messages.map(toChatMessage), earlier: page.earlier };
}

/** The renamed conversation, or null when it is not this person's. */
export async function renameConversation(
  store: Store,
  userId: string,
  id: string,
  title: string,
): Promise<ConversationSummary | null> {
  if (!isUuid(id)) return null;
  if (!(await store.renameConversation(userId, id, title))) return null;
  const conversation = await store.getConversation(userId, id);
  return conversation ? toSummary(conversation) : null;
}

/** Removes the conversation with its messages and then the files attached to them. */
export async function deleteConversation(store: Store, userId: string, id: string, blobs?: BlobStore): Promise<boolean> {
  if (!isUuid(id)) return false;
  const files = blobs ? (await store.listMessages(userId, id)).flatMap((m) => m.attachments.map((a) => a.id)) : [];
  if (!(await store.deleteConversation(userId, id))) return false;
  if (blobs && files.length) await deleteAttachments(blobs, userId, files);
  return true;
}

export async function searchConversations(store: Store, userId: string, query: string): Promise<SearchResult[]> {
  const matches = await store.searchConversations(userId, query, SEARCH_RESULT_LIMIT);
  return matches.map(({ conversation, snippet }) => ({
    id: conversation.id,
    title: conversation.title,
    updatedAt: conversation.updatedAt.toISOString(),
    snippet,
  }));
}

export interface ExportFile {
  filename: string;
  contentType: string;
  contentDisposition: string;
  body: string;
}

/** The conversation as a download, or null when it is not this person's. */
export async function exportConversation(
  store: Store,
  userId: string,
  id: string,
  format: "md" | "json",
  options: { labels?: MarkdownLabels; now?: Date; reasoning?: boolean; inlineFrom?: BlobStore } = {},
): Promise<ExportFile | null> {
  if (!isUuid(id)) return null;
  const conversation = await store.getConversation(userId, id);
  if (!conversation) return null;
  const messages = await store.listMessages(userId, id);
  const filename = `${exportBaseName(conversation.title)}.${format}`;
  const body =
    format === "md"
      ? toMarkdown(conversation, messages, options.labels ?? ENGLISH_MARKDOWN_LABELS, { reasoning: options.reasoning })
      : `${JSON.stringify(
          toJsonExport(conversation, messages, options.now, {
            reasoning: options.reasoning,
            inline: options.inlineFrom ? await inlineFiles(options.inlineFrom, userId, messages) : undefined,
          }),
          null,
          2,
        )}\n`;
  return {
    filename,
    contentType: format === "md" ? "text/markdown; charset=utf-8" : "application/json; charset=utf-8",
    contentDisposition: attachmentHeader(filename),
    body,
  };
}

export type ImportOutcome = { ok: true; conversation: ConversationSummary } | { ok: false; problem: ImportProblem };

/** Validates a parsed file and stores it as a new conversation of this person (fresh ids). */
export async function importConversationFile(store: Store, userId: string, file: unknown, blobs?: BlobStore): Promise<ImportOutcome> {
  const parsed = parseImport(file);
  if (!parsed.ok) return parsed;
  const messages = await Promise.all(
    parsed.value.messages.map(async ({ attachments, ...message }) =>
      attachments && blobs ? { ...message, attachments: await restoreFiles(blobs, userId, attachments) } : message,
    ),
  );
  const conversation = await store.importConversation({ userId, ...parsed.value, messages });
  return { ok: true, conversation: toSummary(conversation) };
}
