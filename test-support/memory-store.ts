/**
 * Real stores for tests that keep nothing: PGlite in memory, or DynamoDB's
 * emulator in process.
 */
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, beforeAll } from "vitest";

import { startEmulator, type Emulator } from "@/lib/store/dynamo/emulator";
import { openDynamoStore } from "@/lib/store/dynamo/open";
import { openSqlStore } from "@/lib/store/sql/open";
import * as schema from "@/lib/store/sql/schema";
import { SqlStore } from "@/lib/store/sql/store";
import type { NewUser, Store, User } from "@/lib/store/types";

/**
 * A fresh in-memory PGlite store for the file or describe block that calls
 * this: opened before its first hook or test, closed after its last. The
 * value returned stands for that store, so it can be used and handed on
 * anywhere a hook or test runs.
 */
export function memoryStoreForSuite(): Store {
  let opened: Store | undefined;
  beforeAll(async () => {
    opened = await openSqlStore({ memory: true });
  });
  afterAll(async () => {
    await opened?.close();
    opened = undefined;
  });
  return new Proxy({} as Store, {
    get(_target, key) {
      if (!opened) throw new Error("memoryStoreForSuite(): the store is open only while the hooks and tests of its file or describe block run.");
      const value: unknown = Reflect.get(opened, key);
      return typeof value === "function" ? value.bind(opened) : value;
    },
  });
}

/** A store over a fresh in-process dynalite table; closing the store stops the emulator too. */
export async function openDynaliteStore(): Promise<{ store: Store; emulator: Emulator }> {
  const emulator = await startEmulator();
  const store = await openDynamoStore({ tableName: emulator.tableName, client: emulator.client, onClose: emulator.stop });
  return { store, emulator };
}

/** An ordinary account named after its email, with a hash no password matches. */
const plainUser = (email: string): NewUser => ({ email, name: email, passwordHash: "x", role: "user" });

/**
 * Ordinary accounts made in `store` before the suite's tests, in the order
 * named: `users.alice` is alice@example.com. Call after memoryStoreForSuite.
 */
export function plainUsersForSuite<const Name extends string>(store: Store, ...names: Name[]): Record<Name, User> {
  const users = {} as Record<Name, User>;
  beforeAll(async () => {
    for (const name of names) users[name] = await store.createUser(plainUser(`${name}@example.com`));
  });
  return users;
}

/**
 * An in-memory PGlite store with its database at hand, so a test can make a
 * real query fail the way a real database would (a trigger that raises, a
 * table that is gone) and see what the app does with that error.
 */
/** SQL that makes every new account fail to be stored, as a full disk would. */
export const REFUSE_NEW_USERS = `
  create function refuse() returns trigger language plpgsql as $$
    begin raise exception 'could not extend file: No space left on device'; end $$;
  create trigger refuse before insert on users for each row execute function refuse();
`;

export async function openBreakableStore(): Promise<{ store: Store; sql: (statements: string) => Promise<void> }> {
  const client = await PGlite.create();
  const db = drizzle({ client, schema });
  await migrate(db, { migrationsFolder: "drizzle" });
  return {
    store: new SqlStore(db, { onClose: () => client.close() }),
    sql: async (statements) => {
      await client.exec(statements);
    },
  };
}
