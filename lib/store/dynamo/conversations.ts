import { randomUUID } from "node:crypto";

import { isUuid } from "@/lib/chat/ids";
import {
  ConversationExistsError,
  type Conversation,
  type ImportedConversation,
  type NewConversation,
  type Page,
  type StoredSettings,
} from "../types";
import { encodeSettings, iso, toConversation } from "./codec";
import { decodeCursor, encodeCursor } from "./cursor";
import type { Item, Table } from "./table";
import {
  activityPartition,
  activitySortKey,
  claimKey,
  conversationKey,
  messagesEnd,
  messagesPrefix,
  normaliseId,
  requireUuid,
  userPartition,
} from "./keys";
import { keyOf, messageClaim, messageItems } from "./messages";
import { GSI1 } from "./table-definition";
import { pageSize } from "../page-size";

function conversationItem(conversation: Conversation, seq: number): Item {
  const updatedAt = iso(conversation.updatedAt);
  return {
    ...conversationKey(conversation.userId, conversation.id),
    gsi1pk: activityPartition(conversation.userId),
    gsi1sk: activitySortKey(updatedAt, conversation.id),
    kind: "conversation",
    id: conversation.id,
    userId: conversation.userId,
    title: conversation.title,
    settings: encodeSettings(conversation.settings),
    createdAt: iso(conversation.createdAt),
    updatedAt,
    seq,
  };
}

/**
 * Ids are unique across everyone (the port says so, as the sql primary key
 * does), so the id is claimed first. The owner may claim it again: that
 * finishes a creation cut short between the two writes, and the
 * conversation's own conditional put still refuses a second conversation.
 */
async function claimConversationId(table: Table, userId: string, id: string): Promise<boolean> {
  return table.put(
    { ...claimKey("CONV", id), kind: "claim", userId },
    { expression: "attribute_not_exists(pk) OR userId = :owner", values: { ":owner": userId } },
  );
}

export async function createConversation(table: Table, input: NewConversation): Promise<Conversation> {
  const id = input.id === undefined ? randomUUID() : requireUuid(input.id, "A conversation id");
  const userId = requireUuid(input.userId, "A user id");
  if (!(await claimConversationId(table, userId, id))) throw new ConversationExistsError();
  const now = new Date();
  const conversation: Conversation = {
    id,
    userId,
    title: input.title,
    createdAt: now,
    updatedAt: now,
    settings: input.settings ?? null,
  };
  const created = await table.put(conversationItem(conversation, 0), { expression: "attribute_not_exists(pk)" });
  if (!created) throw new ConversationExistsError();
  return conversation;
}

export async function getConversation(table: Table, userId: string, id: string): Promise<Conversation | null> {
  if (!isUuid(userId) || !isUuid(id)) return null;
  const item = await table.get(conversationKey(normaliseId(userId), normaliseId(id)));
  return item ? toConversation(item) : null;
}

export async function listConversations(
  table: Table,
  userId: string,
  options: { limit: number; cursor?: string | null },
): Promise<Page<Conversation>> {
  const limit = pageSize(options.limit);
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  if (!isUuid(userId)) return { items: [], nextCursor: null };

  // The activity index is eventually consistent: a conversation created a
  // moment ago may take a moment to appear. Its own reads are consistent.
  const rows: Conversation[] = [];
  for await (const item of table.query({
    IndexName: GSI1,
    KeyConditionExpression: after ? "gsi1pk = :pk AND gsi1sk < :after" : "gsi1pk = :pk",
    ExpressionAttributeValues: {
      ":pk": activityPartition(normaliseId(userId)),
      ...(after ? { ":after": activitySortKey(after.updatedAt, after.id) } : {}),
    },
    ScanIndexForward: false,
    // One extra tells whether another page exists without a count.
    Limit: limit + 1,
  })) {
    rows.push(toConversation(item));
    if (rows.length > limit) break;
  }
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ updatedAt: iso(last.updatedAt), id: last.id }) : null,
  };
}

export async function renameConversation(
  table: Table,
  userId: string,
  id: string,
  title: string,
  options: { onlyIfTitle?: string } = {},
): Promise<boolean> {
  if (!isUuid(userId) || !isUuid(id)) return false;
  const onlyIf = options.onlyIfTitle;
  const updated = await table.update(conversationKey(normaliseId(userId), normaliseId(id)), {
    UpdateExpression: "SET title = :title",
    ConditionExpression: onlyIf === undefined ? "attribute_exists(pk)" : "attribute_exists(pk) AND title = :was",
    ExpressionAttributeValues: { ":title": title, ...(onlyIf === undefined ? {} : { ":was": onlyIf }) },
  });
  return updated !== null;
}

export async function setConversationSettings(
  table: Table,
  userId: string,
  id: string,
  settings: StoredSettings | null,
): Promise<boolean> {
  if (!isUuid(userId) || !isUuid(id)) return false;
  const key = conversationKey(normaliseId(userId), normaliseId(id));
  const updated = await table.update(
    key,
    settings === null
      ? { UpdateExpression: "REMOVE settings", ConditionExpression: "attribute_exists(pk)" }
      : {
          UpdateExpression: "SET settings = :settings",
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeValues: { ":settings": encodeSettings(settings) },
        },
  );
  return updated !== null;
}

export async function importConversation(table: Table, input: ImportedConversation): Promise<Conversation> {
  const userId = requireUuid(input.userId, "A user id");
  const id = randomUUID();
  if (!(await claimConversationId(table, userId, id))) throw new ConversationExistsError();
  const items: Item[] = [];
  input.messages.forEach((message, i) => {
    const messageId = randomUUID();
    items.push(...messageItems(userId, id, i + 1, messageId, message.createdAt, message));
    items.push(messageClaim(userId, id, i + 1, messageId));
  });
  // Messages first, the conversation item last: until it exists, nothing of
  // the import is visible, so an interrupted import shows nothing at all.
  await table.writeMany(items);
  const conversation: Conversation = {
    id,
    userId,
    title: input.title,
    createdAt: input.createdAt,
    updatedAt: input.updatedAt,
    settings: input.settings ?? null,
  };
  await table.put(conversationItem(conversation, input.messages.length));
  return conversation;
}

/**
 * The conversation item goes first, so appends stop at once (they need it);
 * then its messages with their id claims; the id claim last.
 */
export async function deleteConversation(table: Table, userId: string, id: string): Promise<boolean> {
  if (!isUuid(userId) || !isUuid(id)) return false;
  const owner = normaliseId(userId);
  const conversationId = normaliseId(id);
  if (!(await table.delete(conversationKey(owner, conversationId)))) return false;
  const items = await table.queryAll({
    KeyConditionExpression: "pk = :pk AND sk BETWEEN :first AND :end",
    ExpressionAttributeValues: {
      ":pk": userPartition(owner),
      ":first": messagesPrefix(conversationId),
      ":end": messagesEnd(conversationId),
    },
    ProjectionExpression: "pk, sk, kind, id",
    ConsistentRead: true,
  });
  const claims = items
    .filter((item) => item.kind === "message" && typeof item.id === "string")
    .map((item) => claimKey("MSG", item.id as string));
  await table.writeMany([], [...items.map(keyOf), ...claims]);
  await table.delete(claimKey("CONV", conversationId), { expression: "userId = :owner", values: { ":owner": owner } });
  return true;
}
