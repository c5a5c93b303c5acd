"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useT } from "@/lib/i18n/client";
import { CloseIcon, MenuIcon } from "./icons";

// Keep in step with the breakpoint in globals.css.
const PHONE = "(max-width: 767.98px)";

/**
 * The signed-in page: the sidebar beside the chat, or on a phone a drawer
 * that the Menu button opens over it. While the drawer is open the chat is
 * inert, so focus stays in the drawer; Escape, a tap on the backdrop or
 * following a link closes it.
 */
export function AppShell({ sidebar, children }: { sidebar: React.ReactNode; children: React.ReactNode }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const drawer = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) toggle.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    drawer.current?.querySelector<HTMLElement>("a[href], button:not(:disabled), input, textarea, select")?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      // A dialog opened from the drawer (Settings) closes first, by itself.
      if (event.target instanceof Element && event.target.closest("dialog")) return;
      event.preventDefault();
      close(true);
    };
    // Turning a phone to landscape can pass the breakpoint: the sidebar is
    // then in place and the drawer state must not linger.
    const phone = window.matchMedia(PHONE);
    const onResize = () => {
      if (!phone.matches) close(false);
    };
    document.addEventListener("keydown", onKeyDown);
    phone.addEventListener("change", onResize);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      phone.removeEventListener("change", onResize);
    };
  }, [open, close]);

  return (
    <div className="app-shell" data-drawer={open ? "open" : "closed"}>
      <button
        ref={toggle}
        type="button"
        className="icon-button menu-button"
        aria-label={open ? t("chat.closeMenu") : t("chat.openMenu")}
        aria-expanded={open}
        aria-controls="app-drawer"
        onClick={() => (open ? close(true) : setOpen(true))}
      >
        {open ? <CloseIcon /> : <MenuIcon />}
      </button>
      <div
        id="app-drawer"
        ref={drawer}
        className="drawer"
        onClick={(event) => {
          // Following a link (a conversation, New chat) closes the drawer.
          if (open && event.target instanceof Element && event.target.closest("a[href]")) close(false);
        }}
      >
        {sidebar}
      </div>
      {open ? <div className="drawer-backdrop" aria-hidden="true" onClick={() => close(true)} /> : null}
      <main className="app-main" inert={open}>
        {children}
      </main>
    </div>
  );
}
