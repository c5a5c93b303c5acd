import { getConfig } from "@/lib/config";
import { openSqlStore } from "./sql/open";
import type { Store } from "./types";

export * from "./types";

const globalForStore = globalThis as unknown as { parleyStore?: Promise<Store> };

/**
 * The process-wide store, opened on first use. Kept on globalThis so that
 * dev-server reloads reuse the open database instead of opening it again.
 */
export function getStore(): Promise<Store> {
  if (!globalForStore.parleyStore) {
    const config = getConfig();
    const opening = openSqlStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    // A failed open (database briefly unreachable) must not be cached forever.
    opening.catch(() => {
      if (globalForStore.parleyStore === opening) globalForStore.parleyStore = undefined;
    });
    globalForStore.parleyStore = opening;
  }
  return globalForStore.parleyStore;
}
