import { randomUUID } from "node:crypto";

import { isUuid } from "@/lib/chat/ids";
import type { ApiKey, NewApiKey } from "../types";
import { iso } from "./codec";
import type { Item, Table } from "./table";
import { API_KEY_PREFIX, ALL_API_KEYS_PARTITION, apiKeyHashKey, apiKeyKey, normaliseId, requireUuid, userPartition } from "./keys";
import { GSI1 } from "./table-definition";

/**
 * Personal API keys, as two items each (no transactions, see users.ts):
 *
 * - the listing item in the owner's partition (`APIKEY#<id>`), also in the
 *   index partition `APIKEYS` for the admin view;
 * - the look-up item `APIKEY#<hash>`, which a request's key is read by.
 *
 * A key works only while its look-up item exists, and that item exists only
 * while the listing item does: created after it, deleted before it. So an
 * interrupted write leaves at worst a listed key that does not work, which
 * revoking removes.
 */

const text = (item: Item, name: string): string => {
  const value = item[name];
  if (typeof value !== "string") throw new Error(`Stored API key ${String(item.sk)} lacks the text attribute "${name}".`);
  return value;
};
const optionalDate = (item: Item, name: string): Date | null => (typeof item[name] === "string" ? new Date(item[name]) : null);

const toApiKey = (item: Item): ApiKey => ({
  id: text(item, "id"),
  userId: text(item, "userId"),
  name: text(item, "name"),
  prefix: text(item, "prefix"),
  createdAt: new Date(text(item, "createdAt")),
  lastUsedAt: optionalDate(item, "lastUsedAt"),
  expiresAt: optionalDate(item, "expiresAt"),
});

const newestFirst = (a: ApiKey, b: ApiKey): number =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export async function createApiKey(table: Table, input: NewApiKey): Promise<ApiKey> {
  const userId = requireUuid(input.userId, "A user id");
  const key: ApiKey = {
    id: randomUUID(),
    userId,
    name: input.name,
    prefix: input.prefix,
    createdAt: new Date(),
    lastUsedAt: null,
    expiresAt: input.expiresAt,
  };
  const fields = {
    id: key.id,
    userId,
    name: key.name,
    prefix: key.prefix,
    keyHash: input.hash,
    createdAt: iso(key.createdAt),
    expiresAt: key.expiresAt ? iso(key.expiresAt) : undefined,
  };
  await table.put({
    ...apiKeyKey(userId, key.id),
    kind: "apikey",
    gsi1pk: ALL_API_KEYS_PARTITION,
    gsi1sk: `${fields.createdAt}#${key.id}`,
    ...fields,
  });
  if (!(await table.put({ ...apiKeyHashKey(input.hash), kind: "apikey-hash", ...fields }, { expression: "attribute_not_exists(pk)" }))) {
    await table.delete(apiKeyKey(userId, key.id));
    throw new Error("An API key with this hash already exists.");
  }
  return key;
}

export async function findApiKeyByHash(table: Table, hash: string): Promise<ApiKey | null> {
  const item = await table.get(apiKeyHashKey(hash));
  return item ? toApiKey(item) : null;
}

/** The listing item first (it says whether the use is stale), then the look-up item the next request reads. */
export async function touchApiKey(table: Table, userId: string, id: string, now: Date, staleBefore: Date): Promise<void> {
  if (!isUuid(userId) || !isUuid(id)) return;
  const touched = await table.update(apiKeyKey(normaliseId(userId), normaliseId(id)), {
    UpdateExpression: "SET lastUsedAt = :now",
    ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :stale)",
    ExpressionAttributeValues: { ":now": iso(now), ":stale": iso(staleBefore) },
    ReturnValues: "ALL_NEW",
  });
  if (!touched || typeof touched.keyHash !== "string") return;
  // Never recreates a look-up item that a revocation removed meanwhile.
  await table.update(apiKeyHashKey(touched.keyHash), {
    UpdateExpression: "SET lastUsedAt = :now",
    ConditionExpression: "attribute_exists(pk)",
    ExpressionAttributeValues: { ":now": iso(now) },
  });
}

export async function revokeApiKey(table: Table, userId: string, id: string): Promise<boolean> {
  if (!isUuid(userId) || !isUuid(id)) return false;
  const key = apiKeyKey(normaliseId(userId), normaliseId(id));
  const listed = await table.get(key);
  if (!listed) return false;
  if (typeof listed.keyHash === "string") await table.delete(apiKeyHashKey(listed.keyHash));
  return (await table.delete(key)) !== null;
}

export async function listApiKeys(table: Table, userId: string): Promise<ApiKey[]> {
  if (!isUuid(userId)) return [];
  const items = await table.queryAll({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :key)",
    ExpressionAttributeValues: { ":pk": userPartition(normaliseId(userId)), ":key": API_KEY_PREFIX },
    ConsistentRead: true,
  });
  return items.map(toApiKey).sort(newestFirst);
}

export async function listAllApiKeys(table: Table): Promise<ApiKey[]> {
  const items = await table.queryAll({
    IndexName: GSI1,
    KeyConditionExpression: "gsi1pk = :pk",
    ExpressionAttributeValues: { ":pk": ALL_API_KEYS_PARTITION },
    ScanIndexForward: false,
  });
  return items.map(toApiKey).sort(newestFirst);
}
