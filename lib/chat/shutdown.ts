import { getLogger } from "@/lib/log";
import "server-only";
import { allTurnsEnded, interruptAllTurns } from "./active-turns";
import { isShuttingDown, markShuttingDown } from "./shutting-down";

/**
 * A graceful shutdown (SIGTERM, SIGINT; see instrumentation.ts): new turns
 * are refused, running replies may finish within the grace period, and what
 * is still being written then is stored as interrupted before the process
 * exits. `next start` itself waits for open responses with no limit, and a
 * process manager kills it after its own timeout (Docker: 10 s), so the
 * grace period must end first.
 */

/** Longest wait for interrupted replies to be stored, after the grace period. */
const FINAL_SAVE_MS = 5_000;

export { isShuttingDown };

const within = (promise: Promise<void>, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });

/** Refuses new turns from now on and answers once every running reply is stored. */
export async function drainTurns(graceMs: number): Promise<void> {
  markShuttingDown();
  if (await within(allTurnsEnded(), graceMs)) return;
  interruptAllTurns();
  if (!(await within(allTurnsEnded(), FINAL_SAVE_MS))) {
    getLogger().error("Shutting down with replies not yet stored: the store did not answer in time");
  }
}
