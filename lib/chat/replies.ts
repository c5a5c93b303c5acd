import "server-only";
import type { Message, Store } from "@/lib/store/types";

/**
 * Replies whose writer is gone. A reply being written carries its writer's
 * lease (renewed with every save, see turn/progress.ts); once the lease has
 * ended, the process writing it has died or hung, and whoever reads the
 * reply marks it interrupted, keeping its text. Deciding from the store
 * alone works across processes and on Lambda, which has no start-up to
 * sweep from (the SQL store also sweeps when it opens).
 */

export function isAbandoned(message: Message, now: Date): boolean {
  return message.status === "streaming" && message.leaseUntil !== null && message.leaseUntil.getTime() < now.getTime();
}

/** The message as it stands: interrupted, in the store too, if its writer is gone. */
export async function settleReply(store: Store, userId: string, message: Message, now = new Date()): Promise<Message> {
  if (!isAbandoned(message, now)) return message;
  await store.interruptReply(userId, message.conversationId, message.id, now);
  // Either marked now, or ended or marked by someone else meanwhile.
  return (await store.getMessage(userId, message.conversationId, message.id)) ?? { ...message, status: "interrupted", leaseUntil: null };
}

/** The messages with abandoned replies settled. */
export async function settleMessages(store: Store, userId: string, messages: Message[], now = new Date()): Promise<Message[]> {
  if (!messages.some((m) => isAbandoned(m, now))) return messages;
  return Promise.all(messages.map((m) => settleReply(store, userId, m, now)));
}

/** A conversation's messages, oldest first, with abandoned replies settled. */
export async function listConversationMessages(store: Store, userId: string, conversationId: string, now = new Date()): Promise<Message[]> {
  return settleMessages(store, userId, await store.listMessages(userId, conversationId), now);
}
