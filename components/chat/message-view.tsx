"use client";

import { messageText, type ChatMessage } from "@/lib/chat/messages";
import { Markdown } from "./markdown/markdown";

export function MessageView({
  message,
  live,
  onRetry,
}: {
  message: ChatMessage;
  /** The reply currently streaming or just failed in this session. */
  live: boolean;
  onRetry?: () => void;
}) {
  const text = messageText(message);
  const meta = message.metadata ?? {};
  const isUser = message.role === "user";
  const streaming = live && meta.status === "streaming";
  return (
    <article aria-label={isUser ? "You" : "Assistant"} className={`message ${isUser ? "from-user" : "from-assistant"}`} aria-busy={streaming || undefined}>
      <div className="message-body">
        {isUser ? (
          <p className="user-text">{text}</p>
        ) : text ? (
          <Markdown text={text} />
        ) : streaming ? (
          <TypingIndicator />
        ) : null}
      </div>
      {!isUser && meta.omitted ? (
        <p className="message-note">Earlier messages were left out to fit the model&apos;s context window.</p>
      ) : null}
      {!isUser && meta.status === "stopped" ? <p className="message-note status-stopped">Stopped</p> : null}
      {!isUser && meta.status === "error" ? (
        <div className="message-error" role={live ? "alert" : undefined}>
          <p>{meta.errorMessage ?? "This reply failed."}</p>
          {onRetry ? (
            <button type="button" className="button small" onClick={onRetry}>
              Retry
            </button>
          ) : null}
        </div>
      ) : null}
      {!isUser && meta.status === "complete" && meta.usage ? (
        <p className="message-meta">
          {meta.model} · {meta.usage.promptTokens + meta.usage.completionTokens} tokens
        </p>
      ) : null}
    </article>
  );
}

export function TypingIndicator() {
  return (
    <p className="typing">
      <span className="visually-hidden">Assistant is typing</span>
      <span aria-hidden="true" className="dot" />
      <span aria-hidden="true" className="dot" />
      <span aria-hidden="true" className="dot" />
    </p>
  );
}
