import type { OpenSqlStoreOptions } from "@/lib/store/sql/open";
import type { Store } from "@/lib/store/types";

/**
 * Stands in for the SQL engine in the AWS build (PARLEY_TARGET=aws), which
 * leaves PGlite and pg out of the Lambda bundle. Reached only when the
 * function has neither a linked table nor DYNAMODB_TABLE: say so plainly
 * instead of failing on a missing module.
 */
export async function openSqlStore(options: OpenSqlStoreOptions): Promise<Store> {
  const wanted = options.databaseUrl ? "DATABASE_URL (Postgres)" : "the embedded database";
  throw new Error(
    `This build of Parley is for AWS and stores data in DynamoDB only, but no table is configured, so it tried ${wanted}. ` +
      'Link the table in sst.config.ts (link: [table]) or set DYNAMODB_TABLE; build without PARLEY_TARGET=aws for the SQL engines.',
  );
}
