import { and, eq, inArray, sql } from "drizzle-orm";

import { isUuid } from "@/lib/chat/ids";
import type { FinishedReply, Message, MessageAttachment, ReplyProgress } from "../types";
import { reasoningColumns, storableText, toMessage } from "./codec";
import type { SqlDatabase } from "./database";
import { conversations, messages } from "./schema";

/**
 * Replies being written (see the Store port): progress saves, the final
 * save, interrupting a reply whose writer is gone, and the atomic edit.
 * Every statement checks ownership through the conversation, as the rest of
 * the adapter does.
 */

const ownedBy = (db: SqlDatabase, userId: string, conversationId: string) =>
  inArray(
    messages.conversationId,
    db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.id, conversationId), eq(conversations.userId, userId))),
  );

const validIds = (...ids: string[]) => ids.every(isUuid);

export async function getMessage(db: SqlDatabase, userId: string, conversationId: string, messageId: string): Promise<Message | null> {
  if (!validIds(userId, conversationId, messageId)) return null;
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.conversationId, conversationId), ownedBy(db, userId, conversationId)));
  return row ? toMessage(row) : null;
}

export async function saveReplyProgress(
  db: SqlDatabase,
  userId: string,
  conversationId: string,
  messageId: string,
  progress: ReplyProgress,
): Promise<boolean> {
  if (!validIds(userId, conversationId, messageId)) return false;
  const rows = await db
    .update(messages)
    .set({ content: storableText(progress.content), leaseUntil: progress.leaseUntil })
    .where(
      and(
        eq(messages.id, messageId),
        eq(messages.conversationId, conversationId),
        eq(messages.status, "streaming"),
        ownedBy(db, userId, conversationId),
      ),
    )
    .returning({ id: messages.id });
  return rows.length > 0;
}

export async function finishReply(
  db: SqlDatabase,
  userId: string,
  conversationId: string,
  messageId: string,
  reply: FinishedReply,
): Promise<boolean> {
  if (!validIds(userId, conversationId, messageId)) return false;
  const rows = await db
    .update(messages)
    .set({
      content: storableText(reply.content),
      status: reply.status,
      errorKind: reply.errorKind,
      promptTokens: reply.usage?.promptTokens ?? null,
      completionTokens: reply.usage?.completionTokens ?? null,
      ...reasoningColumns({ usage: reply.usage, reasoning: reply.reasoning }),
      leaseUntil: null,
    })
    .where(
      and(
        eq(messages.id, messageId),
        eq(messages.conversationId, conversationId),
        inArray(messages.status, ["streaming", "interrupted"]),
        ownedBy(db, userId, conversationId),
      ),
    )
    .returning({ id: messages.id });
  return rows.length > 0;
}

export async function interruptReply(
  db: SqlDatabase,
  userId: string,
  conversationId: string,
  messageId: string,
  now: Date,
): Promise<boolean> {
  if (!validIds(userId, conversationId, messageId)) return false;
  const rows = await db
    .update(messages)
    .set({ status: "interrupted", leaseUntil: null })
    .where(
      and(
        eq(messages.id, messageId),
        eq(messages.conversationId, conversationId),
        eq(messages.status, "streaming"),
        sql`${messages.leaseUntil} < ${now.toISOString()}::timestamptz`,
        ownedBy(db, userId, conversationId),
      ),
    )
    .returning({ id: messages.id });
  return rows.length > 0;
}

/** Marks every streaming reply whose lease ended before `now` interrupted (at start-up). */
export async function interruptAbandonedReplies(db: SqlDatabase, now: Date): Promise<number> {
  const rows = await db
    .update(messages)
    .set({ status: "interrupted", leaseUntil: null })
    .where(and(eq(messages.status, "streaming"), sql`${messages.leaseUntil} < ${now.toISOString()}::timestamptz`))
    .returning({ id: messages.id });
  return rows.length;
}

export async function replaceMessagesFrom(
  db: SqlDatabase,
  userId: string,
  conversationId: string,
  messageId: string,
  content: string,
  attachments: MessageAttachment[] = [],
): Promise<Message | null> {
  if (!validIds(userId, conversationId, messageId)) return null;
  return db.transaction(async (tx) => {
    // Locks the conversation row: concurrent appends wait for the edit.
    const [owned] = await tx
      .update(conversations)
      .set({ updatedAt: sql`greatest(now(), ${conversations.updatedAt})` })
      .where(and(eq(conversations.id, conversationId), eq(conversations.userId, userId)))
      .returning({ updatedAt: conversations.updatedAt });
    if (!owned) return null;
    const [from] = await tx
      .select({ seq: messages.seq })
      .from(messages)
      .where(and(eq(messages.id, messageId), eq(messages.conversationId, conversationId)));
    if (!from) return null;
    await tx.delete(messages).where(and(eq(messages.conversationId, conversationId), sql`${messages.seq} >= ${from.seq}`));
    const [row] = await tx
      .insert(messages)
      .values({
        id: messageId,
        conversationId,
        role: "user",
        content: storableText(content),
        status: "complete",
        attachments: attachments.length ? attachments : null,
        createdAt: owned.updatedAt,
      })
      .returning();
    return toMessage(row!);
  });
}
