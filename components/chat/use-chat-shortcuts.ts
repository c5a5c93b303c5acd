"use client";

import { useEffect, useRef } from "react";

export interface ChatShortcutHandlers {
  /** Ctrl/Cmd+Shift+O */
  newChat: () => void;
  /** Shift+Escape */
  focusMessage: () => void;
  /** Escape, only while a reply is being written. */
  stop: (() => void) | null;
  /** Ctrl/Cmd+/ */
  showHelp: () => void;
}

/** True where the primary modifier is Cmd rather than Ctrl. */
export function isApple(): boolean {
  return typeof navigator !== "undefined" && /Mac|iPhone|iPad|iPod/.test(navigator.platform || navigator.userAgent);
}

/**
 * The chat's keyboard shortcuts, the ones ChatGPT users already know. They
 * listen on the window, so they work wherever focus is, except that Escape
 * first belongs to whatever is open (a dialog, the menu, an editor), which
 * claims it by calling preventDefault or by being a dialog.
 */
export function useChatShortcuts(handlers: ChatShortcutHandlers) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const h = latest.current;
      const primary = isApple() ? event.metaKey : event.ctrlKey;
      const key = event.key.toLowerCase();
      if (primary && event.shiftKey && !event.altKey && key === "o") {
        event.preventDefault();
        h.newChat();
      } else if (primary && !event.altKey && (key === "/" || event.code === "Slash")) {
        event.preventDefault();
        h.showHelp();
      } else if (key === "escape" && !primary && !event.altKey) {
        const target = event.target instanceof Element ? event.target : null;
        if (target?.closest("dialog, [role='dialog'], [aria-modal='true']")) return;
        if (event.shiftKey) {
          event.preventDefault();
          h.focusMessage();
        } else if (h.stop) {
          event.preventDefault();
          h.stop();
        }
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
