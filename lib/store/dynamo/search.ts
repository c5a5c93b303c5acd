import type { Conversation, ConversationMatch, Message } from "../types";
import { snippetAround } from "../snippet";
import { toConversation } from "./codec";
import { pageSize } from "../page-size";
import type { Item, Table } from "./table";
import { isUuid } from "@/lib/chat/ids";
import { CONVERSATION_PREFIX, normaliseId, userPartition } from "./keys";
import { MessageJoiner } from "./messages";

/**
 * Reads the person's partition only (one Query, page after page): each
 * conversation item followed by its messages. Matching is done here, on the
 * joined text, because DynamoDB's contains() is case-sensitive and a match
 * may straddle two parts of a long message; a lower-cased copy in the table
 * would double what every message costs to write and store.
 * The cost grows with the person's whole history (every item is read, about
 * half a read unit per 4 KB): fine for one person's chats; a real search
 * index would be the next step if histories grow huge.
 */
export async function searchConversations(
  table: Table,
  userId: string,
  query: string,
  limit: number,
): Promise<ConversationMatch[]> {
  const wanted = pageSize(limit);
  if (!isUuid(userId) || !query) return [];
  const needle = query.toLowerCase();
  const found: ConversationMatch[] = [];
  let current: { conversation: Conversation; titleMatches: boolean; snippet: string | null } | null = null;

  const settle = () => {
    if (current && (current.titleMatches || current.snippet !== null)) {
      found.push({ conversation: current.conversation, snippet: current.snippet });
    }
  };
  // The earliest matching message gives the snippet, as in the sql adapter.
  const consider = (done: { head: Item; message: Message } | null) => {
    if (!done || !current || current.snippet !== null) return;
    if (done.head.conversationId !== current.conversation.id) return;
    const { content } = done.message;
    if (content.toLowerCase().includes(needle)) current.snippet = snippetAround(content, query);
  };

  const joiner = new MessageJoiner();
  for await (const item of table.query({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :conversations)",
    ExpressionAttributeValues: { ":pk": userPartition(normaliseId(userId)), ":conversations": CONVERSATION_PREFIX },
  })) {
    consider(joiner.push(item));
    if (item.kind === "conversation") {
      settle();
      const conversation = toConversation(item);
      current = { conversation, titleMatches: conversation.title.toLowerCase().includes(needle), snippet: null };
    }
  }
  consider(joiner.end());
  settle();

  return found
    .sort(
      (a, b) =>
        b.conversation.updatedAt.getTime() - a.conversation.updatedAt.getTime() ||
        (a.conversation.id < b.conversation.id ? 1 : -1),
    )
    .slice(0, wanted);
}
