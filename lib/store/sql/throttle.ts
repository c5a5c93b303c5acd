import { and, eq, sql } from "drizzle-orm";

import type { SqlDatabase } from "./database";
import { loginFailures } from "./schema";

/** Sign-in failures per key in fixed windows, one row per key. */

export async function recordLoginFailure(db: SqlDatabase, key: string, windowMs: number, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  const at = now.toISOString();
  // The window [start, start + windowMs) has ended when start <= now - windowMs.
  const expired = sql`${loginFailures.windowStartedAt} <= ${cutoff}::timestamptz`;
  // One statement, so concurrent failures cannot lose an increment.
  const [row] = await db
    .insert(loginFailures)
    .values({ key, count: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: loginFailures.key,
      set: {
        count: sql`case when ${expired} then 1 else ${loginFailures.count} + 1 end`,
        windowStartedAt: sql`case when ${expired} then ${at}::timestamptz else ${loginFailures.windowStartedAt} end`,
      },
    })
    .returning({ count: loginFailures.count });
  return row?.count ?? 1;
}

export async function countLoginFailures(db: SqlDatabase, key: string, windowMs: number, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  const [row] = await db
    .select({ count: loginFailures.count })
    .from(loginFailures)
    .where(
      and(
        eq(loginFailures.key, key),
        sql`${loginFailures.windowStartedAt} > ${cutoff}::timestamptz`,
      ),
    );
  return row?.count ?? 0;
}

export async function clearLoginFailures(db: SqlDatabase, key: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, key));
}

export async function pruneLoginFailures(db: SqlDatabase, before: Date): Promise<void> {
  await db.delete(loginFailures).where(sql`${loginFailures.windowStartedAt} < ${before.toISOString()}::timestamptz`);
}
