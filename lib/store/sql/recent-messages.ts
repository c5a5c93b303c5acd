import { and, desc, eq, lt } from "drizzle-orm";
import { isUuid } from "@/lib/chat/ids";
import { decodeMessageCursor, encodeMessageCursor } from "../message-cursor";
import type { MessagePage } from "../types";
import { toMessage } from "./codec";
import type { SqlDatabase } from "./database";
import { conversations, messages } from "./schema";

export async function listRecentMessages(
  db: SqlDatabase,
  userId: string,
  conversationId: string,
  options: { limit: number; before?: string },
): Promise<MessagePage> {
  const before = options.before === undefined ? null : decodeMessageCursor(options.before);
  if (!isUuid(userId) || !isUuid(conversationId)) return { items: [], earlier: null };
  const limit = Math.max(1, Math.floor(options.limit));
  // One more than asked tells whether there are earlier messages.
  const rows = await db
    .select({ message: messages })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(conversations.userId, userId),
        before === null ? undefined : lt(messages.seq, before),
      ),
    )
    .orderBy(desc(messages.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit).reverse();
  return {
    items: page.map((r) => toMessage(r.message)),
    earlier: rows.length > limit ? encodeMessageCursor(page[0]!.message.seq) : null,
  };
}
