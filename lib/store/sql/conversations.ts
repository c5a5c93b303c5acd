import { and, desc, eq, sql } from "drizzle-orm";

import { isUuid } from "@/lib/chat/ids";
import {
  ConversationExistsError,
  type Conversation,
  type ImportedConversation,
  type NewConversation,
  type Page,
  type StoredSettings,
} from "../types";
import { pageSize } from "../page-size";
import { reasoningColumns, storableText, toConversation } from "./codec";
import { decodeCursor, encodeCursor } from "./cursor";
import { requireUuid, sqlState, UNIQUE_VIOLATION, type SqlDatabase } from "./database";
import { conversations, messages } from "./schema";

export async function createConversation(db: SqlDatabase, input: NewConversation): Promise<Conversation> {
  const id = input.id === undefined ? undefined : requireUuid(input.id, "A conversation id");
  try {
    const [row] = await db
      .insert(conversations)
      .values({ id, userId: input.userId, title: storableText(input.title), settings: input.settings ?? null })
      .returning();
    return toConversation(row!);
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) throw new ConversationExistsError();
    throw error;
  }
}

export async function getConversation(db: SqlDatabase, userId: string, id: string): Promise<Conversation | null> {
  if (!isUuid(userId) || !isUuid(id)) return null;
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId)));
  return row ? toConversation(row) : null;
}

export async function listConversations(
  db: SqlDatabase,
  userId: string,
  options: { limit: number; cursor?: string | null },
): Promise<Page<Conversation>> {
  const limit = pageSize(options.limit);
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  if (!isUuid(userId)) return { items: [], nextCursor: null };

  // A row comparison is the keyset predicate the index can range-scan;
  // casting the parameters keeps both drivers from guessing their types.
  const rows = await db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.userId, userId),
        after
          ? sql`(${conversations.updatedAt}, ${conversations.id}) < (${after.updatedAt.toISOString()}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    // One extra row tells whether another page exists without a count.
    .limit(limit + 1);

  const items = rows.slice(0, limit).map(toConversation);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

export async function renameConversation(
  db: SqlDatabase,
  userId: string,
  id: string,
  title: string,
  options: { onlyIfTitle?: string } = {},
): Promise<boolean> {
  if (!isUuid(userId) || !isUuid(id)) return false;
  const rows = await db
    .update(conversations)
    .set({ title: storableText(title) })
    .where(
      and(
        eq(conversations.id, id),
        eq(conversations.userId, userId),
        options.onlyIfTitle === undefined ? undefined : eq(conversations.title, storableText(options.onlyIfTitle)),
      ),
    )
    .returning({ id: conversations.id });
  return rows.length > 0;
}

export async function setConversationSettings(
  db: SqlDatabase,
  userId: string,
  id: string,
  data: StoredSettings | null,
): Promise<boolean> {
  if (!isUuid(userId) || !isUuid(id)) return false;
  const rows = await db
    .update(conversations)
    .set({ settings: data })
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
    .returning({ id: conversations.id });
  return rows.length > 0;
}

export async function importConversation(db: SqlDatabase, input: ImportedConversation): Promise<Conversation> {
  requireUuid(input.userId, "A user id");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(conversations)
      .values({
        userId: input.userId,
        title: storableText(input.title),
        settings: input.settings ?? null,
        createdAt: input.createdAt,
        updatedAt: input.updatedAt,
      })
      .returning();
    const conversation = toConversation(row!);
    // One row at a time keeps seq in the export's order without relying on
    // how a multi-row insert evaluates its defaults.
    for (const message of input.messages) {
      await tx.insert(messages).values({
        conversationId: conversation.id,
        role: message.role,
        content: storableText(message.content),
        status: message.status,
        errorKind: message.errorKind ?? null,
        model: message.model ?? null,
        promptTokens: message.usage?.promptTokens ?? null,
        completionTokens: message.usage?.completionTokens ?? null,
        ...reasoningColumns(message),
        attachments: message.attachments?.length ? message.attachments : null,
        createdAt: message.createdAt,
      });
    }
    return conversation;
  });
}

export async function deleteConversation(db: SqlDatabase, userId: string, id: string): Promise<boolean> {
  if (!isUuid(userId) || !isUuid(id)) return false;
  const rows = await db
    .delete(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
    .returning({ id: conversations.id });
  return rows.length > 0;
}
