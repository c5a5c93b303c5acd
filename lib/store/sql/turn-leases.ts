import { and, eq, sql } from "drizzle-orm";

import { isUuid } from "@/lib/chat/ids";
import type { TurnLease, TurnLeaseRefusal } from "../types";
import { requireUuid, sqlState, UNIQUE_VIOLATION, type SqlDatabase } from "./database";
import { turnLeases, users } from "./schema";

/**
 * Running turns as leases (see the Store port). Taking one is a transaction
 * that first locks the person's account row, so two instances taking leases
 * for the same person at once are serialised and cannot both see room for one.
 */

export async function acquireTurnLease(db: SqlDatabase, lease: TurnLease, now: Date): Promise<TurnLeaseRefusal | null> {
  const userId = requireUuid(lease.userId, "A user id");
  const conversationId = requireUuid(lease.conversationId, "A conversation id");
  return db.transaction(async (tx) => {
    const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    // An account removed meanwhile has no room at all.
    if (!owner) return "too_many";
    await tx
      .delete(turnLeases)
      .where(and(eq(turnLeases.userId, userId), sql`${turnLeases.leaseUntil} <= ${now.toISOString()}::timestamptz`));
    const running = await tx
      .select({ turnId: turnLeases.turnId, conversationId: turnLeases.conversationId })
      .from(turnLeases)
      .where(eq(turnLeases.userId, userId));
    // A reused turn id counts as busy: it must not take over a running turn's lease.
    if (running.some((r) => r.conversationId === conversationId || r.turnId === lease.turnId)) return "conversation_busy";
    if (running.length >= lease.maxPerUser) return "too_many";
    try {
      await tx.insert(turnLeases).values({ turnId: lease.turnId, userId, conversationId, leaseUntil: lease.until });
    } catch (error) {
      if (sqlState(error) === UNIQUE_VIOLATION) return "conversation_busy";
      throw error;
    }
    return null;
  });
}

export async function renewTurnLease(db: SqlDatabase, userId: string, turnId: string, until: Date): Promise<boolean> {
  if (!isUuid(userId)) return false;
  const rows = await db
    .update(turnLeases)
    .set({ leaseUntil: until })
    .where(and(eq(turnLeases.userId, userId), eq(turnLeases.turnId, turnId)))
    .returning({ turnId: turnLeases.turnId });
  return rows.length > 0;
}

export async function releaseTurnLease(db: SqlDatabase, userId: string, turnId: string): Promise<void> {
  if (!isUuid(userId)) return;
  await db.delete(turnLeases).where(and(eq(turnLeases.userId, userId), eq(turnLeases.turnId, turnId)));
}
