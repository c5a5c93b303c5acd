import { isUuid } from "@/lib/chat/ids";
import { decodeMessageCursor, encodeMessageCursor } from "../message-cursor";
import type { MessagePage } from "../types";
import { seqOf } from "./codec";
import { joinMessages } from "./messages";
import type { Item, Table } from "./table";
import { conversationKey, messageSortKey, messagesEnd, messagesPrefix, normaliseId, userPartition } from "./keys";

/**
 * One Query, newest first, read only as far as the page needs: a long
 * message's parts sort after its head, so they are met before it.
 */
export async function listRecentMessages(
  table: Table,
  userId: string,
  conversationId: string,
  options: { limit: number; before?: string },
): Promise<MessagePage> {
  const before = options.before === undefined ? null : decodeMessageCursor(options.before);
  if (!isUuid(userId) || !isUuid(conversationId)) return { items: [], earlier: null };
  const owner = normaliseId(userId);
  const id = normaliseId(conversationId);
  const limit = Math.max(1, Math.floor(options.limit));
  if (before !== null && before <= 1) return { items: [], earlier: null };
  // Up to (not including) the cursor's message: '~' sorts after the parts of
  // the message before it and before the cursor's own head.
  const upper = before === null ? messagesEnd(id) : `${messageSortKey(id, before - 1)}~`;

  const read = async () => {
    const newestFirst: Item[] = [];
    let heads = 0;
    for await (const item of table.query({
      KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
      ExpressionAttributeValues: { ":pk": userPartition(owner), ":from": messagesPrefix(id), ":to": upper },
      ScanIndexForward: false,
      ConsistentRead: true,
      // One more message than asked tells whether there are earlier ones.
      Limit: limit + 2,
    })) {
      newestFirst.push(item);
      if (item.kind === "message" && ++heads > limit) break;
    }
    return newestFirst.reverse();
  };
  // The conversation's own item: without it (someone else's, or deleted)
  // there is nothing to show, whatever leftovers remain.
  const [items, conversation] = await Promise.all([read(), table.get(conversationKey(owner, id))]);
  if (!conversation) return { items: [], earlier: null };
  const messages = joinMessages(items);
  if (messages.length <= limit) return { items: messages, earlier: null };
  // Drop the extra, oldest message; the page continues before the next one.
  const oldestShown = items.filter((item) => item.kind === "message")[1]!;
  return { items: messages.slice(1), earlier: encodeMessageCursor(seqOf(oldestShown)) };
}
