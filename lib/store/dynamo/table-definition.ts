import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * The table's shape. It is fixed: the SST config creates the same table in
 * AWS (keys, index and TTL attribute must match), and tests create it in
 * dynalite from this input.
 */
export const GSI1 = "gsi1";

/** Epoch seconds; DynamoDB's TTL deletes items some time after this passes. */
export const TTL_ATTRIBUTE = "expiresAt";

export function createTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: "pk", AttributeType: "S" },
      { AttributeName: "sk", AttributeType: "S" },
      { AttributeName: "gsi1pk", AttributeType: "S" },
      { AttributeName: "gsi1sk", AttributeType: "S" },
    ],
    KeySchema: [
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: GSI1,
        KeySchema: [
          { AttributeName: "gsi1pk", KeyType: "HASH" },
          { AttributeName: "gsi1sk", KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      },
    ],
  };
}
