"use client";

import { useEffect, useRef } from "react";
import { MAX_MESSAGE_CHARS } from "@/lib/chat/limits";

export function Composer({
  value,
  onChange,
  onSend,
  onStop,
  busy,
  stopping,
}: {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  busy: boolean;
  stopping: boolean;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const tooLong = value.length > MAX_MESSAGE_CHARS;

  // Grow with the text up to a limit, like the peers' composers.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 240)}px`;
  }, [value]);

  useEffect(() => {
    if (!busy) ref.current?.focus();
  }, [busy]);

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
        aria-label="Message"
        placeholder="Message Parley"
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
          The message is {(value.length - MAX_MESSAGE_CHARS).toLocaleString("en")} characters over the{" "}
          {MAX_MESSAGE_CHARS.toLocaleString("en")}-character limit.
        </p>
      ) : null}
      {busy ? (
        <button type="button" className="button" onClick={onStop} disabled={stopping}>
          Stop
        </button>
      ) : (
        <button type="submit" className="button primary" disabled={!value.trim() || tooLong}>
          Send
        </button>
      )}
    </form>
  );
}
