/**
 * Whether this process is shutting down (see shutdown.ts). Free of server-only
 * imports, so the HTTP hook in lib/observability can read it too.
 */
const state = globalThis as unknown as { parleyShuttingDown?: boolean };

export function isShuttingDown(): boolean {
  return state.parleyShuttingDown === true;
}

export function markShuttingDown(): void {
  state.parleyShuttingDown = true;
}
