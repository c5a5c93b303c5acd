"use client";

import { messageText, type ChatMessage } from "@/lib/chat/messages";
import { useT } from "@/lib/i18n/client";
import { isErrorCode } from "@/lib/llm/error-messages";
import { Markdown } from "./markdown";

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
  const t = useT();
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
        <p className="message-note">
          {meta.omitted === 1 ? t("usage.omittedOne") : t("usage.omittedCount", { count: meta.omitted })}
        </p>
      ) : null}
      {!isUser && meta.status === "stopped" ? <p className="message-note status-stopped">Stopped</p> : null}
      {!isUser && meta.status === "error" ? (
        <div className="message-error" role={live ? "alert" : undefined}>
          <p>
            {isErrorCode(meta.errorCode)
              ? t(`errors.${meta.errorCode}`, meta.errorVars ?? undefined)
              : (meta.errorMessage ?? t("errors.failed"))}
          </p>
          {onRetry ? (
            <button type="button" className="button small" onClick={onRetry}>
              Retry
            </button>
          ) : null}
        </div>
      ) : null}
      {!isUser && meta.status === "complete" && meta.usage ? (
        <p className="message-meta">
          {t("usage.replyTokens", { model: meta.model ?? "", tokens: meta.usage.promptTokens + meta.usage.completionTokens })}
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
