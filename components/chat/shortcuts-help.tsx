"use client";

import { useId } from "react";
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import { useT } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/translate";
import { CloseIcon, KeyboardIcon } from "./icons";
import { isApple } from "./use-chat-shortcuts";

const SHORTCUTS: { action: MessageKey; keys: (primary: string) => string[] }[] = [
  { action: "chat.shortcutNewChat", keys: (p) => [p, "Shift", "O"] },
  { action: "chat.shortcutFocus", keys: () => ["Shift", "Esc"] },
  { action: "chat.shortcutStop", keys: () => ["Esc"] },
  { action: "chat.shortcutSend", keys: () => ["Enter"] },
  { action: "chat.shortcutNewLine", keys: () => ["Shift", "Enter"] },
  { action: "chat.shortcutHelp", keys: (p) => [p, "/"] },
];

/** The "Keyboard shortcuts" button and the dialog it opens (also opened by Ctrl/Cmd+/). */
export function ShortcutsHelp({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useT();
  const titleId = useId();
  // Only while open: the server cannot know the platform, and the first
  // render (dialog closed) must match it.
  const primary = open && isApple() ? "⌘" : "Ctrl";
  const modal = useModalDialog(open, () => onOpenChange(false));

  return (
    <>
      <button
        type="button"
        className="icon-button"
        aria-label={t("chat.shortcuts")}
        title={t("chat.shortcuts")}
        onClick={() => onOpenChange(true)}
      >
        <KeyboardIcon />
      </button>
      <dialog
        {...modal.props}
        className="shortcuts-dialog"
        aria-labelledby={titleId}
        onClick={(event) => {
          // The dialog has no padding of its own, so a click that lands on
          // the dialog element itself is on the backdrop.
          if (event.target === event.currentTarget) onOpenChange(false);
        }}
      >
        <div className="dialog-body">
        <div className="dialog-heading">
          <h2 id={titleId}>{t("chat.shortcuts")}</h2>
          <button type="button" className="icon-button" aria-label={t("chat.close")} title={t("chat.close")} onClick={() => onOpenChange(false)}>
            <CloseIcon />
          </button>
        </div>
        <dl className="shortcut-list">
          {SHORTCUTS.map(({ action, keys }) => (
            <div key={action} className="shortcut">
              <dt>{t(action)}</dt>
              <dd>
                {keys(primary).map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </dd>
            </div>
          ))}
        </dl>
        </div>
      </dialog>
    </>
  );
}
