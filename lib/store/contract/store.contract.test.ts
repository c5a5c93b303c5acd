import pg from "pg";
import { describe, it } from "vitest";

import { openDynaliteStore } from "@/test-support/memory-store";

import { openSqlStore } from "../sql/open";
import { runStoreContract, type OpenStore } from "./run-store-contract";

/** An engine runs the contract when `open` is set, else shows as skipped with the reason. */
interface Engine {
  name: string;
  open?: OpenStore;
  skip?: string;
}

const engines: Engine[] = [
  { name: "PGlite (in memory)", open: () => openSqlStore({ memory: true }) },
  postgres(process.env.DATABASE_URL),
  { name: "DynamoDB (dynalite in process)", open: async () => (await openDynaliteStore()).store },
];

for (const engine of engines) {
  if (engine.open) {
    runStoreContract(engine.name, engine.open);
  } else {
    describe.skip(`Store contract: ${engine.name} — ${engine.skip}`, () => {
      it("needs the engine", () => {});
    });
  }
}

function postgres(url: string | undefined): Engine {
  if (!url) return { name: "Postgres", skip: "set DATABASE_URL to a *_test database to run it" };
  const database = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  // The suite wipes the database first; never do that to one not meant for it.
  if (!database.endsWith("_test")) {
    return {
      name: "Postgres",
      skip: `refusing to wipe database "${database}": its name must end in _test`,
    };
  }
  return {
    name: `Postgres (${database})`,
    open: async () => {
      await resetDatabase(url);
      return openSqlStore({ databaseUrl: url });
    },
  };
}

async function resetDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Dropping drizzle's bookkeeping schema too makes the migrations run
    // from scratch, which is itself part of what is being tested.
    await client.query(`
      drop schema if exists drizzle cascade;
      drop schema if exists public cascade;
      create schema public;
    `);
  } finally {
    await client.end();
  }
}
