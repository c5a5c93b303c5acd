import { and, asc, eq, gte, lte, sql } from "drizzle-orm";

import { isUuid } from "@/lib/chat/ids";
import type { DayUsage, LimitOverrides, ModelDayUsage, PersonLimits, PersonUsage, UsageEntry } from "../types";
import { requireUuid, type SqlDatabase } from "./database";
import { appSettings, hourlyReplies, personLimits, usageModelDay, usagePersonDay, usagePersonMonth } from "./schema";

/**
 * Limits and usage: the admin's limits, the per-hour reply counter and the
 * usage rollups. Every counter changes in one statement, so concurrent
 * requests on any number of servers cannot lose or exceed a count.
 */

const DEFAULT_LIMITS_KEY = "default_limits";

/** Only the three limit fields survive a round trip, whatever the JSON held. */
function readOverrides(data: unknown): LimitOverrides {
  const source = (data ?? {}) as Record<string, unknown>;
  const limits: LimitOverrides = {};
  for (const field of ["tokensPerDay", "repliesPerHour", "repliesAtOnce"] as const) {
    const value = source[field];
    if (value === null || typeof value === "number") limits[field] = value;
  }
  return limits;
}

const isEmpty = (limits: LimitOverrides | null): boolean =>
  !limits || Object.values(limits).every((value) => value === undefined);

export async function getDefaultLimits(db: SqlDatabase): Promise<LimitOverrides | null> {
  const [row] = await db.select({ data: appSettings.data }).from(appSettings).where(eq(appSettings.key, DEFAULT_LIMITS_KEY));
  return row ? readOverrides(row.data) : null;
}

export async function saveDefaultLimits(db: SqlDatabase, limits: LimitOverrides): Promise<void> {
  const data = readOverrides(limits);
  await db
    .insert(appSettings)
    .values({ key: DEFAULT_LIMITS_KEY, data })
    .onConflictDoUpdate({ target: appSettings.key, set: { data, updatedAt: sql`now()` } });
}

export async function getPersonLimits(db: SqlDatabase, userId: string): Promise<LimitOverrides | null> {
  if (!isUuid(userId)) return null;
  const [row] = await db.select({ data: personLimits.data }).from(personLimits).where(eq(personLimits.userId, userId));
  return row ? readOverrides(row.data) : null;
}

export async function savePersonLimits(db: SqlDatabase, userId: string, limits: LimitOverrides | null): Promise<void> {
  const owner = requireUuid(userId, "A user id");
  if (isEmpty(limits)) {
    await db.delete(personLimits).where(eq(personLimits.userId, owner));
    return;
  }
  const data = readOverrides(limits);
  await db
    .insert(personLimits)
    .values({ userId: owner, data })
    .onConflictDoUpdate({ target: personLimits.userId, set: { data, updatedAt: sql`now()` } });
}

export async function listPersonLimits(db: SqlDatabase): Promise<PersonLimits[]> {
  const rows = await db.select().from(personLimits).orderBy(asc(personLimits.userId));
  return rows.map((row) => ({ userId: row.userId, limits: readOverrides(row.data), updatedAt: row.updatedAt }));
}

export async function takeHourlyReply(db: SqlDatabase, userId: string, hour: string, limit: number | null): Promise<number | null> {
  const owner = requireUuid(userId, "A user id");
  if (limit !== null && limit < 1) return null;
  const sameHour = sql`${hourlyReplies.hour} = excluded.hour`;
  // The row is locked by the upsert, so the check and the increment are one
  // step: of N parallel requests against a limit of L, exactly min(N, L) win.
  const [row] = await db
    .insert(hourlyReplies)
    .values({ userId: owner, hour, count: 1 })
    .onConflictDoUpdate({
      target: hourlyReplies.userId,
      set: {
        count: sql`case when ${sameHour} then ${hourlyReplies.count} + 1 else 1 end`,
        hour: sql`excluded.hour`,
      },
      setWhere: limit === null ? undefined : sql`not ${sameHour} or ${hourlyReplies.count} < ${limit}`,
    })
    .returning({ count: hourlyReplies.count });
  return row?.count ?? null;
}

export async function countHourlyReplies(db: SqlDatabase, userId: string, hour: string): Promise<number> {
  if (!isUuid(userId)) return 0;
  const [row] = await db
    .select({ count: hourlyReplies.count })
    .from(hourlyReplies)
    .where(and(eq(hourlyReplies.userId, userId), eq(hourlyReplies.hour, hour)));
  return row?.count ?? 0;
}

export async function recordUsage(db: SqlDatabase, entry: UsageEntry): Promise<void> {
  const userId = requireUuid(entry.userId, "A user id");
  const added = {
    promptTokens: entry.promptTokens,
    completionTokens: entry.completionTokens,
    replies: 1,
    costNanoUsd: entry.costNanoUsd,
  };
  // Each rollup is one upsert that adds to what is there.
  const sum = <T extends typeof usagePersonDay | typeof usagePersonMonth | typeof usageModelDay>(table: T) => ({
    promptTokens: sql`${table.promptTokens} + excluded.prompt_tokens`,
    completionTokens: sql`${table.completionTokens} + excluded.completion_tokens`,
    replies: sql`${table.replies} + 1`,
    costNanoUsd: sql`${table.costNanoUsd} + excluded.cost_nano_usd`,
  });
  await Promise.all([
    db
      .insert(usagePersonDay)
      .values({ userId, day: entry.day, ...added })
      .onConflictDoUpdate({ target: [usagePersonDay.userId, usagePersonDay.day], set: sum(usagePersonDay) }),
    db
      .insert(usagePersonMonth)
      .values({ month: entry.day.slice(0, 7), userId, ...added })
      .onConflictDoUpdate({ target: [usagePersonMonth.month, usagePersonMonth.userId], set: sum(usagePersonMonth) }),
    db
      .insert(usageModelDay)
      .values({ day: entry.day, model: entry.model, ...added })
      .onConflictDoUpdate({ target: [usageModelDay.day, usageModelDay.model], set: sum(usageModelDay) }),
  ]);
}

export async function getPersonUsage(db: SqlDatabase, userId: string, fromDay: string, toDay: string): Promise<DayUsage[]> {
  if (!isUuid(userId)) return [];
  const rows = await db
    .select({
      day: usagePersonDay.day,
      promptTokens: usagePersonDay.promptTokens,
      completionTokens: usagePersonDay.completionTokens,
      replies: usagePersonDay.replies,
      costNanoUsd: usagePersonDay.costNanoUsd,
    })
    .from(usagePersonDay)
    .where(and(eq(usagePersonDay.userId, userId), gte(usagePersonDay.day, fromDay), lte(usagePersonDay.day, toDay)))
    .orderBy(asc(usagePersonDay.day));
  return rows;
}

export async function getModelUsage(db: SqlDatabase, fromDay: string, toDay: string): Promise<ModelDayUsage[]> {
  return db
    .select()
    .from(usageModelDay)
    .where(and(gte(usageModelDay.day, fromDay), lte(usageModelDay.day, toDay)))
    .orderBy(asc(usageModelDay.day), asc(usageModelDay.model));
}

export async function getUsageByPerson(db: SqlDatabase, month: string): Promise<PersonUsage[]> {
  return db
    .select({
      userId: usagePersonMonth.userId,
      promptTokens: usagePersonMonth.promptTokens,
      completionTokens: usagePersonMonth.completionTokens,
      replies: usagePersonMonth.replies,
      costNanoUsd: usagePersonMonth.costNanoUsd,
    })
    .from(usagePersonMonth)
    .where(eq(usagePersonMonth.month, month))
    .orderBy(asc(usagePersonMonth.userId));
}
