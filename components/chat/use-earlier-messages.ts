"use client";

import { useEffect, useEffectEvent, useLayoutEffect, useRef, useState } from "react";
import type { ChatMessage } from "@/lib/chat/messages";
import { sendJson } from "@/lib/http/send-json";

/**
 * A long conversation opens at its newest page; earlier pages load as the
 * reader nears the top (or asks with the button), keeping the message they
 * were reading where it was on the screen.
 */
export function useEarlierMessages({
  conversationId,
  cursor: initialCursor,
  setMessages,
}: {
  conversationId: string;
  cursor: string | null;
  setMessages: (update: (current: ChatMessage[]) => ChatMessage[]) => void;
}) {
  const [cursor, setCursor] = useState(initialCursor);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  // Sits above the first message shown, inside the scrolling view.
  const sentinel = useRef<HTMLDivElement>(null);
  // Distance from the content's end before earlier messages went in above.
  const anchor = useRef<number | null>(null);

  const scrollingView = () => sentinel.current?.closest<HTMLElement>(".chat-scroll") ?? null;

  const loadEarlier = async () => {
    if (!cursor || loading) return;
    setLoading(true);
    setFailed(null);
    try {
      const page = await sendJson<{ messages: ChatMessage[]; earlier: string | null }>(
        `/api/conversations/${conversationId}/messages?before=${encodeURIComponent(cursor)}`,
      );
      const view = scrollingView();
      anchor.current = view ? view.scrollHeight - view.scrollTop : null;
      setMessages((current) => {
        const known = new Set(current.map((m) => m.id));
        return [...page.messages.filter((m) => !known.has(m.id)), ...current];
      });
      setCursor(page.earlier);
    } catch (error) {
      setFailed(error);
    } finally {
      setLoading(false);
    }
  };

  // Before paint: the messages that went in above push nothing out of view.
  useLayoutEffect(() => {
    const view = scrollingView();
    if (anchor.current === null || !view) return;
    view.scrollTop = view.scrollHeight - anchor.current;
    anchor.current = null;
  });

  const onNearTop = useEffectEvent(() => {
    if (!failed) void loadEarlier();
  });

  // Observed afresh for each cursor, so a view still near the top after a
  // page went in (a tall screen) asks for the next one.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !cursor) return;
    const observer = new IntersectionObserver(([entry]) => entry.isIntersecting && onNearTop(), {
      root: scrollingView(),
      rootMargin: "600px 0px 0px 0px",
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [cursor]);

  return { hasEarlier: cursor !== null, loading, failed, loadEarlier, sentinel };
}
