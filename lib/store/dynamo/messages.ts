import { randomUUID } from "node:crypto";

import { isUuid } from "@/lib/chat/ids";
import { MessageExistsError, type Message, type NewMessage } from "../types";
import { encodeAttachments, iso, seqOf, toMessage } from "./codec";
import type { Item, Table } from "./table";
import {
  activitySortKey,
  claimKey,
  CONVERSATION_PREFIX,
  conversationKey,
  messageSortKey,
  messagesEnd,
  normaliseId,
  partSortKey,
  requireUuid,
  userPartition,
  type Key,
} from "./keys";
import { splitText } from "./text";

/**
 * Messages live in their owner's partition right after their conversation's
 * item, keyed by a per-conversation sequence number that the conversation
 * item hands out atomically (ADD seq 1): concurrent appends each get their
 * own number, so the order is total even within one millisecond, and one
 * Query returns the conversation followed by its messages in that order.
 */

export type MessageFields = Omit<NewMessage, "id" | "conversationId" | "createdAt">;

/** The items of one message: the head (fields and the first part of the text), then any further parts. */
export function messageItems(
  userId: string,
  conversationId: string,
  seq: number,
  id: string,
  createdAt: Date,
  message: MessageFields,
): Item[] {
  const [first = "", ...rest] = splitText(storedText(message));
  const pk = userPartition(userId);
  const head: Item = {
    pk,
    sk: messageSortKey(conversationId, seq),
    kind: "message",
    id,
    conversationId,
    seq,
    role: message.role,
    status: message.status,
    errorKind: message.errorKind ?? undefined,
    model: message.model ?? undefined,
    promptTokens: message.usage?.promptTokens,
    completionTokens: message.usage?.completionTokens,
    ...reasoningAttributes(message),
    attachments: encodeAttachments(message.attachments),
    createdAt: iso(createdAt),
    turnId: message.turnId ?? undefined,
    leaseUntil: message.leaseUntil ? iso(message.leaseUntil) : undefined,
    body: first,
    parts: rest.length + 1,
  };
  const parts = rest.map((body, i) => ({ pk, sk: partSortKey(conversationId, seq, i + 1), kind: "part", body }));
  return [head, ...parts];
}

/**
 * A reply's reasoning is stored in front of its text, in the same parts (it
 * can be as long as the reply, and an item is limited); the head records
 * where the reasoning ends (reasoningChars, in UTF-16 code units).
 */
export function storedText(message: Pick<MessageFields, "content" | "reasoning">): string {
  return message.reasoning ? message.reasoning.text + message.content : message.content;
}

export function reasoningAttributes(message: Pick<MessageFields, "usage" | "reasoning">): Item {
  const attributes: Item = {};
  if (message.reasoning) {
    attributes.reasoningChars = message.reasoning.text.length;
    if (message.reasoning.durationMs != null) attributes.reasoningMs = message.reasoning.durationMs;
  }
  if (message.usage?.reasoningTokens != null) attributes.reasoningTokens = message.usage.reasoningTokens;
  return attributes;
}

/** The claim that makes a message id unique and finds the message again by id. */
export const messageClaim = (userId: string, conversationId: string, seq: number, id: string): Item => ({
  ...claimKey("MSG", id),
  kind: "claim",
  userId,
  conversationId,
  seq,
});

/**
 * Joins messages from items read in key order: each head is followed by its
 * parts. Feed every item to `push`; it returns a message once it is complete,
 * which is when the next item that is not one of its parts arrives (and at
 * `end`). Parts without their head (a write cut short before the head, which
 * is written last) are skipped.
 */
export class MessageJoiner {
  private head: Item | null = null;
  private bodies: string[] = [];

  push(item: Item): { head: Item; message: Message } | null {
    if (item.kind === "part" && this.head && String(item.sk).startsWith(`${String(this.head.sk)}#`)) {
      this.bodies.push(bodyOf(item));
      return null;
    }
    const done = this.end();
    if (item.kind === "message") {
      this.head = item;
      this.bodies = [bodyOf(item)];
    }
    return done;
  }

  end(): { head: Item; message: Message } | null {
    const head = this.head;
    this.head = null;
    return head ? { head, message: toMessage(head, this.bodies.join("")) } : null;
  }
}

const bodyOf = (item: Item): string => (typeof item.body === "string" ? item.body : "");

export function joinMessages(items: Iterable<Item>): Message[] {
  const joiner = new MessageJoiner();
  const messages: Message[] = [];
  const positions = new Map<string, number>();
  const add = (message: Message) => {
    // An edit writes the new message (same id, later number) before it
    // removes the old one and what followed it (replies.ts): should that be
    // cut short, the later copy wins and what it replaced is not shown.
    const earlier = positions.get(message.id);
    if (earlier !== undefined) {
      for (const dropped of messages.splice(earlier)) positions.delete(dropped.id);
    }
    positions.set(message.id, messages.length);
    messages.push(message);
  };
  for (const item of items) {
    const done = joiner.push(item);
    if (done) add(done.message);
  }
  const last = joiner.end();
  if (last) add(last.message);
  return messages;
}

export async function appendMessage(table: Table, userId: string, input: NewMessage): Promise<Message | null> {
  const id = input.id === undefined ? randomUUID() : requireUuid(input.id, "A message id");
  if (!isUuid(userId) || !isUuid(input.conversationId)) return null;
  const owner = normaliseId(userId);
  const conversationId = normaliseId(input.conversationId);

  const turn = await takeTurn(table, owner, conversationId);
  if (!turn) return null;

  const claimed = await table.put(messageClaim(owner, conversationId, turn.seq, id), {
    expression: "attribute_not_exists(pk)",
  });
  // The turn taken above is left unused: a gap in the sequence is harmless.
  if (!claimed) throw new MessageExistsError();

  const [head, ...parts] = messageItems(owner, conversationId, turn.seq, id, input.createdAt ?? turn.at, input);
  // Parts first, head last: a reader never sees a message with missing text.
  if (parts.length > 0) await table.writeMany(parts);
  await table.put(head!);
  return toMessage(head!, storedText(input));
}

/**
 * Checks the conversation is the person's (it is in their partition), bumps
 * its activity and hands out the next sequence number, in one conditional
 * update. Activity never moves backwards (a clock behind, or an imported
 * conversation dated in the future): then only the number is taken.
 */
export async function takeTurn(
  table: Table,
  userId: string,
  conversationId: string,
): Promise<{ seq: number; at: Date } | null> {
  const key = conversationKey(userId, conversationId);
  const now = iso(new Date());
  const bumped = await table.update(key, {
    UpdateExpression: "SET updatedAt = :now, gsi1sk = :activity ADD seq :one",
    ConditionExpression: "attribute_exists(pk) AND updatedAt <= :now",
    ExpressionAttributeValues: { ":now": now, ":activity": activitySortKey(now, conversationId), ":one": 1 },
    ReturnValues: "UPDATED_NEW",
  });
  if (bumped) return { seq: seqOf(bumped), at: new Date(now) };

  const numbered = await table.update(key, {
    UpdateExpression: "ADD seq :one",
    ConditionExpression: "attribute_exists(pk)",
    ExpressionAttributeValues: { ":one": 1 },
    ReturnValues: "ALL_NEW",
  });
  if (!numbered) return null;
  return { seq: seqOf(numbered), at: new Date(String(numbered.updatedAt)) };
}

export async function listMessages(table: Table, userId: string, conversationId: string): Promise<Message[]> {
  if (!isUuid(userId) || !isUuid(conversationId)) return [];
  const owner = normaliseId(userId);
  const id = normaliseId(conversationId);
  const items = await table.queryAll({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :conversation)",
    ExpressionAttributeValues: { ":pk": userPartition(owner), ":conversation": `${CONVERSATION_PREFIX}${id}` },
    ConsistentRead: true,
  });
  // The conversation's own item sorts first; without it (someone else's, or
  // deleted) there is nothing to show, whatever leftovers remain.
  if (items[0]?.kind !== "conversation") return [];
  return joinMessages(items);
}

/** The claim of a message of this person's conversation, or null. */
export async function findMessage(
  table: Table,
  userId: string,
  conversationId: string,
  messageId: string,
): Promise<{ owner: string; conversationId: string; seq: number; claim: Key } | null> {
  if (!isUuid(userId) || !isUuid(conversationId) || !isUuid(messageId)) return null;
  const owner = normaliseId(userId);
  const conversation = normaliseId(conversationId);
  const claim = claimKey("MSG", normaliseId(messageId));
  const found = await table.get(claim);
  if (!found || found.userId !== owner || found.conversationId !== conversation) return null;
  return { owner, conversationId: conversation, seq: seqOf(found), claim };
}

export async function deleteMessage(
  table: Table,
  userId: string,
  conversationId: string,
  messageId: string,
): Promise<boolean> {
  const found = await findMessage(table, userId, conversationId, messageId);
  if (!found) return false;
  const head = messageSortKey(found.conversationId, found.seq);
  const items = await table.queryAll({
    KeyConditionExpression: "pk = :pk AND sk BETWEEN :head AND :last",
    ExpressionAttributeValues: { ":pk": userPartition(found.owner), ":head": head, ":last": `${head}#~` },
    ProjectionExpression: "pk, sk",
    ConsistentRead: true,
  });
  if (items.length === 0) return false;
  await table.writeMany([], [...items.map(keyOf), found.claim]);
  return true;
}

export async function deleteMessagesFrom(
  table: Table,
  userId: string,
  conversationId: string,
  messageId: string,
): Promise<number> {
  const found = await findMessage(table, userId, conversationId, messageId);
  if (!found) return 0;
  const items = await table.queryAll({
    KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :end",
    ExpressionAttributeValues: {
      ":pk": userPartition(found.owner),
      ":from": messageSortKey(found.conversationId, found.seq),
      ":end": messagesEnd(found.conversationId),
    },
    ProjectionExpression: "pk, sk, kind, id",
    ConsistentRead: true,
  });
  const heads = items.filter((item) => item.kind === "message" && typeof item.id === "string");
  await table.writeMany(
    [],
    [...items.map(keyOf), ...heads.map((head) => claimKey("MSG", head.id as string))],
  );
  return heads.length;
}

export const keyOf = (item: Item): Key => ({ pk: String(item.pk), sk: String(item.sk) });
