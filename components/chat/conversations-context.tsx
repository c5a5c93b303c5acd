"use client";

import { createContext, useCallback, useContext, useMemo, useRef, useState } from "react";

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: string;
}

interface ConversationsState {
  items: ConversationSummary[];
  nextCursor: string | null;
  /** Puts a conversation at the top, adding it if it is new. */
  touch: (id: string, title?: string) => void;
  remove: (id: string) => void;
  loadMore: () => Promise<void>;
  loading: boolean;
  loadError: string | null;
  /** Bumped to give the open new-chat view a fresh conversation. */
  newChatKey: number;
  /** Told by the new-chat view while it is on screen. */
  setNewChatOpen: (open: boolean) => void;
  /** Starts over in the new-chat view if it is on screen; false otherwise. */
  restartNewChat: () => boolean;
}

const ConversationsContext = createContext<ConversationsState | null>(null);

export function ConversationsProvider({
  initial,
  initialCursor,
  children,
}: {
  initial: ConversationSummary[];
  initialCursor: string | null;
  children: React.ReactNode;
}) {
  const [items, setItems] = useState(initial);
  const [nextCursor, setNextCursor] = useState(initialCursor);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [newChatKey, setNewChatKey] = useState(0);
  const newChatOpen = useRef(false);

  const setNewChatOpen = useCallback((open: boolean) => {
    newChatOpen.current = open;
  }, []);

  const restartNewChat = useCallback(() => {
    if (!newChatOpen.current) return false;
    setNewChatKey((key) => key + 1);
    return true;
  }, []);

  const touch = useCallback((id: string, title?: string) => {
    setItems((current) => {
      const existing = current.find((c) => c.id === id);
      const updated = { id, title: existing?.title ?? title ?? "New chat", updatedAt: new Date().toISOString() };
      return [updated, ...current.filter((c) => c.id !== id)];
    });
  }, []);

  const remove = useCallback((id: string) => {
    setItems((current) => current.filter((c) => c.id !== id));
  }, []);

  const loadMore = useCallback(async () => {
    if (!nextCursor || loading) return;
    setLoading(true);
    setLoadError(null);
    try {
      const response = await fetch(`/api/conversations?cursor=${encodeURIComponent(nextCursor)}`);
      if (!response.ok) throw new Error(String(response.status));
      const page = (await response.json()) as { items: ConversationSummary[]; nextCursor: string | null };
      setItems((current) => [...current, ...page.items.filter((c) => !current.some((x) => x.id === c.id))]);
      setNextCursor(page.nextCursor);
    } catch {
      setLoadError("Could not load more conversations.");
    } finally {
      setLoading(false);
    }
  }, [nextCursor, loading]);

  const value = useMemo(
    () => ({ items, nextCursor, touch, remove, loadMore, loading, loadError, newChatKey, setNewChatOpen, restartNewChat }),
    [items, nextCursor, touch, remove, loadMore, loading, loadError, newChatKey, setNewChatOpen, restartNewChat],
  );
  return <ConversationsContext.Provider value={value}>{children}</ConversationsContext.Provider>;
}

export function useConversations(): ConversationsState {
  const value = useContext(ConversationsContext);
  if (!value) throw new Error("useConversations must be used inside ConversationsProvider");
  return value;
}
