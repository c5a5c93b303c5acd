import "server-only";
import type { UIMessageChunk } from "ai";
import type { ChatData, MessageMeta } from "../messages";
import type { TurnEvent } from "./stream";

/**
 * The web chat's wire: a turn's events as an AI SDK UI message stream, in
 * the order lib/chat/messages.ts describes. The browser going away does not
 * end the reply: it is generated and stored for later.
 */

export type ChatChunk = UIMessageChunk<MessageMeta, ChatData>;

export function uiMessageStream(produce: (emit: (event: TurnEvent) => void) => Promise<void>): ReadableStream<ChatChunk> {
  let open = true;
  let replyId = "";
  return new ReadableStream<ChatChunk>({
    start(controller) {
      const send = (chunk: ChatChunk) => {
        if (!open) return;
        try {
          controller.enqueue(chunk);
        } catch {
          open = false;
        }
      };
      const emit = (event: TurnEvent) => {
        switch (event.type) {
          case "start":
            replyId = event.replyId;
            send({
              type: "start",
              messageId: replyId,
              messageMetadata: {
                status: "streaming",
                model: event.model,
                omitted: event.omitted,
                turnId: event.turnId,
                ...(event.cut?.length ? { cut: event.cut } : {}),
              },
            });
            send({ type: "text-start", id: replyId });
            return;
          // The reply's "Thinking": a reasoning part opened at the first sign
          // of reasoning and closed when the answer begins, then how long it took.
          case "reasoning":
            if (event.opened) send({ type: "reasoning-start", id: `${replyId}-thinking` });
            if (event.delta) send({ type: "reasoning-delta", id: `${replyId}-thinking`, delta: event.delta });
            return;
          case "thought":
            send({ type: "reasoning-end", id: `${replyId}-thinking` });
            return send({ type: "message-metadata", messageMetadata: { thinkingMs: event.durationMs } });
          case "text":
            return send({ type: "text-delta", id: replyId, delta: event.delta });
          case "written":
            return send({ type: "text-end", id: replyId });
          case "saved":
            return send({ type: "message-metadata", messageMetadata: event.meta });
          case "title":
            return send({ type: "data-title", data: { conversationId: event.conversationId, title: event.title }, transient: true });
          case "end":
            if (event.failure) return send({ type: "error", errorText: event.failure.message });
            return send({ type: "finish", finishReason: event.status === "stopped" ? "other" : "stop" });
          case "crash":
            return send({ type: "error", errorText: event.message });
        }
      };
      void produce(emit).finally(() => {
        if (!open) return;
        open = false;
        try {
          controller.close();
        } catch {
          // Already closed by the consumer going away.
        }
      });
    },
    cancel() {
      // The browser left: keep generating and store the reply for later.
      open = false;
    },
  });
}
