import "server-only";
import { getConfig, type StoreConfig } from "@/lib/config";
import type { Store } from "./types";

export * from "./types";

const globalForStore = globalThis as unknown as { parleyStore?: Promise<Store> };

/**
 * The process-wide store, opened on first use. Kept on globalThis so that
 * dev-server reloads reuse the open database instead of opening it again.
 */
export function getStore(): Promise<Store> {
  if (!globalForStore.parleyStore) {
    const opening = openConfiguredStore(getConfig().store);
    // A failed open (database briefly unreachable) must not be cached forever.
    opening.catch(() => {
      if (globalForStore.parleyStore === opening) globalForStore.parleyStore = undefined;
    });
    globalForStore.parleyStore = opening;
  }
  return globalForStore.parleyStore;
}

/**
 * Engines are imported only once chosen: a Lambda on DynamoDB never loads
 * drizzle or PGlite, and a local run never loads the AWS SDK. The SQL engine
 * is imported through its "@/" name so the AWS build can swap it for a module
 * that explains why it is missing (see next.config.ts).
 */
async function openConfiguredStore(config: StoreConfig): Promise<Store> {
  switch (config.engine) {
    case "dynamo": {
      const { openDynamoStore } = await import("@/lib/store/dynamo");
      return openDynamoStore({ tableName: config.tableName });
    }
    case "postgres": {
      const { openSqlStore } = await import("@/lib/store/sql/open");
      return openSqlStore({ databaseUrl: config.url });
    }
    case "pglite": {
      const { openSqlStore } = await import("@/lib/store/sql/open");
      return openSqlStore({ dataDir: config.dataDir });
    }
  }
}
