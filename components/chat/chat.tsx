"use client";

import { useChat } from "@ai-sdk/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { newId } from "@/lib/chat/ids";
import { MAX_MESSAGE_CHARS } from "@/lib/chat/limits";
import { titleFrom, type ChatMessage } from "@/lib/chat/messages";
import { Composer } from "./composer";
import { useConversations } from "./conversations-context";
import { MessageView, TypingIndicator } from "./message-view";
import { createChatTransport } from "./transport";
import { FormAlert } from "@/components/ui/form-alert";

/** Our routes answer errors as { error: { message } }; fall back to the raw text. */
function readableError(error: Error): string {
  try {
    const body = JSON.parse(error.message) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // Not JSON: a network failure or an unexpected answer.
  }
  if (/fetch|network/i.test(error.message)) return "Parley's server could not be reached. Check your connection and send again.";
  return error.message || "Something went wrong. Send again.";
}

export function Chat({
  conversationId,
  title,
  initialMessages,
  headerExtra,
  emptyExtra,
  presetId,
}: {
  conversationId: string;
  title: string | null;
  initialMessages: ChatMessage[];
  /** Shown in the header under the title (the conversation's settings). */
  headerExtra?: React.ReactNode;
  /** Shown in an empty chat (a new chat's preset choices). */
  emptyExtra?: React.ReactNode;
  /** The preset a new conversation starts from. */
  presetId?: string | null;
}) {
  const conversations = useConversations();
  const [input, setInput] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const started = useRef(initialMessages.length > 0);
  // The first message of a new chat, until the server has accepted it.
  const firstPending = useRef(false);
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);

  const [{ transport, lastRequest }] = useState(createChatTransport);

  const { messages, sendMessage, status, stop, regenerate, setMessages, clearError } = useChat<ChatMessage>({
    id: conversationId,
    messages: initialMessages,
    generateId: newId,
    transport,
    // Markdown is re-rendered per update; a few frames of batching keep long
    // replies smooth.
    throttle: 50,
    onFinish: () => {
      firstPending.current = false;
      conversations.touch(conversationId);
    },
    onError: (error) => {
      // A failed reply shows in the reply itself; only a refused request
      // means the message was never stored and goes back to the composer.
      if (!lastRequest.refused) {
        firstPending.current = false;
        return;
      }
      const text = lastRequest.text;
      if (text) {
        setMessages((current) => (current.at(-1)?.role === "user" ? current.slice(0, -1) : current));
        setInput((current) => current || text);
      }
      if (firstPending.current) {
        // The conversation was never created: take back its address and entry.
        firstPending.current = false;
        started.current = false;
        window.history.replaceState(null, "", "/");
        conversations.remove(conversationId);
      }
      setNotice(readableError(error));
      clearError();
    },
  });

  const busy = status === "submitted" || status === "streaming";

  const send = useCallback(() => {
    const text = input;
    if (!text.trim() || busy || text.length > MAX_MESSAGE_CHARS) return;
    setNotice(null);
    setInput("");
    following.current = true;
    if (!started.current) {
      started.current = true;
      firstPending.current = true;
      // Give the new conversation its address without remounting this view.
      window.history.replaceState(null, "", `/c/${conversationId}`);
    }
    conversations.touch(conversationId, titleFrom(text));
    void sendMessage({ text }, presetId ? { body: { presetId } } : undefined);
  }, [input, busy, conversationId, conversations, sendMessage, presetId]);

  const [stopping, setStopping] = useState(false);

  const stopReply = useCallback(async () => {
    // Replies outlive the request (leaving the page does not end them), so
    // Stop asks the server, whose stream then ends with exactly the text it
    // stored. Only if that request fails does the browser stop reading.
    setStopping(true);
    try {
      const response = await fetch("/api/chat/stop", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ turnId: lastRequest.turnId }),
      });
      if (response.ok) return;
    } catch {
      // Fall through to stopping locally.
    } finally {
      setStopping(false);
    }
    await stop();
    setMessages((current) =>
      current.map((m, i) =>
        i === current.length - 1 && m.role === "assistant" && m.metadata?.status === "streaming"
          ? { ...m, metadata: { ...m.metadata, status: "stopped" } }
          : m,
      ),
    );
  }, [lastRequest, stop, setMessages]);

  const retry = useCallback(() => {
    setNotice(null);
    clearError();
    void regenerate();
  }, [clearError, regenerate]);

  // Follow the reply while it streams, unless the person scrolled up to read.
  useEffect(() => {
    const el = scroller.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [messages]);

  const last = messages.at(-1);
  const lastIndex = messages.length - 1;
  const heading = title ?? conversations.items.find((c) => c.id === conversationId)?.title ?? "New chat";
  const lastStatus = last?.role === "assistant" ? last.metadata?.status : undefined;
  const announcement = busy
    ? "Assistant is replying."
    : lastStatus === "complete"
      ? "Reply finished."
      : lastStatus === "stopped"
        ? "Reply stopped."
        : "";

  return (
    <section className="chat" aria-labelledby="chat-title">
      <header className="chat-header">
        <h1 id="chat-title">{heading}</h1>
        {headerExtra}
      </header>
      {/* Announces start and end of a reply once, instead of every token. */}
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      <div
        className="chat-scroll"
        ref={scroller}
        onScroll={(event) => {
          const el = event.currentTarget;
          following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
        }}
      >
        <div className="chat-messages">
          {messages.length === 0 ? (
            <div className="empty-chat">
              <h2>What can I help with?</h2>
              {emptyExtra}
            </div>
          ) : null}
          {messages.map((message, index) => (
            <MessageView
              key={message.id}
              message={message}
              live={index === lastIndex && (busy || status === "error")}
              onRetry={index === lastIndex && message.role === "assistant" && !busy ? retry : undefined}
            />
          ))}
          {status === "submitted" && last?.role === "user" ? (
            <article aria-label="Assistant" className="message from-assistant" aria-busy>
              <TypingIndicator />
            </article>
          ) : null}
        </div>
      </div>
      <div className="chat-footer">
        <FormAlert message={notice} />
        <Composer value={input} onChange={setInput} onSend={send} onStop={() => void stopReply()} busy={busy} stopping={stopping} />
      </div>
    </section>
  );
}
