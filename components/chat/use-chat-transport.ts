"use client";

import { DefaultChatTransport } from "ai";
import { useState } from "react";
import { attachmentIdFromPath } from "@/lib/attachments/kinds";
import { newId } from "@/lib/chat/ids";
import type { ChatRequest } from "@/lib/chat/request";
import { messageText, type ChatMessage } from "@/lib/chat/messages";
import { sendJson } from "@/lib/http/send-json";

/** What the chat needs to know about its last request when it fails. */
export interface LastRequest {
  trigger: ChatRequest["trigger"];
  /** Refused before any reply began (an HTTP error, or no connection). */
  refused: boolean;
  /** The text it carried; empty for a regeneration. */
  text: string;
  /** Names the reply on the server, for Stop. */
  turnId: string;
}

/**
 * The chat's transport to /api/chat, made once per chat view. The server owns
 * the history, so only the new message, an edited one (sendMessage with a
 * messageId), or a request to answer the last one again travels.
 *
 * A reply being written when the view opens (a reload, another device) is
 * followed from /api/conversations/[id]/stream, which replays it from the
 * start and then as it grows; `followReplyId` names it.
 */
export function useChatTransport(followReplyId: string | null) {
  const [chat] = useState(() => createChatTransport(followReplyId));
  return chat;
}

function createChatTransport(followReplyId: string | null) {
  const last: LastRequest = { trigger: "submit", refused: false, text: "", turnId: "" };
  let following = followReplyId;
  const transport = new DefaultChatTransport<ChatMessage>({
    api: "/api/chat",
    // Following replays the reply from its start, replacing what was shown.
    resumeStreamIsReplay: true,
    prepareReconnectToStreamRequest: ({ id }) => ({
      api: `/api/conversations/${encodeURIComponent(id)}/stream${following ? `?reply=${encodeURIComponent(following)}` : ""}`,
    }),
    prepareSendMessagesRequest: ({ id, messages, trigger, messageId, body }) => {
      // From now on a reconnection follows whatever reply is being written.
      following = null;
      last.turnId = newId();
      const turn = { conversationId: id, turnId: last.turnId };
      if (trigger === "regenerate-message") {
        last.trigger = "regenerate";
        last.text = "";
        return { body: { trigger: "regenerate", ...turn } };
      }
      const message = messages.at(-1);
      last.text = message ? messageText(message) : "";
      // useChat has already cut the history after an edited message.
      last.trigger = messageId ? "edit" : "submit";
      // A new chat started from a preset names it (the server ignores it for an existing conversation).
      const preset = last.trigger === "submit" && typeof body?.presetId === "string" ? { presetId: body.presetId } : {};
      // Files travel as the ids of their uploads; an edited message keeps its own on the server.
      const attachmentIds =
        last.trigger === "submit"
          ? (message?.parts ?? []).flatMap((part) => {
              const id = part.type === "file" ? attachmentIdFromPath(part.url) : null;
              return id ? [id] : [];
            })
          : [];
      const files = attachmentIds.length ? { attachmentIds } : {};
      return { body: { trigger: last.trigger, ...turn, messageId: message?.id, text: last.text, ...preset, ...files } };
    },
    fetch: async (input, init) => {
      last.refused = false;
      try {
        const response = await fetch(input, init);
        last.refused = !response.ok;
        return response;
      } catch (error) {
        last.refused = !init?.signal?.aborted;
        throw error;
      }
    },
  });

  return {
    transport,
    /** The request useChat sent last, as it stands now (read it in callbacks, not while rendering). */
    lastRequest: (): Readonly<LastRequest> => ({ ...last }),
    /**
     * Asks the server to stop a reply — the turn named (a followed reply's),
     * else the last request's; its stream then ends with exactly the text it
     * stored. False when the server could not be asked.
     */
    stopOnServer: async (turnId?: string | null): Promise<boolean> => {
      try {
        await sendJson("/api/chat/stop", { json: { turnId: turnId || last.turnId } });
        return true;
      } catch {
        return false;
      }
    },
  };
}
