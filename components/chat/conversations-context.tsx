"use client";

import { createContext, useCallback, useContext, useMemo, useRef, useState } from "react";
import { CONVERSATION_PAGE_SIZE } from "@/lib/chat/limits";
import { insertByDate, type ListedConversation } from "@/lib/chat/summaries";
import { errorText, sendJson } from "@/lib/http/send-json";
import { useT } from "@/lib/i18n/client";

interface ConversationsState {
  items: ListedConversation[];
  nextCursor: string | null;
  /** Puts a conversation at the top (activity now), adding it if it is new. */
  touch: (id: string, title?: string) => void;
  /** Changes a listed conversation's title where it stands (e.g. a generated title). */
  rename: (id: string, title: string) => void;
  /** Adds or moves a conversation to where its updatedAt puts it (e.g. one just imported). */
  upsert: (conversation: ListedConversation) => void;
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
  initial: ListedConversation[];
  initialCursor: string | null;
  children: React.ReactNode;
}) {
  const t = useT();
  const [items, setItems] = useState(initial);
  const [nextCursor, setNextCursor] = useState(initialCursor);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [newChatKey, setNewChatKey] = useState(0);
  const newChatOpen = useRef(false);
  // One page request at a time, even when a scroll and a click race.
  const loadingRef = useRef(false);

  const setNewChatOpen = useCallback((open: boolean) => {
    newChatOpen.current = open;
  }, []);

  const restartNewChat = useCallback(() => {
    if (!newChatOpen.current) return false;
    setNewChatKey((key) => key + 1);
    return true;
  }, []);

  const defaultTitle = t("sidebar.newChat");
  const touch = useCallback(
    (id: string, title?: string) => {
      setItems((current) => {
        const existing = current.find((c) => c.id === id);
        const updated = { id, title: existing?.title ?? title ?? defaultTitle, updatedAt: new Date().toISOString() };
        return [updated, ...current.filter((c) => c.id !== id)];
      });
    },
    [defaultTitle],
  );

  const rename = useCallback((id: string, title: string) => {
    setItems((current) => (current.some((c) => c.id === id) ? current.map((c) => (c.id === id ? { ...c, title } : c)) : current));
  }, []);

  const upsert = useCallback((conversation: ListedConversation) => {
    setItems((current) => insertByDate(current, conversation));
  }, []);

  const remove = useCallback((id: string) => {
    setItems((current) => current.filter((c) => c.id !== id));
  }, []);

  const loadMore = useCallback(async () => {
    if (!nextCursor || loadingRef.current) return;
    loadingRef.current = true;
    setLoading(true);
    setLoadError(null);
    try {
      const params = new URLSearchParams({ cursor: nextCursor, limit: String(CONVERSATION_PAGE_SIZE) });
      const page = await sendJson<{ items: ListedConversation[]; nextCursor: string | null }>(`/api/conversations?${params}`);
      const fresh = page.items.map(({ id, title, updatedAt }) => ({ id, title, updatedAt }));
      setItems((current) => {
        const known = new Set(current.map((c) => c.id));
        return [...current, ...fresh.filter((c) => !known.has(c.id))];
      });
      setNextCursor(page.nextCursor);
    } catch (error) {
      setLoadError(errorText(error, t, "sidebar.loadFailed"));
    } finally {
      loadingRef.current = false;
      setLoading(false);
    }
  }, [nextCursor, t]);

  const value = useMemo(
    () => ({ items, nextCursor, touch, rename, upsert, remove, loadMore, loading, loadError, newChatKey, setNewChatOpen, restartNewChat }),
    [items, nextCursor, touch, rename, upsert, remove, loadMore, loading, loadError, newChatKey, setNewChatOpen, restartNewChat],
  );
  return <ConversationsContext.Provider value={value}>{children}</ConversationsContext.Provider>;
}

export function useConversations(): ConversationsState {
  const value = useContext(ConversationsContext);
  if (!value) throw new Error("useConversations must be used inside ConversationsProvider");
  return value;
}
