"use client";

import { useEffect, useRef, useState } from "react";
import { useT } from "@/lib/i18n/client";

type State = "idle" | "copied" | "failed";

/**
 * Copies text to the clipboard and says so for a moment. The accessible name
 * stays the same while the visible label changes, so the button can still be
 * found; the outcome is announced through a live region beside it.
 */
export function CopyButton({ text, label, className }: { text: () => string; label: string; className?: string }) {
  const t = useT();
  const [state, setState] = useState<State>("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async () => {
    let next: State = "copied";
    try {
      await navigator.clipboard.writeText(text());
    } catch {
      // Insecure origins (plain http on a LAN address) have no clipboard API.
      next = "failed";
    }
    setState(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 2000);
  };

  const visible = state === "copied" ? t("chat.copied") : state === "failed" ? t("chat.copyFailed") : t("chat.copy");
  return (
    <>
      <button type="button" className={className ?? "button small ghost"} aria-label={label} onClick={() => void copy()}>
        <span aria-hidden="true">{visible}</span>
      </button>
      <span role="status" className="visually-hidden">
        {state === "idle" ? "" : visible}
      </span>
    </>
  );
}
