import "server-only";
/**
 * Replies being generated in this process. A reply outlives the request that
 * started it (a person may switch conversations or close the tab and find it
 * finished later), so Stop is an explicit request naming the turn.
 */

interface ActiveTurn {
  userId: string;
  conversationId: string;
  controller: AbortController;
}

/** A person running more replies at once than this is refused (each one costs), unless their limits say otherwise. */
export const MAX_ACTIVE_TURNS_PER_USER = 3;
/** How long, and how many, Stops that arrived before their turn are remembered. */
const EARLY_STOP_TTL_MS = 60_000;
const MAX_EARLY_STOPS = 10_000;

const globalForTurns = globalThis as unknown as {
  parleyTurns?: { active: Map<string, ActiveTurn>; earlyStops: Map<string, number> };
};
const state = (globalForTurns.parleyTurns ??= { active: new Map(), earlyStops: new Map() });

export type RegisterResult =
  | { ok: true; unregister: () => void }
  | { ok: false; reason: "conversation_busy" | "too_many" };

/**
 * Registers a turn before any work starts. Refuses a second reply in the same
 * conversation, and more than `maxPerUser` per person (null: no limit). A
 * Stop that arrived first aborts the turn at once.
 */
export function registerTurn(
  turnId: string,
  userId: string,
  conversationId: string,
  controller: AbortController,
  maxPerUser: number | null = MAX_ACTIVE_TURNS_PER_USER,
): RegisterResult {
  let mine = 0;
  for (const turn of state.active.values()) {
    if (turn.userId !== userId) continue;
    if (turn.conversationId === conversationId) return { ok: false, reason: "conversation_busy" };
    mine++;
  }
  if (maxPerUser !== null && mine >= maxPerUser) return { ok: false, reason: "too_many" };
  // A reused turn id must not replace a running turn: its unregister would
  // then remove the newcomer too and the limits above would lose count.
  if (state.active.has(turnId)) return { ok: false, reason: "conversation_busy" };
  state.active.set(turnId, { userId, conversationId, controller });
  if (state.earlyStops.delete(`${userId}:${turnId}`)) controller.abort();
  return { ok: true, unregister: () => state.active.delete(turnId) };
}

/**
 * Stops the person's turn. A turn not registered yet (its request is still on
 * the way) is stopped as soon as it registers.
 */
export function stopTurn(userId: string, turnId: string, now = Date.now()): void {
  const turn = state.active.get(turnId);
  if (turn) {
    if (turn.userId === userId) turn.controller.abort();
    return;
  }
  for (const [key, at] of state.earlyStops) {
    if (now - at <= EARLY_STOP_TTL_MS && state.earlyStops.size < MAX_EARLY_STOPS) break;
    state.earlyStops.delete(key); // oldest first: a Map keeps insertion order
  }
  state.earlyStops.set(`${userId}:${turnId}`, now);
}
