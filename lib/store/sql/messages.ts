import { and, asc, eq, inArray, sql } from "drizzle-orm";

import { isUuid } from "@/lib/chat/ids";
import { MessageExistsError, type Message, type NewMessage } from "../types";
import { reasoningColumns, storableText, toMessage } from "./codec";
import { requireUuid, sqlState, UNIQUE_VIOLATION, type SqlDatabase } from "./database";
import { conversations, messages } from "./schema";

export async function appendMessage(db: SqlDatabase, userId: string, input: NewMessage): Promise<Message | null> {
  const id = input.id === undefined ? undefined : requireUuid(input.id, "A message id");
  if (!isUuid(userId) || !isUuid(input.conversationId)) return null;
  return db.transaction(async (tx) => {
    // Touching the conversation first both checks ownership and locks the
    // row, so the bump and the insert commit together or not at all.
    // greatest() keeps activity from moving backwards if clocks do.
    const [owned] = await tx
      .update(conversations)
      .set({ updatedAt: sql`greatest(now(), ${conversations.updatedAt})` })
      .where(and(eq(conversations.id, input.conversationId), eq(conversations.userId, userId)))
      .returning({ updatedAt: conversations.updatedAt });
    if (!owned) return null;
    const [row] = await tx
      .insert(messages)
      .values({
        id,
        conversationId: input.conversationId,
        role: input.role,
        content: storableText(input.content),
        status: input.status,
        errorKind: input.errorKind ?? null,
        model: input.model ?? null,
        promptTokens: input.usage?.promptTokens ?? null,
        completionTokens: input.usage?.completionTokens ?? null,
        ...reasoningColumns(input),
        attachments: input.attachments?.length ? input.attachments : null,
        createdAt: input.createdAt ?? owned.updatedAt,
        turnId: input.turnId ?? null,
        leaseUntil: input.leaseUntil ?? null,
      })
      .returning()
      .catch((error: unknown) => {
        throw sqlState(error) === UNIQUE_VIOLATION ? new MessageExistsError() : error;
      });
    return toMessage(row!);
  });
}

export async function listMessages(db: SqlDatabase, userId: string, conversationId: string): Promise<Message[]> {
  if (!isUuid(userId) || !isUuid(conversationId)) return [];
  const rows = await db
    .select({ message: messages })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(messages.conversationId, conversationId), eq(conversations.userId, userId)))
    .orderBy(asc(messages.seq));
  return rows.map((r) => toMessage(r.message));
}

export async function deleteMessage(
  db: SqlDatabase,
  userId: string,
  conversationId: string,
  messageId: string,
): Promise<boolean> {
  if (!isUuid(userId) || !isUuid(conversationId) || !isUuid(messageId)) return false;
  const owned = db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.userId, userId)));
  const rows = await db
    .delete(messages)
    .where(
      and(
        eq(messages.id, messageId),
        eq(messages.conversationId, conversationId),
        inArray(messages.conversationId, owned),
      ),
    )
    .returning({ id: messages.id });
  return rows.length > 0;
}

export async function deleteMessagesFrom(
  db: SqlDatabase,
  userId: string,
  conversationId: string,
  messageId: string,
): Promise<number> {
  if (!isUuid(userId) || !isUuid(conversationId) || !isUuid(messageId)) return 0;
  const from = db
    .select({ seq: messages.seq })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        eq(messages.id, messageId),
        eq(messages.conversationId, conversationId),
        eq(conversations.userId, userId),
      ),
    );
  const rows = await db
    .delete(messages)
    .where(and(eq(messages.conversationId, conversationId), sql`${messages.seq} >= (${from})`))
    .returning({ id: messages.id });
  return rows.length;
}
