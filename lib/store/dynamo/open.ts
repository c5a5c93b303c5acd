import { DynamoDBClient } from "@aws-sdk/client-dynamodb";

import type { Store } from "../types";
import { DynamoStore } from "./store";

export interface OpenDynamoStoreOptions {
  tableName: string;
  /**
   * Defaults to a client configured from the environment (region,
   * credentials, AWS_ENDPOINT_URL_DYNAMODB); a client passed in stays the
   * caller's to destroy.
   */
  client?: DynamoDBClient;
  /** Runs once when the store is closed, after the client is released. */
  onClose?: () => Promise<void>;
}

/**
 * The DynamoDB store. It never creates the table: in AWS the deployment
 * does (with the key schema of createTableInput and TTL on expiresAt).
 */
export async function openDynamoStore(options: OpenDynamoStoreOptions): Promise<Store> {
  const client = options.client ?? new DynamoDBClient({});
  return new DynamoStore(client, options.tableName, {
    ownsClient: options.client === undefined,
    onClose: options.onClose,
  });
}
