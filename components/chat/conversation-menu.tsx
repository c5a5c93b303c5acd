"use client";

import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { useT } from "@/lib/i18n/client";

/**
 * The per-conversation "Conversation actions" menu: a button opening a small
 * menu (ARIA menu pattern: arrow keys, Home/End, Escape returns to the
 * button). Positioned against the window so the scrolling list never clips it.
 */
export function ConversationMenu({
  conversationId,
  describedBy,
  onRename,
  onDelete,
}: {
  conversationId: string;
  /** Id of the element naming the conversation (its link). */
  describedBy: string;
  onRename: () => void;
  onDelete: () => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const close = useCallback((focusButton: boolean) => {
    setOpen(false);
    setPosition(null);
    if (focusButton) button.current?.focus();
  }, []);

  // Place the menu under the button (above it when there is no room), then focus its first item.
  useLayoutEffect(() => {
    if (!open || !button.current || !menu.current) return;
    const anchor = button.current.getBoundingClientRect();
    const box = menu.current.getBoundingClientRect();
    const below = anchor.bottom + 4;
    const top = below + box.height > window.innerHeight - 8 ? Math.max(8, anchor.top - box.height - 4) : below;
    const left = Math.min(Math.max(8, anchor.right - box.width), window.innerWidth - box.width - 8);
    setPosition({ top, left });
    menu.current.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  // A click elsewhere, scrolling or resizing closes it.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) close(false);
    };
    const onMove = (event: Event) => {
      if (event.type === "scroll" && menu.current?.contains(event.target as Node)) return;
      close(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    window.addEventListener("scroll", onMove, true);
    window.addEventListener("resize", onMove);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      window.removeEventListener("scroll", onMove, true);
      window.removeEventListener("resize", onMove);
    };
  }, [open, close]);

  const onMenuKeyDown = (event: React.KeyboardEvent) => {
    const items = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const index = items.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => items[(i + items.length) % items.length]?.focus();
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        focus(index + 1);
        break;
      case "ArrowUp":
        event.preventDefault();
        focus(index - 1);
        break;
      case "Home":
        event.preventDefault();
        focus(0);
        break;
      case "End":
        event.preventDefault();
        focus(items.length - 1);
        break;
      case "Escape":
        event.preventDefault();
        event.stopPropagation();
        close(true);
        break;
      case "Tab":
        close(false);
        break;
    }
  };

  const choose = (action: () => void) => () => {
    close(false);
    action();
  };

  const exportHref = (format: "md" | "json", reasoning = false) =>
    `/api/conversations/${encodeURIComponent(conversationId)}/export?format=${format}${reasoning ? "&reasoning=1" : ""}`;

  return (
    <>
      <button
        ref={button}
        type="button"
        className="conversation-actions"
        aria-label={t("sidebar.actions.menu")}
        aria-describedby={describedBy}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : setOpen(true))}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16">
          <circle cx="3" cy="8" r="1.5" fill="currentColor" />
          <circle cx="8" cy="8" r="1.5" fill="currentColor" />
          <circle cx="13" cy="8" r="1.5" fill="currentColor" />
        </svg>
      </button>
      {open ? (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={t("sidebar.actions.menu")}
          className="conversation-menu"
          style={position ? { top: position.top, left: position.left } : { visibility: "hidden", top: 0, left: 0 }}
          onKeyDown={onMenuKeyDown}
        >
          <button type="button" role="menuitem" tabIndex={-1} onClick={choose(onRename)}>
            {t("sidebar.actions.rename")}
          </button>
          <a role="menuitem" tabIndex={-1} href={exportHref("md")} download onClick={() => close(false)}>
            {t("sidebar.actions.exportMarkdown")}
          </a>
          <a role="menuitem" tabIndex={-1} href={exportHref("json")} download onClick={() => close(false)}>
            {t("sidebar.actions.exportJson")}
          </a>
          {/* Files leave the models' reasoning out unless it is asked for. */}
          <a role="menuitem" tabIndex={-1} href={exportHref("md", true)} download onClick={() => close(false)}>
            {t("sidebar.actions.exportWithThinking")}
          </a>
          <button type="button" role="menuitem" tabIndex={-1} className="danger" onClick={choose(onDelete)}>
            {t("sidebar.actions.delete")}
          </button>
        </div>
      ) : null}
    </>
  );
}
