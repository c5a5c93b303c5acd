"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";

// Within this distance of the end, the view counts as being at the end.
const AT_END_PX = 24;

/**
 * Keeps a scrolling view at its end while content grows (a streaming reply),
 * until the person scrolls up to read; then it stays put and `away` turns
 * true, for a "Jump to latest" button. Reaching the end again resumes.
 */
export function useFollowScroll<T>(content: T) {
  const ref = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const [away, setAway] = useState(false);

  const toEnd = useCallback((behavior: ScrollBehavior = "instant") => {
    const el = ref.current;
    if (!el) return;
    following.current = true;
    setAway(false);
    el.scrollTo({ top: el.scrollHeight, behavior });
  }, []);

  // Before paint, so following never shows a frame scrolled short of the end.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [content]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // An upward wheel or a touch drag is the person taking over, even a
    // small one that leaves the view near the end.
    const takeOver = (event: Event) => {
      if (event instanceof WheelEvent && event.deltaY >= 0) return;
      following.current = false;
    };
    const onScroll = () => {
      const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight <= AT_END_PX;
      if (atEnd) following.current = true;
      else if (following.current && el.scrollHeight - el.scrollTop - el.clientHeight > AT_END_PX * 4) following.current = false;
      setAway(!atEnd && !following.current);
    };
    el.addEventListener("wheel", takeOver, { passive: true });
    el.addEventListener("touchmove", takeOver, { passive: true });
    el.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      el.removeEventListener("wheel", takeOver);
      el.removeEventListener("touchmove", takeOver);
      el.removeEventListener("scroll", onScroll);
    };
  }, []);

  return { ref, away, toEnd };
}
