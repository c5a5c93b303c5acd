import { DefaultChatTransport } from "ai";
import { newId } from "@/lib/chat/ids";
import { messageText, type ChatMessage } from "@/lib/chat/messages";

/** What the chat needs to know about its last request when it fails. */
export interface LastRequest {
  kind: "submit" | "regenerate" | "edit";
  /** Refused before any reply began (an HTTP error, or no connection). */
  refused: boolean;
  /** The text it carried; empty for a regeneration. */
  text: string;
  /** Names the reply on the server, for Stop. */
  turnId: string;
}

/**
 * The chat's transport to /api/chat. The server owns the history, so only
 * the new message, an edited one (sendMessage with a messageId), or a
 * request to answer the last one again travels.
 */
export function createChatTransport(): { transport: DefaultChatTransport<ChatMessage>; lastRequest: LastRequest } {
  const lastRequest: LastRequest = { kind: "submit", refused: false, text: "", turnId: "" };
  const transport = new DefaultChatTransport<ChatMessage>({
    api: "/api/chat",
    prepareSendMessagesRequest: ({ id, messages, trigger, messageId, body }) => {
      lastRequest.turnId = newId();
      const turn = { conversationId: id, turnId: lastRequest.turnId };
      if (trigger === "regenerate-message") {
        lastRequest.kind = "regenerate";
        lastRequest.text = "";
        return { body: { trigger: "regenerate", ...turn } };
      }
      const last = messages.at(-1);
      lastRequest.text = last ? messageText(last) : "";
      // useChat has already cut the history after an edited message.
      lastRequest.kind = messageId ? "edit" : "submit";
      // A new chat started from a preset names it (the server ignores it for an existing conversation).
      const preset = lastRequest.kind === "submit" && typeof body?.presetId === "string" ? { presetId: body.presetId } : {};
      return { body: { trigger: lastRequest.kind, ...turn, messageId: last?.id, text: lastRequest.text, ...preset } };
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
