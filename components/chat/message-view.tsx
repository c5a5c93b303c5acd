"use client";

import { memo } from "react";
import { messageReasoning, messageText, type ChatMessage } from "@/lib/chat/messages";
import { useT } from "@/lib/i18n/client";
import { isErrorCode } from "@/lib/errors/wire";
import { CopyButton } from "./copy-button";
import { EditIcon, RegenerateIcon } from "./icons";
import { MessageAttachments } from "./attachments/message-attachments";
import { Markdown } from "./markdown/markdown";
import { MessageEditor } from "./message-editor";
import { ThinkingDisclosure } from "./thinking";

export interface MessageActions {
  /** Answer the last message again (the last reply only). */
  onRegenerate?: () => void;
  /** Open a message of the person's in the editor; stable, so unchanged messages skip rendering. */
  onEdit?: (messageId: string) => void;
}

export const MessageView = memo(function MessageView({
  message,
  live,
  onRetry,
  onRegenerate,
  onEdit,
  editing,
}: {
  message: ChatMessage;
  /** The reply currently streaming or just failed in this session. */
  live: boolean;
  onRetry?: () => void;
  /** Present while this message is being edited. */
  editing?: { initial: string; later: number; onSend: (text: string) => void; onCancel: () => void };
} & MessageActions) {
  const t = useT();
  const text = messageText(message);
  const reasoning = messageReasoning(message);
  const meta = message.metadata ?? {};
  const isUser = message.role === "user";
  const streaming = live && meta.status === "streaming";

  if (editing) {
    return (
      <article aria-label={t("chat.you")} className="message from-user editing">
        <MessageEditor initial={editing.initial} later={editing.later} onSend={editing.onSend} onCancel={editing.onCancel} />
      </article>
    );
  }

  return (
    <article
      aria-label={isUser ? t("chat.you") : t("chat.assistant")}
      className={`message ${isUser ? "from-user" : "from-assistant"}`}
      aria-busy={streaming || undefined}
    >
      <div className="message-body">
        {!isUser && reasoning !== null ? (
          <ThinkingDisclosure text={reasoning} live={streaming} answered={text !== ""} durationMs={meta.thinkingMs} />
        ) : null}
        {isUser ? <MessageAttachments files={message.parts.filter((part) => part.type === "file")} /> : null}
        {isUser ? <p className="user-text">{text}</p> : text ? <Markdown text={text} /> : null}
        {streaming ? <TypingIndicator /> : null}
      </div>
      {!isUser && meta.omitted ? (
        <p className="message-note">
          {meta.omitted === 1 ? t("usage.omittedOne") : t("usage.omittedCount", { count: meta.omitted })}
        </p>
      ) : null}
      {!isUser && meta.cut
        ? meta.cut.map((cut) => (
            <p key={cut.name} className="message-note">
              {t("chat.documentCut", { name: cut.name, percent: cut.percent })}
            </p>
          ))
        : null}
      {!isUser && meta.status === "stopped" ? <p className="message-note status-stopped">{t("chat.stopped")}</p> : null}
      {!isUser && meta.status === "interrupted" ? <p className="message-note status-interrupted">{t("chat.interrupted")}</p> : null}
      {!isUser && meta.status === "error" ? (
        <div className="message-error" role={live ? "alert" : undefined}>
          <p>
            {isErrorCode(meta.errorCode)
              ? t(`errors.${meta.errorCode}`, meta.errorVars ?? undefined)
              : (meta.errorMessage ?? t("errors.failed"))}
            {meta.requestId ? <small className="request-id">{t("chat.requestId", { id: meta.requestId })}</small> : null}
          </p>
          {onRetry ? (
            <button type="button" className="button small" onClick={onRetry}>
              {t("chat.retry")}
            </button>
          ) : null}
        </div>
      ) : null}
      {streaming ? null : (
        <div className="message-actions" role="group" aria-label={t("chat.messageActions")}>
          {text ? <CopyButton text={() => text} label={t("chat.copy")} className="icon-button" /> : null}
          {onEdit ? (
            <button type="button" className="icon-button" aria-label={t("chat.edit")} title={t("chat.edit")} onClick={() => onEdit(message.id)}>
              <EditIcon />
            </button>
          ) : null}
          {onRegenerate ? (
            <button
              type="button"
              className="icon-button"
              aria-label={t("chat.regenerate")}
              title={t("chat.regenerate")}
              onClick={onRegenerate}
            >
              <RegenerateIcon />
            </button>
          ) : null}
          {!isUser && meta.status === "complete" && meta.usage ? (
            <span className="message-meta">
              {meta.usage.reasoningTokens
                ? t("usage.replyTokensThinking", {
                    model: meta.model ?? "",
                    tokens: meta.usage.promptTokens + meta.usage.completionTokens,
                    reasoning: meta.usage.reasoningTokens,
                  })
                : t("usage.replyTokens", { model: meta.model ?? "", tokens: meta.usage.promptTokens + meta.usage.completionTokens })}
            </span>
          ) : null}
        </div>
      )}
    </article>
  );
});

export function TypingIndicator() {
  const t = useT();
  return (
    <p className="typing">
      <span className="visually-hidden">{t("chat.typing")}</span>
      <span aria-hidden="true" className="dot" />
      <span aria-hidden="true" className="dot" />
      <span aria-hidden="true" className="dot" />
    </p>
  );
}
