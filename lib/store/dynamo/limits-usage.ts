import { isUuid } from "@/lib/chat/ids";
import type { DayUsage, LimitOverrides, ModelDayUsage, PersonLimits, PersonUsage, UsageEntry, UsageTotals } from "../types";
import { iso } from "./codec";
import { normaliseId, requireUuid, userPartition, type Key } from "./keys";
import type { Item, Table } from "./table";
import { TTL_ATTRIBUTE } from "./table-definition";

/**
 * Limits and usage over the single table (keys in keys.ts's table):
 * - the admin's default limits and each person's own in the LIMITS
 *   partition, so listing everyone with limits of their own is one Query;
 * - the per-hour reply counter and the person-day rollups in the person's
 *   partition (their month is one Query; removing them removes these);
 * - person-month and model-day rollups in a partition per UTC month, so
 *   "everyone this month" and "every model, every day of the month" are
 *   one Query each, never a Scan.
 * Every counter changes by UpdateItem with ADD (and a condition where a
 * limit applies), so concurrent requests on any instance never lose a count.
 */

const LIMITS_PARTITION = "LIMITS";
const defaultLimitsKey: Key = { pk: LIMITS_PARTITION, sk: "DEFAULT" };
const PERSON_LIMITS_PREFIX = "USER#";
const personLimitsKey = (userId: string): Key => ({ pk: LIMITS_PARTITION, sk: `${PERSON_LIMITS_PREFIX}${userId}` });

const hourlyKey = (userId: string): Key => ({ pk: userPartition(userId), sk: "REPLIES#HOUR" });

const PERSON_DAY_PREFIX = "USAGE#";
const personDayKey = (userId: string, day: string): Key => ({ pk: userPartition(userId), sk: `${PERSON_DAY_PREFIX}${day}` });

const monthPartition = (month: string): string => `USAGE#${month}`;
const PERSON_MONTH_PREFIX = "PERSON#";
const personMonthKey = (userId: string, month: string): Key => ({ pk: monthPartition(month), sk: `${PERSON_MONTH_PREFIX}${userId}` });
const MODEL_DAY_PREFIX = "MODEL#";
const modelDayKey = (day: string, model: string): Key => ({ pk: monthPartition(day.slice(0, 7)), sk: `${MODEL_DAY_PREFIX}${day}#${model}` });

const ATTEMPTS = 5;

function readOverrides(data: unknown): LimitOverrides {
  const source = (data ?? {}) as Record<string, unknown>;
  const limits: LimitOverrides = {};
  for (const field of ["tokensPerDay", "repliesPerHour", "repliesAtOnce"] as const) {
    const value = source[field];
    if (value === null || typeof value === "number") limits[field] = value;
  }
  return limits;
}

export async function getDefaultLimits(table: Table): Promise<LimitOverrides | null> {
  const item = await table.get(defaultLimitsKey);
  return item ? readOverrides(item.limits) : null;
}

export async function saveDefaultLimits(table: Table, limits: LimitOverrides): Promise<void> {
  await table.put({ ...defaultLimitsKey, kind: "limits", limits: readOverrides(limits), updatedAt: iso(new Date()) });
}

export async function getPersonLimits(table: Table, userId: string): Promise<LimitOverrides | null> {
  if (!isUuid(userId)) return null;
  const item = await table.get(personLimitsKey(normaliseId(userId)));
  return item ? readOverrides(item.limits) : null;
}

export async function savePersonLimits(table: Table, userId: string, limits: LimitOverrides | null): Promise<void> {
  const owner = requireUuid(userId, "A user id");
  const data = readOverrides(limits);
  if (Object.keys(data).length === 0) {
    await table.delete(personLimitsKey(owner));
    return;
  }
  await table.put({ ...personLimitsKey(owner), kind: "limits", userId: owner, limits: data, updatedAt: iso(new Date()) });
}

export async function listPersonLimits(table: Table): Promise<PersonLimits[]> {
  const items = await table.queryAll({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": LIMITS_PARTITION, ":prefix": PERSON_LIMITS_PREFIX },
    ConsistentRead: true,
  });
  return items.map((item) => ({
    userId: item.userId as string,
    limits: readOverrides(item.limits),
    updatedAt: new Date(item.updatedAt as string),
  }));
}

/** The end of a UTC hour (YYYY-MM-DDTHH), as epoch seconds. */
const hourEnds = (hour: string): number => Math.ceil(Date.parse(`${hour}:00:00.000Z`) / 1000) + 3600;

/**
 * ADD to the current hour's count while under the limit; a new hour starts
 * with a put that only succeeds while the item still holds another hour (or
 * none). Whoever loses that race finds the new hour and adds to it.
 */
export async function takeHourlyReply(table: Table, userId: string, hour: string, limit: number | null): Promise<number | null> {
  const owner = requireUuid(userId, "A user id");
  if (limit !== null && limit < 1) return null;
  const key = hourlyKey(owner);
  const names = { "#hour": "hour" };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const added = await table.update(key, {
      UpdateExpression: "ADD replies :one",
      ConditionExpression: limit === null ? "#hour = :hour" : "#hour = :hour AND replies < :limit",
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ":one": 1, ":hour": hour, ...(limit === null ? {} : { ":limit": limit }) },
      ReturnValues: "UPDATED_NEW",
    });
    if (added) return added.replies as number;
    const started = await table.put(
      // Kept a day past its hour: TTL deletes it some time after that.
      { ...key, kind: "hourly", hour, replies: 1, [TTL_ATTRIBUTE]: hourEnds(hour) + 86_400 },
      { expression: "attribute_not_exists(pk) OR #hour <> :hour", names, values: { ":hour": hour } },
    );
    if (started) return 1;
    const current = await table.get(key);
    if (current?.hour === hour && limit !== null && (current.replies as number) >= limit) return null;
  }
  throw new Error("Could not count a reply: too much contention.");
}

export async function countHourlyReplies(table: Table, userId: string, hour: string): Promise<number> {
  if (!isUuid(userId)) return 0;
  const item = await table.get(hourlyKey(normaliseId(userId)));
  return item?.hour === hour ? (item.replies as number) : 0;
}

function addUsage(table: Table, key: Key, entry: UsageEntry, fields: Record<string, string>): Promise<unknown> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {
    ":prompt": entry.promptTokens,
    ":completion": entry.completionTokens,
    ":one": 1,
    ":cost": entry.costNanoUsd,
  };
  const sets = Object.entries(fields).map(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    return `#f${i} = :f${i}`;
  });
  return table.update(key, {
    UpdateExpression: `SET ${sets.join(", ")} ADD promptTokens :prompt, completionTokens :completion, replies :one, costNanoUsd :cost`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  });
}

export async function recordUsage(table: Table, entry: UsageEntry): Promise<void> {
  const userId = requireUuid(entry.userId, "A user id");
  const month = entry.day.slice(0, 7);
  await Promise.all([
    addUsage(table, personDayKey(userId, entry.day), entry, { kind: "usage", day: entry.day }),
    addUsage(table, personMonthKey(userId, month), entry, { kind: "usage", userId, month }),
    addUsage(table, modelDayKey(entry.day, entry.model), entry, { kind: "usage", day: entry.day, model: entry.model }),
  ]);
}

const totals = (item: Item): UsageTotals => ({
  promptTokens: Number(item.promptTokens ?? 0),
  completionTokens: Number(item.completionTokens ?? 0),
  replies: Number(item.replies ?? 0),
  costNanoUsd: Number(item.costNanoUsd ?? 0),
});

export async function getPersonUsage(table: Table, userId: string, fromDay: string, toDay: string): Promise<DayUsage[]> {
  if (!isUuid(userId)) return [];
  const items = await table.queryAll({
    KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
    ExpressionAttributeValues: {
      ":pk": userPartition(normaliseId(userId)),
      ":from": `${PERSON_DAY_PREFIX}${fromDay}`,
      ":to": `${PERSON_DAY_PREFIX}${toDay}`,
    },
    ConsistentRead: true,
  });
  return items.map((item) => ({ day: item.day as string, ...totals(item) }));
}

/** The UTC months (YYYY-MM) from one day's to another's, inclusive. */
function monthsBetween(fromDay: string, toDay: string): string[] {
  const months: string[] = [];
  let year = Number(fromDay.slice(0, 4));
  let month = Number(fromDay.slice(5, 7));
  const last = toDay.slice(0, 7);
  for (;;) {
    const current = `${year}-${String(month).padStart(2, "0")}`;
    if (current > last) return months;
    months.push(current);
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
}

export async function getModelUsage(table: Table, fromDay: string, toDay: string): Promise<ModelDayUsage[]> {
  if (fromDay > toDay) return [];
  // One Query per month in the period ('~' sorts after every "#model").
  const pages = await Promise.all(
    monthsBetween(fromDay, toDay).map((month) =>
      table.queryAll({
        KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
        ExpressionAttributeValues: {
          ":pk": monthPartition(month),
          ":from": `${MODEL_DAY_PREFIX}${fromDay}`,
          ":to": `${MODEL_DAY_PREFIX}${toDay}~`,
        },
        ConsistentRead: true,
      }),
    ),
  );
  return pages
    .flat()
    .map((item) => ({ day: item.day as string, model: item.model as string, ...totals(item) }))
    .sort((a, b) => (a.day !== b.day ? (a.day < b.day ? -1 : 1) : a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
}

export async function getUsageByPerson(table: Table, month: string): Promise<PersonUsage[]> {
  const items = await table.queryAll({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": monthPartition(month), ":prefix": PERSON_MONTH_PREFIX },
    ConsistentRead: true,
  });
  return items.map((item) => ({ userId: item.userId as string, ...totals(item) }));
}
