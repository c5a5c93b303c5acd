import "server-only";
import { describeForLog, getLogger } from "@/lib/log";
import type { Store } from "@/lib/store/types";
import { stopLocalTurn } from "./active-turns";

/**
 * Stop across server instances. On the instance generating the reply the
 * in-process registry (active-turns.ts) stops it at once; on Lambda the Stop request usually
 * lands on another instance than the one generating the reply, so the request
 * is also written to the store, and the generating instance polls for it.
 */

export const STOP_POLL_MS = 1_000;

export async function requestStop(store: Store, userId: string, turnId: string): Promise<void> {
  stopLocalTurn(userId, turnId);
  await store.requestStop(userId, turnId);
}

/**
 * Aborts `controller` once a Stop for this turn is found in the store. Checks
 * at once (the Stop may have come first) and then every `intervalMs` until
 * the returned function is called or the turn is aborted otherwise.
 */
export function watchStopRequests(
  store: Store,
  userId: string,
  turnId: string,
  controller: AbortController,
  intervalMs = STOP_POLL_MS,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ended = false;
  const check = async () => {
    timer = undefined;
    if (ended || controller.signal.aborted) return;
    try {
      if (await store.isStopRequested(userId, turnId)) {
        controller.abort();
        return;
      }
    } catch (error) {
      // A failed look-up must not fail the reply; the next poll tries again.
      // One line: this repeats on every poll while the store is down.
      getLogger().warn({ err: describeForLog(error).split("\n")[0] }, "Could not check for a stop request");
    }
    if (!ended) {
      timer = setTimeout(check, intervalMs);
      timer.unref?.();
    }
  };
  void check();
  return () => {
    ended = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}
