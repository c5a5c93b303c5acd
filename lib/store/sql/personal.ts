import { and, asc, eq, sql } from "drizzle-orm";

import { isUuid } from "@/lib/chat/ids";
import type { Preset, StoredSettings } from "../types";
import { storableText, toPreset } from "./codec";
import { requireUuid, type SqlDatabase } from "./database";
import { presets, settings, stopRequests } from "./schema";

/** A person's own small rows: model settings, presets and stop requests. */

const STOP_FLAG_LIFETIME_MS = 24 * 60 * 60 * 1000;

export async function getSettings(db: SqlDatabase, userId: string): Promise<StoredSettings | null> {
  if (!isUuid(userId)) return null;
  const [row] = await db
    .select({ data: settings.data })
    .from(settings)
    .where(eq(settings.userId, userId));
  return row?.data ?? null;
}

export async function saveSettings(db: SqlDatabase, userId: string, data: StoredSettings): Promise<void> {
  requireUuid(userId, "A user id");
  await db
    .insert(settings)
    .values({ userId, data })
    .onConflictDoUpdate({ target: settings.userId, set: { data, updatedAt: sql`now()` } });
}

export async function listPresets(db: SqlDatabase, userId: string): Promise<Preset[]> {
  if (!isUuid(userId)) return [];
  const rows = await db
    .select()
    .from(presets)
    .where(eq(presets.userId, userId))
    .orderBy(sql`lower(${presets.name})`, asc(presets.id));
  return rows.map(toPreset);
}

export async function savePreset(
  db: SqlDatabase,
  userId: string,
  input: { id?: string; name: string; settings: StoredSettings },
): Promise<Preset | null> {
  requireUuid(userId, "A user id");
  const id = input.id === undefined ? undefined : requireUuid(input.id, "A preset id");
  const name = storableText(input.name);
  // The conflict update only applies to the person's own row, so an id
  // someone else owns comes back empty instead of being taken over.
  const rows = await db
    .insert(presets)
    .values({ id, userId, name, settings: input.settings })
    .onConflictDoUpdate({
      target: presets.id,
      set: { name, settings: input.settings, updatedAt: sql`now()` },
      setWhere: eq(presets.userId, userId),
    })
    .returning();
  return rows[0] ? toPreset(rows[0]) : null;
}

export async function deletePreset(db: SqlDatabase, userId: string, id: string): Promise<boolean> {
  if (!isUuid(userId) || !isUuid(id)) return false;
  const rows = await db
    .delete(presets)
    .where(and(eq(presets.id, id), eq(presets.userId, userId)))
    .returning({ id: presets.id });
  return rows.length > 0;
}

export async function requestStop(db: SqlDatabase, userId: string, turnId: string): Promise<void> {
  requireUuid(userId, "A user id");
  const stale = new Date(Date.now() - STOP_FLAG_LIFETIME_MS).toISOString();
  await db.delete(stopRequests).where(sql`${stopRequests.requestedAt} < ${stale}::timestamptz`);
  await db.insert(stopRequests).values({ turnId, userId }).onConflictDoNothing();
}

export async function isStopRequested(db: SqlDatabase, userId: string, turnId: string): Promise<boolean> {
  if (!isUuid(userId)) return false;
  const [row] = await db
    .select({ turnId: stopRequests.turnId })
    .from(stopRequests)
    .where(and(eq(stopRequests.turnId, turnId), eq(stopRequests.userId, userId)));
  return Boolean(row);
}
