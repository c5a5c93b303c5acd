import type { FinishedReply, Message, MessageAttachment, ReplyProgress } from "../types";
import { iso } from "./codec";
import { joinMessages, findMessage, keyOf, messageClaim, messageItems, reasoningAttributes, storedText, takeTurn } from "./messages";
import type { Item, Table } from "./table";
import { claimKey, messageSortKey, partSortKey, requireUuid, userPartition } from "./keys";
import { splitText } from "./text";

/**
 * Replies being written (see the Store port) on DynamoDB. A message is found
 * by its id claim (which holds its number), then its head and parts are one
 * Query. Saves write the text's further parts first and the head last, with a
 * condition on the head's status, as appendMessage does.
 */

type Found = NonNullable<Awaited<ReturnType<typeof findMessage>>>;

async function readMessage(table: Table, found: Found): Promise<Message | null> {
  const head = messageSortKey(found.conversationId, found.seq);
  const items = await table.queryAll({
    KeyConditionExpression: "pk = :pk AND sk BETWEEN :head AND :last",
    ExpressionAttributeValues: { ":pk": userPartition(found.owner), ":head": head, ":last": `${head}#~` },
    ConsistentRead: true,
  });
  return joinMessages(items)[0] ?? null;
}

export async function getMessage(table: Table, userId: string, conversationId: string, messageId: string): Promise<Message | null> {
  const found = await findMessage(table, userId, conversationId, messageId);
  return found ? readMessage(table, found) : null;
}

/** Writes a text's further parts; answers the head's share and the number of parts. */
async function writeParts(table: Table, found: Found, content: string): Promise<{ body: string; parts: number }> {
  const [body = "", ...rest] = splitText(content);
  if (rest.length > 0) {
    const pk = userPartition(found.owner);
    await table.writeMany(rest.map((part, i) => ({ pk, sk: partSortKey(found.conversationId, found.seq, i + 1), kind: "part", body: part })));
  }
  return { body, parts: rest.length + 1 };
}

const headKey = (found: Found) => ({ pk: userPartition(found.owner), sk: messageSortKey(found.conversationId, found.seq) });

export async function saveReplyProgress(
  table: Table,
  userId: string,
  conversationId: string,
  messageId: string,
  progress: ReplyProgress,
): Promise<boolean> {
  const found = await findMessage(table, userId, conversationId, messageId);
  if (!found) return false;
  const { body, parts } = await writeParts(table, found, progress.content);
  const updated = await table.update(headKey(found), {
    UpdateExpression: "SET body = :body, parts = :parts, leaseUntil = :lease",
    ConditionExpression: "attribute_exists(pk) AND #status = :streaming",
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: { ":body": body, ":parts": parts, ":lease": iso(progress.leaseUntil), ":streaming": "streaming" },
  });
  return updated !== null;
}

export async function finishReply(
  table: Table,
  userId: string,
  conversationId: string,
  messageId: string,
  reply: FinishedReply,
): Promise<boolean> {
  const found = await findMessage(table, userId, conversationId, messageId);
  if (!found) return false;
  const { body, parts } = await writeParts(table, found, storedText({ content: reply.content, reasoning: reply.reasoning ?? undefined }));
  const set = ["body = :body", "parts = :parts", "#status = :status"];
  const remove = ["leaseUntil"];
  const values: Item = { ":body": body, ":parts": parts, ":status": reply.status, ":streaming": "streaming", ":interrupted": "interrupted" };
  const reasoning = reasoningAttributes({ usage: reply.usage ?? undefined, reasoning: reply.reasoning ?? undefined });
  for (const name of ["reasoningChars", "reasoningMs", "reasoningTokens"]) {
    if (reasoning[name] === undefined) remove.push(name);
    else {
      set.push(`${name} = :${name}`);
      values[`:${name}`] = reasoning[name];
    }
  }
  if (reply.errorKind) {
    set.push("errorKind = :errorKind");
    values[":errorKind"] = reply.errorKind;
  } else remove.push("errorKind");
  if (reply.usage) {
    set.push("promptTokens = :prompt", "completionTokens = :completion");
    values[":prompt"] = reply.usage.promptTokens;
    values[":completion"] = reply.usage.completionTokens;
  } else remove.push("promptTokens", "completionTokens");
  const updated = await table.update(headKey(found), {
    UpdateExpression: `SET ${set.join(", ")} REMOVE ${remove.join(", ")}`,
    ConditionExpression: "attribute_exists(pk) AND #status IN (:streaming, :interrupted)",
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: values,
  });
  return updated !== null;
}

export async function interruptReply(
  table: Table,
  userId: string,
  conversationId: string,
  messageId: string,
  now: Date,
): Promise<boolean> {
  const found = await findMessage(table, userId, conversationId, messageId);
  if (!found) return false;
  const updated = await table.update(headKey(found), {
    UpdateExpression: "SET #status = :interrupted REMOVE leaseUntil",
    ConditionExpression: "attribute_exists(pk) AND #status = :streaming AND leaseUntil < :now",
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: { ":interrupted": "interrupted", ":streaming": "streaming", ":now": iso(now) },
  });
  return updated !== null;
}

/**
 * An edit, in an order that can be cut short anywhere without losing the
 * person's text or showing a broken conversation: the new message is written
 * first under a new number (the commit point: readers then show it in place
 * of the old one and everything after, see joinMessages); then what it
 * replaces is removed, the old message's head last; then its id claim moves
 * to the new number. A retried edit finds the claim and starts over cleanly.
 */
export async function replaceMessagesFrom(
  table: Table,
  userId: string,
  conversationId: string,
  messageId: string,
  content: string,
  attachments: MessageAttachment[] = [],
): Promise<Message | null> {
  const found = await findMessage(table, userId, conversationId, messageId);
  if (!found) return null;
  const id = requireUuid(messageId, "A message id");
  const turn = await takeTurn(table, found.owner, found.conversationId);
  if (!turn) return null;

  const [head, ...parts] = messageItems(found.owner, found.conversationId, turn.seq, id, turn.at, {
    role: "user",
    content,
    status: "complete",
    attachments,
  });
  if (parts.length > 0) await table.writeMany(parts);
  await table.put(head!);

  const oldHead = messageSortKey(found.conversationId, found.seq);
  const replaced = await table.queryAll({
    KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
    ExpressionAttributeValues: {
      ":pk": userPartition(found.owner),
      ":from": oldHead,
      // Up to, not including, the new message.
      ":to": `${messageSortKey(found.conversationId, turn.seq - 1)}#~`,
    },
    ProjectionExpression: "pk, sk, kind, id",
    ConsistentRead: true,
  });
  const claims = replaced
    .filter((item) => item.kind === "message" && typeof item.id === "string" && item.id !== id)
    .map((item) => claimKey("MSG", item.id as string));
  const rest = replaced.filter((item) => item.sk !== oldHead).map(keyOf);
  await table.writeMany([], [...claims, ...rest]);
  await table.writeMany([], [{ pk: userPartition(found.owner), sk: oldHead }]);
  await table.put(messageClaim(found.owner, found.conversationId, turn.seq, id));

  return readMessage(table, { ...found, seq: turn.seq });
}

