/**
 * The IAM actions the DynamoDB adapter needs, and nothing else: sst.config.ts
 * grants exactly these to the server function in place of SST's default
 * `dynamodb:*`, so a compromised server can neither Scan everyone's
 * conversations in one call nor alter or delete the table itself.
 * permissions.test.ts keeps the list equal to the commands the adapter sends.
 * Plain data with no imports: sst.config.ts loads this file while deploying.
 */

/** On the table itself (lib/store/dynamo/table.ts sends each of these). */
export const TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:Query",
] as const;

/** On the table's indexes, which are only ever queried. */
export const INDEX_ACTIONS = ["dynamodb:Query"] as const;
