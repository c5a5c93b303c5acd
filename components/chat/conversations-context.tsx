"use client";

import { createContext, useCallback, useContext, useMemo, useState } from "react";

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
    () => ({ items, nextCursor, touch, remove, loadMore, loading, loadError }),
    [items, nextCursor, touch, remove, loadMore, loading, loadError],
  );
  return <ConversationsContext.Provider value={value}>{children}</ConversationsContext.Provider>;
}

export function useConversations(): ConversationsState {
  const value = useContext(ConversationsContext);
  if (!value) throw new Error("useConversations must be used inside ConversationsProvider");
  return value;
}
