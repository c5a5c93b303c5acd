import { DefaultChatTransport } from "ai";
import { newId } from "@/lib/chat/ids";
import { messageText, type ChatMessage } from "@/lib/chat/messages";

/** What the chat needs to know about its last request when it fails. */
export interface LastRequest {
  /** Refused before any reply began (an HTTP error, or no connection). */
  refused: boolean;
  /** The text it carried; empty for a regeneration. */
  text: string;
  /** Names the reply on the server, for Stop. */
  turnId: string;
}

/**
 * The chat's transport to /api/chat. The server owns the history, so only
 * the new message (or a request to answer the last one again) travels.
 */
export function createChatTransport(): { transport: DefaultChatTransport<ChatMessage>; lastRequest: LastRequest } {
  const lastRequest: LastRequest = { refused: false, text: "", turnId: "" };
  const transport = new DefaultChatTransport<ChatMessage>({
    api: "/api/chat",
    prepareSendMessagesRequest: ({ id, messages, trigger, body }) => {
      lastRequest.turnId = newId();
      const turn = { conversationId: id, turnId: lastRequest.turnId };
      if (trigger === "regenerate-message") {
        lastRequest.text = "";
        return { body: { trigger: "regenerate", ...turn } };
      }
      const last = messages.at(-1);
      lastRequest.text = last ? messageText(last) : "";
      // A new chat started from a preset names it (the server ignores it for an existing conversation).
      const preset = typeof body?.presetId === "string" ? { presetId: body.presetId } : {};
      return { body: { trigger: "submit", ...turn, messageId: last?.id, text: lastRequest.text, ...preset } };
    },
    fetch: async (input, init) => {
      lastRequest.refused = false;
      try {
        const response = await fetch(input, init);
        lastRequest.refused = !response.ok;
        return response;
      } catch (error) {
        lastRequest.refused = !init?.signal?.aborted;
        throw error;
      }
    },
  });
  return { transport, lastRequest };
}
