import "server-only";
import { z } from "zod";
import { MAX_PAGE_SIZE, CONVERSATION_PAGE_SIZE } from "@/lib/chat/limits";
import { ApiError } from "@/lib/errors/api-error";
import { InvalidCursorError, type Conversation, type Message, type Store } from "@/lib/store/types";

/**
 * A person's kept conversations for API clients that show history, in the
 * style of OpenAI's list objects: { object: "list", data, has_more, next_cursor }.
 */

export const conversationListQuery = z.object({
  limit: z.coerce
    .number(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.`)
    .int(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.`)
    .min(1, `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.`)
    .max(MAX_PAGE_SIZE, `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.`)
    .default(CONVERSATION_PAGE_SIZE),
  after: z.string().max(500, "after must be a cursor from an earlier page.").optional(),
});

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

const conversationObject = (conversation: Conversation) => ({
  id: conversation.id,
  object: "conversation",
  title: conversation.title,
  created_at: seconds(conversation.createdAt),
  updated_at: seconds(conversation.updatedAt),
});

const messageObject = (message: Message) => ({
  id: message.id,
  object: "conversation.message",
  role: message.role,
  content: message.content,
  status: message.status,
  model: message.model,
  created_at: seconds(message.createdAt),
  usage: message.usage
    ? {
        prompt_tokens: message.usage.promptTokens,
        completion_tokens: message.usage.completionTokens,
        total_tokens: message.usage.promptTokens + message.usage.completionTokens,
      }
    : null,
});

export async function listConversationObjects(store: Store, userId: string, query: z.infer<typeof conversationListQuery>) {
  try {
    const page = await store.listConversations(userId, { limit: query.limit, cursor: query.after ?? null });
    return { object: "list", data: page.items.map(conversationObject), has_more: page.nextCursor !== null, next_cursor: page.nextCursor };
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new ApiError(400, "invalid_cursor");
    throw error;
  }
}

/** The conversation with its messages, oldest first; 404 when it is not the person's. */
export async function conversationWithMessages(store: Store, userId: string, id: string) {
  const [conversation, messages] = await Promise.all([store.getConversation(userId, id), store.listMessages(userId, id)]);
  if (!conversation) throw new ApiError(404, "conversation_not_found");
  return { ...conversationObject(conversation), messages: messages.map(messageObject) };
}
