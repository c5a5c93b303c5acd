import { and, desc, eq, isNull, lt, or } from "drizzle-orm";

import { isUuid } from "@/lib/chat/ids";
import type { ApiKey, NewApiKey } from "../types";
import { storableText } from "./codec";
import { requireUuid, type SqlDatabase } from "./database";
import { apiKeys } from "./schema";

/** Personal API keys (see the port): one row each, found by the unique hash. */

type ApiKeyRow = typeof apiKeys.$inferSelect;

const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  userId: row.userId,
  name: row.name,
  prefix: row.prefix,
  createdAt: row.createdAt,
  lastUsedAt: row.lastUsedAt ?? null,
  expiresAt: row.expiresAt ?? null,
});

export async function createApiKey(db: SqlDatabase, input: NewApiKey): Promise<ApiKey> {
  const userId = requireUuid(input.userId, "A user id");
  const [row] = await db
    .insert(apiKeys)
    .values({ userId, name: storableText(input.name), prefix: input.prefix, hash: input.hash, expiresAt: input.expiresAt })
    .returning();
  return toApiKey(row);
}

export async function findApiKeyByHash(db: SqlDatabase, hash: string): Promise<ApiKey | null> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.hash, hash));
  return row ? toApiKey(row) : null;
}

export async function touchApiKey(db: SqlDatabase, userId: string, id: string, now: Date, staleBefore: Date): Promise<void> {
  if (!isUuid(userId) || !isUuid(id)) return;
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, id),
        eq(apiKeys.userId, userId),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore)),
      ),
    );
}

export async function revokeApiKey(db: SqlDatabase, userId: string, id: string): Promise<boolean> {
  if (!isUuid(userId) || !isUuid(id)) return false;
  const rows = await db
    .delete(apiKeys)
    .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

export async function listApiKeys(db: SqlDatabase, userId: string): Promise<ApiKey[]> {
  if (!isUuid(userId)) return [];
  const rows = await db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.userId, userId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map(toApiKey);
}

export async function listAllApiKeys(db: SqlDatabase): Promise<ApiKey[]> {
  const rows = await db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map(toApiKey);
}
