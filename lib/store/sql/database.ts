import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

import { isUuid } from "@/lib/chat/ids";
import type * as schema from "./schema";

/** Either driver (PGlite or node-postgres) behind the same query builder. */
export type SqlDatabase = PgDatabase<PgQueryResultHKT, typeof schema>;

export function requireUuid(value: string, what: string): string {
  if (!isUuid(value)) throw new TypeError(`${what} must be a UUID, got ${JSON.stringify(value)}.`);
  return value.toLowerCase();
}

/** The SQLSTATE of a driver error, looking through drizzle's wrapper. */
export function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (typeof e === "object" && "code" in e && typeof e.code === "string") return e.code;
    e = typeof e === "object" && "cause" in e ? e.cause : undefined;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = "23505";
