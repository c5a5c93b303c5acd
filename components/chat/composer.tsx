"use client";

import { useEffect, type RefObject } from "react";
import { MAX_MESSAGE_CHARS } from "@/lib/chat/limits";
import { useT } from "@/lib/i18n/client";

export function Composer({
  value,
  onChange,
  onSend,
  onStop,
  busy,
  stopping,
  inputRef: ref,
}: {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  busy: boolean;
  stopping: boolean;
  /** The message box, for the chat's focus shortcut. */
  inputRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const t = useT();
  const tooLong = value.length > MAX_MESSAGE_CHARS;

  // Grow with the text up to a limit, like the peers' composers.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 240)}px`;
  }, [value, ref]);

  useEffect(() => {
    if (!busy) ref.current?.focus();
  }, [busy, ref]);

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        onSend();
      }}
    >
      <textarea
        ref={ref}
        aria-label={t("chat.message")}
        placeholder={t("chat.placeholder")}
        rows={1}
        value={value}
        aria-invalid={tooLong || undefined}
        aria-describedby={tooLong ? "message-too-long" : undefined}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          // Enter sends; Shift+Enter is a new line; Enter that confirms an
          // input-method composition (Chinese, Japanese) must not send.
          if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing || event.keyCode === 229) return;
          event.preventDefault();
          if (!busy) onSend();
        }}
      />
      {tooLong ? (
        <p id="message-too-long" className="form-error" role="alert">
          {t("chat.tooLong", { over: value.length - MAX_MESSAGE_CHARS, limit: MAX_MESSAGE_CHARS })}
        </p>
      ) : null}
      {busy ? (
        <button type="button" className="button" onClick={onStop} disabled={stopping}>
          {t("chat.stop")}
        </button>
      ) : (
        <button type="submit" className="button primary" disabled={!value.trim() || tooLong}>
          {t("chat.send")}
        </button>
      )}
    </form>
  );
}
