import { randomUUID } from "node:crypto";

import { isUuid } from "@/lib/chat/ids";
import type { Preset, StoredSettings } from "../types";
import { encodeSettings, iso, toPreset, toSettings } from "./codec";
import type { Table } from "./table";
import {
  claimKey,
  normaliseId,
  PRESET_PREFIX,
  presetKey,
  requireUuid,
  settingsKey,
  stopKey,
  userPartition,
} from "./keys";
import { TTL_ATTRIBUTE } from "./table-definition";

/** A person's own small items: model settings, presets and stop requests. */

export async function getSettings(table: Table, userId: string): Promise<StoredSettings | null> {
  if (!isUuid(userId)) return null;
  const item = await table.get(settingsKey(normaliseId(userId)));
  return item ? toSettings(item) : null;
}

export async function saveSettings(table: Table, userId: string, settings: StoredSettings): Promise<void> {
  const owner = requireUuid(userId, "A user id");
  await table.put({ ...settingsKey(owner), kind: "settings", data: encodeSettings(settings), updatedAt: iso(new Date()) });
}

export async function listPresets(table: Table, userId: string): Promise<Preset[]> {
  if (!isUuid(userId)) return [];
  const items = await table.queryAll({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :preset)",
    ExpressionAttributeValues: { ":pk": userPartition(normaliseId(userId)), ":preset": PRESET_PREFIX },
    ConsistentRead: true,
  });
  const byName = (p: Preset) => p.name.toLowerCase();
  return items
    .map(toPreset)
    .sort((a, b) => (byName(a) < byName(b) ? -1 : byName(a) > byName(b) ? 1 : a.id < b.id ? -1 : 1));
}

/**
 * Preset ids are unique across everyone, so an id is claimed before use; the
 * claim also answers "is this id someone else's?" (then: null, nothing changes).
 */
export async function savePreset(
  table: Table,
  userId: string,
  input: { id?: string; name: string; settings: StoredSettings },
): Promise<Preset | null> {
  const owner = requireUuid(userId, "A user id");
  const id = input.id === undefined ? randomUUID() : requireUuid(input.id, "A preset id");
  const claimed = await table.put(
    { ...claimKey("PRESET", id), kind: "claim", userId: owner },
    { expression: "attribute_not_exists(pk) OR userId = :owner", values: { ":owner": owner } },
  );
  if (!claimed) return null;
  const now = iso(new Date());
  const saved = await table.update(presetKey(owner, id), {
    UpdateExpression:
      "SET kind = :kind, id = :id, userId = :owner, #name = :name, settings = :settings, " +
      "updatedAt = :now, createdAt = if_not_exists(createdAt, :now)",
    ExpressionAttributeNames: { "#name": "name" },
    ExpressionAttributeValues: {
      ":kind": "preset",
      ":id": id,
      ":owner": owner,
      ":name": input.name,
      ":settings": encodeSettings(input.settings),
      ":now": now,
    },
    ReturnValues: "ALL_NEW",
  });
  return saved ? toPreset(saved) : null;
}

export async function deletePreset(table: Table, userId: string, id: string): Promise<boolean> {
  if (!isUuid(userId) || !isUuid(id)) return false;
  const owner = normaliseId(userId);
  const presetId = normaliseId(id);
  if (!(await table.delete(presetKey(owner, presetId)))) return false;
  await table.delete(claimKey("PRESET", presetId), { expression: "userId = :owner", values: { ":owner": owner } });
  return true;
}

// The port lets flags older than a day be forgotten; DynamoDB's TTL does the
// forgetting (some time after expiry), and reads ignore an expired flag.
const STOP_FLAG_LIFETIME_S = 24 * 60 * 60;

export async function requestStop(table: Table, userId: string, turnId: string): Promise<void> {
  const owner = requireUuid(userId, "A user id");
  const expiresAt = Math.ceil(Date.now() / 1000) + STOP_FLAG_LIFETIME_S;
  await table.put({ ...stopKey(owner, turnId), kind: "stop", [TTL_ATTRIBUTE]: expiresAt });
}

export async function isStopRequested(table: Table, userId: string, turnId: string): Promise<boolean> {
  if (!isUuid(userId)) return false;
  const item = await table.get(stopKey(normaliseId(userId), turnId));
  const expiresAt = item?.[TTL_ATTRIBUTE];
  return typeof expiresAt === "number" && expiresAt * 1000 > Date.now();
}
