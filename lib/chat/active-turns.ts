import "server-only";
/**
 * The turns this process is running. The chat's limits are not kept here
 * (they are turn leases in the store, so they hold on every instance); this
 * is only what needs the turn's own AbortController: a Stop that lands on
 * the instance generating the reply ends it at once (other instances learn
 * of it from the store), and a shutdown knows which replies it waits for
 * and can interrupt them.
 */

interface LocalTurn {
  controller: AbortController;
  ended: Promise<void>;
}

/**
 * The abort reason of a reply cut short because this server is shutting
 * down. A registered symbol: the shutdown hook (instrumentation) and the
 * routes are bundled apart, each with its own copy of this module.
 */
export const SHUTTING_DOWN = Symbol.for("parley.server-shutting-down");

const globalForTurns = globalThis as unknown as { parleyLocalTurns?: Map<string, LocalTurn> };
// On globalThis: Next may load this module more than once per process.
const turns = (globalForTurns.parleyLocalTurns ??= new Map());

// Turn ids come from browsers: keyed with the person, so one person's id
// can never name another's turn.
const keyOf = (userId: string, turnId: string) => `${userId}:${turnId}`;

/** Tracks a turn until the returned function is called (once its reply is stored). */
export function trackTurn(userId: string, turnId: string, controller: AbortController): () => void {
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  const key = keyOf(userId, turnId);
  const turn = { controller, ended };
  turns.set(key, turn);
  return () => {
    if (turns.get(key) === turn) turns.delete(key);
    end();
  };
}

/** Stops the person's turn if this process runs it. */
export function stopLocalTurn(userId: string, turnId: string): void {
  turns.get(keyOf(userId, turnId))?.controller.abort();
}

/** Resolves once the person's turn has ended here (at once if this process does not run it). */
export function turnEnded(userId: string, turnId: string): Promise<void> {
  return turns.get(keyOf(userId, turnId))?.ended ?? Promise.resolve();
}

/** Resolves once every turn running now has ended. */
export function allTurnsEnded(): Promise<void> {
  return Promise.all([...turns.values()].map((turn) => turn.ended)).then(() => undefined);
}

/** Cuts every running reply short; each is then stored as interrupted. */
export function interruptAllTurns(): void {
  for (const turn of turns.values()) turn.controller.abort(SHUTTING_DOWN);
}
