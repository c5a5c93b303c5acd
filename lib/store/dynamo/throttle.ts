import type { Table } from "./table";
import { loginKey, pruneWatermarkKey } from "./keys";
import { TTL_ATTRIBUTE } from "./table-definition";

/**
 * Sign-in failures per key in fixed windows, one item per key:
 * `failures` and `windowStart` (epoch ms). Counting is atomic without a
 * transaction: ADD to a window that is still open, else start a new one with
 * a put that only succeeds while the old window is still over (or absent);
 * whoever loses that race finds the new window open and adds to it.
 *
 * Pruning cannot look for old windows (that would be a Scan). DynamoDB's TTL
 * deletes them physically; `pruneLoginFailures` records a watermark, and
 * windows that started before it count as forgotten.
 */

const ATTEMPTS = 5;

async function watermark(table: Table): Promise<number> {
  const item = await table.get(pruneWatermarkKey);
  return typeof item?.prunedBefore === "number" ? item.prunedBefore : 0;
}

/** The earliest start a window may have and still count at `now`. */
const openSince = (now: Date, windowMs: number, prunedBefore: number): number =>
  Math.max(now.getTime() - windowMs + 1, prunedBefore);

export async function recordLoginFailure(table: Table, key: string, windowMs: number, now: Date): Promise<number> {
  const since = openSince(now, windowMs, await watermark(table));
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const added = await table.update(loginKey(key), {
      UpdateExpression: "ADD failures :one",
      ConditionExpression: "windowStart >= :since",
      ExpressionAttributeValues: { ":one": 1, ":since": since },
      ReturnValues: "UPDATED_NEW",
    });
    if (added) return added.failures as number;

    const started = await table.put(
      {
        ...loginKey(key),
        kind: "login",
        failures: 1,
        windowStart: now.getTime(),
        [TTL_ATTRIBUTE]: Math.ceil((now.getTime() + windowMs) / 1000),
      },
      { expression: "attribute_not_exists(pk) OR windowStart < :since", values: { ":since": since } },
    );
    if (started) return 1;
  }
  throw new Error(`Could not record a sign-in failure for ${key}: too much contention.`);
}

export async function countLoginFailures(table: Table, key: string, windowMs: number, now: Date): Promise<number> {
  // Both items in one round trip.
  const items = await table.getMany([loginKey(key), pruneWatermarkKey]);
  const mark = items.find((item) => item.pk === pruneWatermarkKey.pk);
  const window = items.find((item) => item.pk === loginKey(key).pk);
  if (!window) return 0;
  const since = openSince(now, windowMs, typeof mark?.prunedBefore === "number" ? mark.prunedBefore : 0);
  return (window.windowStart as number) >= since ? (window.failures as number) : 0;
}

export async function clearLoginFailures(table: Table, key: string): Promise<void> {
  await table.delete(loginKey(key));
}

export async function pruneLoginFailures(table: Table, before: Date): Promise<void> {
  // Only ever forward: a late call with an older time must not bring back
  // windows another call already forgot.
  await table.update(pruneWatermarkKey, {
    UpdateExpression: "SET prunedBefore = :before",
    ConditionExpression: "attribute_not_exists(prunedBefore) OR prunedBefore < :before",
    ExpressionAttributeValues: { ":before": before.getTime() },
  });
}
