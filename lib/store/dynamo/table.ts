import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type QueryCommandInput,
  type UpdateCommandInput,
} from "@aws-sdk/lib-dynamodb";

import type { Key } from "./keys";

/** An item as the document client gives it: plain JS values. */
export type Item = Record<string, unknown>;

type Condition = {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
};

type QueryParams = Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">;
type UpdateParams = Omit<UpdateCommandInput, "TableName" | "Key">;

// BatchWriteItem takes at most 25 requests; BatchGetItem at most 100 keys.
const BATCH_WRITE_MAX = 25;
const BATCH_GET_MAX = 100;
const UNPROCESSED_RETRIES = 8;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error && error.name === "ConditionalCheckFailedException";

/**
 * The few table operations the adapter uses, over the document client (which
 * converts JS values to attribute values). A failed condition is an ordinary
 * answer here (false / null), never an exception, because the adapter uses
 * conditions as its concurrency control.
 */
export class Table {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    readonly name: string,
  ) {
    // Optional fields are left out rather than stored as NULL.
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  /** Strongly consistent unless told otherwise: reads usually follow the caller's own writes. */
  async get(key: Key, options: { consistent?: boolean; projection?: string[] } = {}): Promise<Item | undefined> {
    const names = options.projection ? Object.fromEntries(options.projection.map((n, i) => [`#p${i}`, n])) : undefined;
    const { Item: item } = await this.doc.send(
      new GetCommand({
        TableName: this.name,
        Key: key,
        ConsistentRead: options.consistent ?? true,
        ProjectionExpression: names ? Object.keys(names).join(", ") : undefined,
        ExpressionAttributeNames: names,
      }),
    );
    return item;
  }

  /** False when the condition did not hold (nothing was written). */
  async put(item: Item, condition?: Condition): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.name,
          Item: item,
          ConditionExpression: condition?.expression,
          ExpressionAttributeNames: condition?.names,
          ExpressionAttributeValues: condition?.values,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** The attributes asked for with ReturnValues (or {}); null when the condition did not hold. */
  async update(key: Key, params: UpdateParams): Promise<Item | null> {
    try {
      const { Attributes } = await this.doc.send(new UpdateCommand({ TableName: this.name, Key: key, ...params }));
      return Attributes ?? {};
    } catch (error) {
      if (isConditionFailure(error)) return null;
      throw error;
    }
  }

  /** The deleted item; null when there was none or the condition did not hold. */
  async delete(key: Key, condition?: Condition): Promise<Item | null> {
    try {
      const { Attributes } = await this.doc.send(
        new DeleteCommand({
          TableName: this.name,
          Key: key,
          ConditionExpression: condition?.expression ?? "attribute_exists(pk)",
          ExpressionAttributeNames: condition?.names,
          ExpressionAttributeValues: condition?.values,
          ReturnValues: "ALL_OLD",
        }),
      );
      return Attributes ?? null;
    } catch (error) {
      if (isConditionFailure(error)) return null;
      throw error;
    }
  }

  /** Every item a query matches, page after page (one logical Query). */
  async *query(params: QueryParams): AsyncGenerator<Item> {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(new QueryCommand({ TableName: this.name, ...params, ExclusiveStartKey: start }));
      yield* page.Items ?? [];
      start = page.LastEvaluatedKey;
    } while (start);
  }

  async queryAll(params: QueryParams): Promise<Item[]> {
    const items: Item[] = [];
    for await (const item of this.query(params)) items.push(item);
    return items;
  }

  async count(params: Omit<QueryParams, "Select">): Promise<number> {
    let total = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({ TableName: this.name, ...params, Select: "COUNT", ExclusiveStartKey: start }),
      );
      total += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return total;
  }

  async getMany(keys: Key[]): Promise<Item[]> {
    const found: Item[] = [];
    for (let i = 0; i < keys.length; i += BATCH_GET_MAX) {
      let pending: Key[] = keys.slice(i, i + BATCH_GET_MAX);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > UNPROCESSED_RETRIES) throw new Error("DynamoDB kept leaving keys of a batch read unprocessed.");
        if (attempt > 0) await sleep(backoff(attempt));
        const result = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.name]: { Keys: pending, ConsistentRead: true } } }),
        );
        found.push(...(result.Responses?.[this.name] ?? []));
        pending = (result.UnprocessedKeys?.[this.name]?.Keys ?? []) as Key[];
      }
    }
    return found;
  }

  /**
   * Writes and deletes in batches, retrying what DynamoDB leaves unprocessed
   * under load. Not atomic: callers order their writes so that an
   * interruption leaves nothing visible half-done.
   */
  async writeMany(puts: Item[], deletes: Key[] = []): Promise<void> {
    type Request = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Key } };
    const requests: Request[] = [
      ...puts.map((item) => ({ PutRequest: { Item: item } })),
      ...deletes.map((key) => ({ DeleteRequest: { Key: key } })),
    ];
    for (let i = 0; i < requests.length; i += BATCH_WRITE_MAX) {
      let pending = requests.slice(i, i + BATCH_WRITE_MAX);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > UNPROCESSED_RETRIES) throw new Error("DynamoDB kept leaving items of a batch write unprocessed.");
        if (attempt > 0) await sleep(backoff(attempt));
        const result = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.name]: pending } }));
        pending = (result.UnprocessedItems?.[this.name] ?? []) as Request[];
      }
    }
  }
}

/** Exponential backoff with jitter, as AWS recommends for unprocessed batch items. */
const backoff = (attempt: number): number => Math.random() * Math.min(2000, 25 * 2 ** attempt);
