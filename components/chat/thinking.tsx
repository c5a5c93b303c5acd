"use client";

import { useEffect, useId, useState } from "react";
import { useT } from "@/lib/i18n/client";

/**
 * A reply's "Thinking": a disclosure (a button with aria-expanded, named
 * "Thinking") over the reasoning the model shared. Open while the model
 * thinks, so the reasoning can be read as it streams; closed once the answer
 * begins, unless the person opened or closed it themselves. Its description
 * says how long the model has been thinking, or how long it thought.
 */
export function ThinkingDisclosure({
  text,
  live,
  answered,
  durationMs,
}: {
  text: string;
  /** The model is still thinking (this session's streaming reply, no answer yet). */
  live: boolean;
  /** The answer has begun. */
  answered: boolean;
  /** How long it thought, once known. */
  durationMs: number | null | undefined;
}) {
  const t = useT();
  const id = useId();
  const [chosen, setChosen] = useState<boolean | null>(null);
  const expanded = chosen ?? (live && !answered);
  const elapsed = useElapsedSeconds(live && !answered);

  const description =
    live && !answered
      ? t("chat.thinkingFor", { seconds: elapsed })
      : durationMs == null
        ? null
        : durationMs < 1_000
          ? t("chat.thoughtBriefly")
          : t("chat.thoughtFor", { seconds: Math.round(durationMs / 1_000) });

  return (
    <div className="thinking">
      <button
        type="button"
        className="thinking-toggle"
        aria-expanded={expanded}
        aria-controls={`${id}-text`}
        aria-describedby={description ? `${id}-time` : undefined}
        onClick={() => setChosen(!expanded)}
      >
        <span aria-hidden="true" className="thinking-chevron">
          {expanded ? "▾" : "▸"}
        </span>
        {t("chat.thinking")}
      </button>
      {description ? (
        <span id={`${id}-time`} className="thinking-time">
          {description}
        </span>
      ) : null}
      <div id={`${id}-text`} className="thinking-text" hidden={!expanded}>
        {text.trim() ? <p>{text.trim()}</p> : live && !answered ? null : <p className="thinking-unshared">{t("chat.thoughtUnshared")}</p>}
      </div>
    </div>
  );
}

/** Whole seconds since `running` became true, ticking once a second while it stays true. */
function useElapsedSeconds(running: boolean): number {
  const [started] = useState(() => Date.now());
  const [now, setNow] = useState(started);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [running]);
  return Math.max(0, Math.floor((now - started) / 1_000));
}
