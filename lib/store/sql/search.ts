import { and, desc, eq, sql } from "drizzle-orm";

import { isUuid } from "@/lib/chat/ids";
import type { ConversationMatch } from "../types";
import { pageSize } from "../page-size";
import { snippetAround } from "../snippet";
import { storableText, toConversation } from "./codec";
import type { SqlDatabase } from "./database";
import { conversations } from "./schema";

/** `query` as a LIKE pattern matching it anywhere, its wildcards taken literally. */
const containsPattern = (query: string): string => `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function searchConversations(
  db: SqlDatabase,
  userId: string,
  query: string,
  limit: number,
): Promise<ConversationMatch[]> {
  const wanted = pageSize(limit);
  if (!isUuid(userId) || !query) return [];
  const pattern = containsPattern(storableText(query));
  // The earliest matching message of each conversation gives the snippet;
  // the scan stays within this person's conversations.
  // Spelled out with table names: drizzle leaves columns unqualified in a
  // one-table select, which inside the subquery would mean the messages' own.
  const hit = sql<string | null>`(
    select m.content from messages m
    where m.conversation_id = "conversations"."id" and m.content ilike ${pattern}
    order by m.seq limit 1
  )`;
  const rows = await db
    .select({ conversation: conversations, hit })
    .from(conversations)
    .where(and(eq(conversations.userId, userId), sql`(${conversations.title} ilike ${pattern} or ${hit} is not null)`))
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(wanted);
  return rows.map((row) => ({
    conversation: toConversation(row.conversation),
    snippet: row.hit == null ? null : snippetAround(row.hit, query),
  }));
}
