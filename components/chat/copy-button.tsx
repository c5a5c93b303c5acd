"use client";

import { useEffect, useRef, useState } from "react";
import { useT } from "@/lib/i18n/client";
import { CheckIcon, CopyIcon } from "./icons";

type State = "idle" | "copied" | "failed";

/**
 * Copies text to the clipboard and shows the outcome for a moment. The
 * accessible name stays the same, so the button can still be found; the
 * outcome is also announced through a live region beside it.
 */
export function CopyButton({
  text,
  label,
  className,
  showLabel = false,
}: {
  text: () => string;
  label: string;
  className?: string;
  /** Show "Copy" beside the icon, where there is room for it. */
  showLabel?: boolean;
}) {
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

  const outcome = state === "copied" ? t("chat.copied") : state === "failed" ? t("chat.copyFailed") : "";
  return (
    <>
      <button type="button" className={className} aria-label={label} title={label} onClick={() => void copy()}>
        {state === "copied" ? <CheckIcon /> : <CopyIcon />}
        {outcome ? <span aria-hidden="true">{outcome}</span> : showLabel ? <span aria-hidden="true">{t("chat.copy")}</span> : null}
      </button>
      <span role="status" className="visually-hidden">
        {outcome}
      </span>
    </>
  );
}
