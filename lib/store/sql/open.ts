import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";

import { getLogger } from "@/lib/log";
import type { Store } from "../types";
import { acquireDirLock, releaseDirLock } from "./dir-lock";
import { interruptAbandonedReplies } from "./replies";
import { SqlStore, type SqlDatabase } from "./store";
import * as schema from "./schema";

// Drivers are imported where they are used: a deployment on Postgres never
// loads PGlite's ~9 MB of WebAssembly, and an embedded one never loads pg.

export interface OpenSqlStoreOptions {
  /** postgres://… — use a Postgres server. Takes precedence over the rest. */
  databaseUrl?: string;
  /** Directory for the embedded database (PGlite lives in `<dataDir>/pglite`). */
  dataDir?: string;
  /** A throwaway in-memory PGlite (tests, benchmarks). */
  memory?: boolean;
  /** Defaults to `<cwd>/drizzle`. */
  migrationsFolder?: string;
}

export async function openSqlStore(options: OpenSqlStoreOptions): Promise<Store> {
  const migrationsFolder = resolveMigrations(options.migrationsFolder);
  if (options.databaseUrl) return openPostgres(options.databaseUrl, migrationsFolder);
  if (options.memory) return openMemoryPglite(migrationsFolder);
  if (options.dataDir) return openFilePglite(options.dataDir, migrationsFolder);
  throw new TypeError("openSqlStore needs a databaseUrl, a dataDir, or memory: true.");
}

function resolveMigrations(folder: string | undefined): string {
  const resolved = path.resolve(/*turbopackIgnore: true*/ folder ?? path.join(process.cwd(), "drizzle"));
  // drizzle's own message ("Can't find meta/_journal.json file") does not say
  // where it looked or what to do about it.
  if (!existsSync(path.join(resolved, "meta", "_journal.json"))) {
    throw new Error(
      `No database migrations found in ${resolved} (expected meta/_journal.json). ` +
        "Start the app from the project root, or pass migrationsFolder.",
    );
  }
  return resolved;
}

// Postgres

// Any fixed number works; it only has to be the same in every instance so
// that Lambdas or replicas starting together apply migrations one at a time
// (drizzle's migrator does not guard against concurrent runs).
const MIGRATION_LOCK_KEY = 0x7061726c6579; // "parley"

async function openPostgres(databaseUrl: string, migrationsFolder: string): Promise<Store> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");

  const pool = new Pool({ connectionString: databaseUrl, max: 5 });
  // Without a listener, an idle connection dropped by the server (failover,
  // idle timeout) is an unhandled 'error' event that kills the process.
  pool.on("error", (error) => {
    getLogger().error({ err: error }, "An idle Postgres connection failed");
  });

  try {
    const client = await pool.connect();
    try {
      await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
      try {
        await migrate(drizzle({ client }), { migrationsFolder });
      } finally {
        await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
      }
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }

  const db: SqlDatabase = drizzle({ client: pool, schema });
  await settleAbandonedReplies(db);
  return new SqlStore(db, { onClose: () => pool.end() });
}

/**
 * At start-up, replies left "streaming" whose writer's lease has ended are
 * marked interrupted (text kept). Replies whose lease still runs are left to
 * readers, which settle them once it ends (lib/chat/replies.ts): that also
 * covers engines and platforms without a start (DynamoDB, Lambda).
 */
async function settleAbandonedReplies(db: SqlDatabase): Promise<void> {
  try {
    await interruptAbandonedReplies(db, new Date());
  } catch (error) {
    // Not worth refusing to start over: readers settle them later.
    getLogger().error({ err: error }, "Could not mark abandoned replies interrupted");
  }
}

// PGlite

interface OpenPglite {
  db: SqlDatabase;
  close: () => Promise<void>;
}

async function startPglite(
  dataDir: string | undefined,
  migrationsFolder: string,
): Promise<OpenPglite> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");

  const client = await PGlite.create(dataDir);
  try {
    const db = drizzle({ client, schema });
    await migrate(db, { migrationsFolder });
    await settleAbandonedReplies(db);
    return { db, close: () => client.close() };
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  }
}

async function openMemoryPglite(migrationsFolder: string): Promise<Store> {
  const { db, close } = await startPglite(undefined, migrationsFolder);
  return new SqlStore(db, { onClose: close });
}

interface SharedPglite {
  refs: number;
  ready: Promise<OpenPglite>;
  closing?: Promise<void>;
}

// On globalThis rather than in module scope: Next's dev server re-evaluates
// modules on edits, and a second PGlite on the same directory would corrupt it.
const REGISTRY = Symbol.for("parley.store.sql.pglite");

type ParleyGlobal = typeof globalThis & {
  [REGISTRY]?: Map<string, SharedPglite>;
};

function registry(): Map<string, SharedPglite> {
  return ((globalThis as ParleyGlobal)[REGISTRY] ??= new Map());
}

/**
 * One PGlite per directory per process, shared by every store opened on it;
 * the database closes when the last of them does.
 */
async function openFilePglite(dataDir: string, migrationsFolder: string): Promise<Store> {
  const root = path.resolve(/*turbopackIgnore: true*/ dataDir);
  const dir = path.join(root, "pglite");
  const shared = registry();

  for (;;) {
    const current = shared.get(dir);
    if (current?.closing) {
      // Reopening while the last user is still shutting it down: wait, or the
      // new instance would open files the old one is still flushing.
      await current.closing.catch(() => {});
      continue;
    }

    let entry = current;
    if (!entry) {
      const created: SharedPglite = {
        refs: 0,
        ready: startLockedPglite(root, dir, migrationsFolder),
      };
      created.ready.catch(() => {
        if (shared.get(dir) === created) shared.delete(dir);
      });
      shared.set(dir, created);
      entry = created;
    }

    // Counted before awaiting so a close() elsewhere cannot shut it meanwhile.
    entry.refs++;
    let db: SqlDatabase;
    try {
      ({ db } = await entry.ready);
    } catch (error) {
      entry.refs--;
      throw error;
    }
    const owner = entry;
    return new SqlStore(db, { onClose: () => releaseShared(dir, owner) });
  }
}

async function releaseShared(dir: string, entry: SharedPglite): Promise<void> {
  entry.refs--;
  if (entry.refs > 0) return;
  entry.closing = entry.ready
    .then(({ close }) => close())
    .finally(() => {
      if (registry().get(dir) === entry) registry().delete(dir);
    });
  await entry.closing;
}

async function startLockedPglite(
  root: string,
  dir: string,
  migrationsFolder: string,
): Promise<OpenPglite> {
  await mkdir(dir, { recursive: true });
  const lockPath = path.join(root, "pglite.lock");
  await acquireDirLock(lockPath, dir);
  try {
    const { db, close } = await startPglite(dir, migrationsFolder);
    return {
      db,
      close: async () => {
        try {
          await close();
        } finally {
          await releaseDirLock(lockPath);
        }
      },
    };
  } catch (error) {
    await releaseDirLock(lockPath);
    throw error;
  }
}
