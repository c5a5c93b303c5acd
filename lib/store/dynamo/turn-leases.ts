import { isUuid } from "@/lib/chat/ids";
import type { TurnLease, TurnLeaseRefusal } from "../types";
import type { Item, Table } from "./table";
import { normaliseId, requireUuid, turnsKey } from "./keys";

/**
 * Running turns as leases (see the Store port) on DynamoDB: one item per
 * person holds their running turns as a map, turn id → conversation and
 * lease end, with a version number. Taking a lease reads the item, decides,
 * and writes it back on condition that the version is unchanged (optimistic
 * concurrency), retrying when another instance got there first: two takers
 * can never both count the same free place. Renewing and releasing change
 * one entry and bump the version too, so a taker that read before them
 * retries instead of writing back a stale map.
 */

interface LeaseEntry {
  /** Conversation id. */
  c: string;
  /** Lease end, epoch milliseconds. */
  u: number;
}

const MAX_ATTEMPTS = 60;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function acquireTurnLease(table: Table, lease: TurnLease, now: Date): Promise<TurnLeaseRefusal | null> {
  const owner = requireUuid(lease.userId, "A user id");
  const conversationId = requireUuid(lease.conversationId, "A conversation id");
  const key = turnsKey(owner);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) await sleep(Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 6)));
    const item = await table.get(key);
    const version = typeof item?.version === "number" ? item.version : 0;
    const stored = (item?.leases ?? {}) as Record<string, LeaseEntry>;
    const live = Object.entries(stored).filter(([, entry]) => entry.u > now.getTime());
    if (live.some(([turnId, entry]) => entry.c === conversationId || turnId === lease.turnId)) return "conversation_busy";
    if (live.length >= lease.maxPerUser) return "too_many";
    const leases: Record<string, LeaseEntry> = Object.fromEntries(live);
    leases[lease.turnId] = { c: conversationId, u: lease.until.getTime() };
    const written = await table.put(
      { ...key, kind: "turns", leases, version: version + 1 } satisfies Item,
      item ? { expression: "version = :version", values: { ":version": version } } : { expression: "attribute_not_exists(pk)" },
    );
    if (written) return null;
  }
  throw new Error("Could not take a turn lease: the person's running turns kept changing.");
}

export async function renewTurnLease(table: Table, userId: string, turnId: string, until: Date): Promise<boolean> {
  if (!isUuid(userId)) return false;
  const updated = await table.update(turnsKey(normaliseId(userId)), {
    UpdateExpression: "SET leases.#turn.u = :until ADD version :one",
    ConditionExpression: "attribute_exists(leases.#turn)",
    ExpressionAttributeNames: { "#turn": turnId },
    ExpressionAttributeValues: { ":until": until.getTime(), ":one": 1 },
  });
  return updated !== null;
}

export async function releaseTurnLease(table: Table, userId: string, turnId: string): Promise<void> {
  if (!isUuid(userId)) return;
  await table.update(turnsKey(normaliseId(userId)), {
    UpdateExpression: "REMOVE leases.#turn ADD version :one",
    ConditionExpression: "attribute_exists(leases.#turn)",
    ExpressionAttributeNames: { "#turn": turnId },
    ExpressionAttributeValues: { ":one": 1 },
  });
}
