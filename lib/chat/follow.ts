import "server-only";
import { englishError } from "@/lib/errors/wire";
import { getLogger } from "@/lib/log";
import type { Message, Store } from "@/lib/store/types";
import { toChatMessage } from "./messages";
import { settleReply } from "./replies";
import { isShuttingDown } from "./shutdown";
import type { ChatChunk } from "./turn";

/**
 * Following a reply from the store: after a reload, or on another device,
 * the reply being written is read back as a UI message stream — its text so
 * far at once, then what is added as the writer saves it, until it ends.
 * Nothing is handed over in memory, so the writer may be any instance.
 */

/** How often the store is read for more text (the writer saves about once a second). */
export const FOLLOW_POLL_MS = 400;

export interface FollowOptions {
  pollMs?: number;
  /** The follower went away: stop reading. */
  signal?: AbortSignal;
}

/**
 * The stream of the person's reply `replyId`, or of the conversation's last
 * message if it is a reply being written (no `replyId`). Null when there is
 * nothing to follow. A reply that has already ended streams whole at once.
 */
export async function followReply(
  store: Store,
  userId: string,
  conversationId: string,
  replyId: string | null,
  options: FollowOptions = {},
): Promise<ReadableStream<ChatChunk> | null> {
  const found = replyId ? await store.getMessage(userId, conversationId, replyId) : await lastStreaming(store, userId, conversationId);
  if (!found || found.role !== "assistant") return null;
  const first = await settleReply(store, userId, found);
  const pollMs = options.pollMs ?? FOLLOW_POLL_MS;

  return new ReadableStream<ChatChunk>({
    async start(controller) {
      const send = (chunk: ChatChunk) => {
        try {
          controller.enqueue(chunk);
        } catch {
          // The follower went away.
        }
      };
      const id = first.id;
      send({ type: "start", messageId: id, messageMetadata: { status: "streaming", model: first.model, turnId: first.turnId } });
      send({ type: "text-start", id });
      let sent = 0;
      const sendNew = (message: Message) => {
        if (message.content.length <= sent) return;
        send({ type: "text-delta", id, delta: message.content.slice(sent) });
        sent = message.content.length;
      };
      let current: Message | null = first;
      try {
        sendNew(first);
        while (current?.status === "streaming") {
          if (!(await wait(pollMs, options.signal)) || isShuttingDown()) {
            // Ends without a final status: the browser follows again.
            controller.close();
            return;
          }
          const read = await store.getMessage(userId, conversationId, id);
          current = read ? await settleReply(store, userId, read) : null;
          if (current) sendNew(current);
        }
      } catch (error) {
        getLogger().error({ err: error }, "Following a reply failed");
        send({ type: "error", errorText: englishError("unexpected") });
        controller.close();
        return;
      }
      send({ type: "text-end", id });
      if (current) {
        const meta = toChatMessage(current).metadata!;
        send({ type: "message-metadata", messageMetadata: meta });
        if (current.status === "error") send({ type: "error", errorText: meta.errorMessage ?? englishError("failed") });
        else send({ type: "finish", finishReason: current.status === "complete" ? "stop" : "other" });
      } else {
        // Removed meanwhile (the conversation was deleted).
        send({ type: "finish", finishReason: "other" });
      }
      controller.close();
    },
  });
}

async function lastStreaming(store: Store, userId: string, conversationId: string): Promise<Message | null> {
  const last = (await store.listMessages(userId, conversationId)).at(-1);
  return last?.status === "streaming" ? last : null;
}

/** Waits `ms`; false when the signal ended the wait. */
function wait(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (result: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve(result);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener("abort", onAbort);
  });
}
