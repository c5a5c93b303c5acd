import { getLogger } from "@/lib/log";
import "server-only";
import { getConfig } from "@/lib/config";
import { drainTurns } from "./shutdown";

/**
 * Hooks the graceful shutdown (shutdown.ts) to SIGTERM and SIGINT, once per
 * process. `next start` handles the same signals by closing its server and
 * exiting once open responses and pending after() work are done; the chat
 * route registers each running turn with after(), so the process stays up
 * until every reply is stored, and no longer than the grace period plus the
 * final saves.
 */

const globalForSignals = globalThis as unknown as { parleyShutdownHooked?: boolean };

export function drainTurnsOnSignals(): void {
  if (globalForSignals.parleyShutdownHooked) return;
  globalForSignals.parleyShutdownHooked = true;
  const onSignal = (signal: NodeJS.Signals) => {
    const graceMs = getConfig().shutdownGraceMs;
    getLogger().info({ signal, graceMs }, "Shutting down: taking no new replies; running ones get time to finish");
    void drainTurns(graceMs).then(() => {
      // Without Next's own handling (NEXT_MANUAL_SIG_HANDLE), nobody else exits.
      if (process.env.NEXT_MANUAL_SIG_HANDLE) process.exit(0);
    });
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
