/**
 * Replies being generated in this process. A reply outlives the request that
 * started it (a person may switch conversations or close the tab and find it
 * finished later), so Stop is an explicit request that looks it up here.
 */

const globalForTurns = globalThis as unknown as { parleyActiveTurns?: Map<string, AbortController> };
const active = (globalForTurns.parleyActiveTurns ??= new Map());

const key = (userId: string, conversationId: string) => `${userId}:${conversationId}`;

/** Registers a reply; the returned function unregisters it. */
export function registerTurn(userId: string, conversationId: string, controller: AbortController): () => void {
  const k = key(userId, conversationId);
  active.set(k, controller);
  return () => {
    if (active.get(k) === controller) active.delete(k);
  };
}

/** Stops the person's reply in progress in that conversation; false when there is none here. */
export function stopTurn(userId: string, conversationId: string): boolean {
  const controller = active.get(key(userId, conversationId));
  if (!controller) return false;
  controller.abort();
  return true;
}
