"use client";

import { useEffect, useRef, type RefObject } from "react";
import { ACCEPT } from "@/lib/attachments/kinds";
import { MAX_MESSAGE_CHARS } from "@/lib/chat/limits";
import { useT } from "@/lib/i18n/client";
import { AttachmentChips } from "./attachments/attachment-chips";
import type { PendingAttachment } from "./attachments/use-attachments";

export function Composer({
  value,
  onChange,
  onSend,
  onStop,
  busy,
  stopping,
  inputRef: ref,
  files,
}: {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  busy: boolean;
  stopping: boolean;
  /** The message box, for the chat's focus shortcut. */
  inputRef: RefObject<HTMLTextAreaElement | null>;
  /** Files to send with the message. */
  files: { items: PendingAttachment[]; add: (files: File[]) => void; remove: (key: string) => void; busy: boolean };
}) {
  const t = useT();
  const picker = useRef<HTMLInputElement>(null);
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
      <AttachmentChips items={files.items} onRemove={files.remove} />
      <input
        ref={picker}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        tabIndex={-1}
        onChange={(event) => {
          files.add(Array.from(event.target.files ?? []));
          // The same file can be chosen again after being removed.
          event.target.value = "";
        }}
      />
      <button type="button" className="icon-button attach-button" aria-label={t("chat.attachFiles")} title={t("chat.attachFiles")} onClick={() => picker.current?.click()}>
        <PaperclipIcon />
      </button>
      <textarea
        ref={ref}
        aria-label={t("chat.message")}
        placeholder={t("chat.placeholder")}
        rows={1}
        value={value}
        aria-invalid={tooLong || undefined}
        aria-describedby={tooLong ? "message-too-long" : undefined}
        onChange={(event) => onChange(event.target.value)}
        onPaste={(event) => {
          // A pasted screenshot arrives as a file; pasted text stays text.
          const pasted = Array.from(event.clipboardData.files);
          if (pasted.length === 0) return;
          event.preventDefault();
          files.add(pasted);
        }}
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
        <button type="submit" className="button primary" disabled={!value.trim() || tooLong || files.busy}>
          {t("chat.send")}
        </button>
      )}
    </form>
  );
}

function PaperclipIcon() {
  return (
    <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M21.44 11.05 12.25 20.24a6 6 0 0 1-8.49-8.49l9.2-9.19a4 4 0 0 1 5.65 5.66l-9.2 9.19a2 2 0 0 1-2.82-2.83l8.48-8.48" />
    </svg>
  );
}
