"use client";

import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import type { ListedPerson } from "@/lib/admin/listed";
import { useT } from "@/lib/i18n/client";
import styles from "./admin.module.css";

export type UserAction = "reset" | "disable" | "enable" | "makeAdmin" | "makeMember" | "remove";

/**
 * A row's "User actions" menu (ARIA menu pattern: arrow keys, Home/End,
 * Escape back to the button), placed against the window so the table's
 * scrolling never clips it.
 */
export function UserActions({ person, describedBy, onAction }: { person: ListedPerson; describedBy: string; onAction: (action: UserAction) => void }) {
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

  useLayoutEffect(() => {
    if (!open || !button.current || !menu.current) return;
    const anchor = button.current.getBoundingClientRect();
    const box = menu.current.getBoundingClientRect();
    const below = anchor.bottom + 4;
    const top = below + box.height > window.innerHeight - 8 ? Math.max(8, anchor.top - box.height - 4) : below;
    const left = Math.min(Math.max(8, anchor.right - box.width), window.innerWidth - box.width - 8);
    setPosition({ top, left });
    // Without scrolling: the table scrolls sideways on narrow screens, and a scroll closes the menu.
    menu.current.querySelector<HTMLElement>('[role="menuitem"]')?.focus({ preventScroll: true });
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) close(false);
    };
    // The page or the table moving leaves the menu behind; its own scrolling does not.
    const onMove = (event: Event) => {
      if (event.target instanceof Node && menu.current?.contains(event.target)) return;
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
    const focus = (i: number) => items[(i + items.length) % items.length]?.focus({ preventScroll: true });
    const moves: Record<string, () => void> = {
      ArrowDown: () => focus(index + 1),
      ArrowUp: () => focus(index - 1),
      Home: () => focus(0),
      End: () => focus(items.length - 1),
      Escape: () => close(true),
    };
    if (event.key === "Tab") close(false);
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    event.stopPropagation();
    move();
  };

  const items: Array<{ action: UserAction; label: string; danger?: boolean }> = [
    { action: "reset", label: t("admin.users.resetPassword") },
    person.status === "active"
      ? { action: "disable", label: t("admin.users.disable") }
      : { action: "enable", label: t("admin.users.enable") },
    person.role === "admin"
      ? { action: "makeMember", label: t("admin.users.makeMember") }
      : { action: "makeAdmin", label: t("admin.users.makeAdmin") },
    { action: "remove", label: t("admin.users.remove"), danger: true },
  ];

  return (
    <>
      <button
        ref={button}
        type="button"
        className="button ghost small"
        aria-label={t("admin.users.actions")}
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
      {/* In the body, so no scrolling container around the table moves or clips it. */}
      {open
        ? createPortal(
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={t("admin.users.actions")}
          className={styles.menu}
          style={position ? { top: position.top, left: position.left } : { visibility: "hidden", top: 0, left: 0 }}
          onKeyDown={onMenuKeyDown}
        >
          {items.map((item) => (
            <button
              key={item.action}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={item.danger ? styles.danger : undefined}
              onClick={() => {
                close(false);
                onAction(item.action);
              }}
            >
              {item.label}
            </button>
          ))}
        </div>,
            document.body,
          )
        : null}
    </>
  );
}
