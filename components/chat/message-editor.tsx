"use client";

import { useEffect, useId, useRef, useState } from "react";
import { MAX_MESSAGE_CHARS } from "@/lib/chat/limits";
import { useT } from "@/lib/i18n/client";

/**
 * Edits one of the person's messages in place. Sending it replaces every
 * later message, so the editor says how many before anything is sent.
 */
export function MessageEditor({
  initial,
  later,
  onSend,
  onCancel,
}: {
  initial: string;
  /** Messages after this one that sending will replace. */
  later: number;
  onSend: (text: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [text, setText] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  const noteId = useId();
  const tooLong = text.length > MAX_MESSAGE_CHARS;
  const canSend = text.trim() !== "" && !tooLong;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 320)}px`;
  }, [text]);

  const note =
    later === 0 ? t("chat.editNothingReplaced") : later === 1 ? t("chat.editReplacesOne") : t("chat.editReplacesMany", { count: later });

  return (
    <form
      className="message-editor"
      onSubmit={(event) => {
        event.preventDefault();
        if (canSend) onSend(text);
      }}
    >
      <textarea
        ref={ref}
        aria-label={t("chat.editMessage")}
        aria-describedby={noteId}
        aria-invalid={tooLong || undefined}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            // Handled here, so Escape does not also stop a reply or close a drawer.
            event.preventDefault();
            onCancel();
            return;
          }
          if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing || event.keyCode === 229) return;
          event.preventDefault();
          if (canSend) onSend(text);
        }}
      />
      <p id={noteId} className="message-editor-note">
        {tooLong
          ? t("chat.tooLong", { over: text.length - MAX_MESSAGE_CHARS, limit: MAX_MESSAGE_CHARS })
          : note}
      </p>
      <div className="message-editor-actions">
        <button type="button" className="button small" onClick={onCancel}>
          {t("chat.editCancel")}
        </button>
        <button type="submit" className="button small primary" disabled={!canSend}>
          {t("chat.editSend")}
        </button>
      </div>
    </form>
  );
}
