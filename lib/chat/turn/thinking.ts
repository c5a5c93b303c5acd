import "server-only";
import { Thinking } from "../thinking";
import type { ChatChunk } from "./stream";

/**
 * The reply's "Thinking" on its way to the browser: a reasoning part (AI SDK
 * UI message stream: reasoning-start, reasoning-delta…, reasoning-end) opened
 * at the first sign of reasoning and closed when the answer begins, followed
 * by how long it took (message metadata `thinkingMs`).
 */
export function streamThinking(replyId: string, send: (chunk: ChatChunk) => void) {
  const id = `${replyId}-thinking`;
  const thinking = new Thinking();
  return {
    thinking,
    add(delta: string) {
      const ended = thinking.ended;
      if (thinking.add(delta)) send({ type: "reasoning-start", id });
      // The part is closed once the answer began; a late summary is only stored.
      if (delta && !ended) send({ type: "reasoning-delta", id, delta });
    },
    end() {
      if (!thinking.end()) return;
      send({ type: "reasoning-end", id });
      send({ type: "message-metadata", messageMetadata: { thinkingMs: thinking.durationMs } });
    },
  };
}
