"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { signOutAction } from "@/app/(auth)/actions";
import { groupByDate, monthLabel, type DateGroupKey } from "@/lib/chat/date-groups";
import { MAX_SEARCH_QUERY_CHARS } from "@/lib/chat/limits";
import type { ListedConversation } from "@/lib/chat/summaries";
import { errorText, RequestError, sendJson } from "@/lib/http/send-json";
import { useLocale, useT } from "@/lib/i18n/client";
import type { Translate } from "@/lib/i18n/translate";
import type { UserSettings } from "@/lib/settings/schema";
import { SettingsDialog } from "@/components/settings/settings-dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { ConversationDeleteDialog } from "./conversation-delete-dialog";
import { ConversationItem } from "./conversation-item";
import { useConversations } from "./conversations-context";
import { SidebarImport } from "./sidebar-import";
import { SearchResults, useConversationSearch } from "./sidebar-search";

// The clock, to the minute, for the date groups: null while rendering on the
// server and hydrating (the server does not know the browser's time zone).
const MINUTE = 60_000;
function subscribeToMinutes(onChange: () => void) {
  const timer = setInterval(onChange, 15_000);
  document.addEventListener("visibilitychange", onChange);
  return () => {
    clearInterval(timer);
    document.removeEventListener("visibilitychange", onChange);
  };
}
const currentMinute = () => Math.floor(Date.now() / MINUTE);
const noMinute = () => null;

function groupLabel(key: DateGroupKey, t: Translate, locale: string): string {
  switch (key.kind) {
    case "today":
      return t("sidebar.groups.today");
    case "yesterday":
      return t("sidebar.groups.yesterday");
    case "previous7":
      return t("sidebar.groups.previous7");
    case "previous30":
      return t("sidebar.groups.previous30");
    case "month":
      return monthLabel(key.year, key.month, locale);
  }
}

export function Sidebar({
  user,
  settings,
}: {
  user: { name: string; email: string; isAdmin: boolean };
  settings: UserSettings;
}) {
  const t = useT();
  const locale = useLocale();
  const conversations = useConversations();
  const { items, nextCursor, loadMore, loading, loadError, restartNewChat } = conversations;
  const pathname = usePathname();
  const router = useRouter();
  const currentId = pathname.startsWith("/c/") ? decodeURIComponent(pathname.slice(3)) : null;
  const [query, setQuery] = useState("");
  const search = useConversationSearch(query);
  const [notice, setNotice] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ListedConversation | null>(null);
  const list = useRef<HTMLElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const searchId = useId();

  const minute = useSyncExternalStore(subscribeToMinutes, currentMinute, noMinute);
  const groups = useMemo(
    () => (minute === null ? null : groupByDate(items, (c) => c.updatedAt, new Date(minute * MINUTE))),
    [items, minute],
  );

  // Next page when the end of the list scrolls into view ("Show more" stays for
  // keyboards and browsers without IntersectionObserver). Observing again after
  // each page re-checks a sentinel that is still visible.
  const searching = search.status !== "idle";
  useEffect(() => {
    const root = list.current;
    const target = sentinel.current;
    if (!root || !target || !nextCursor || loading || searching || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) void loadMore();
      },
      { root, rootMargin: "0px 0px 240px 0px" },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [nextCursor, loading, searching, loadMore, items.length]);

  const goToNewChat = useCallback(() => {
    // A chat started at "/" only changed the address bar, so the router
    // still shows that view: start it over in place.
    if (restartNewChat()) window.history.replaceState(null, "", "/");
    else router.replace("/");
  }, [restartNewChat, router]);

  const rename = useCallback(
    async (conversation: ListedConversation, title: string): Promise<string | null> => {
      setNotice(null);
      conversations.rename(conversation.id, title);
      try {
        await sendJson(`/api/conversations/${encodeURIComponent(conversation.id)}`, { method: "PATCH", json: { title } });
        if (conversation.id === currentId) document.title = `${title} · Parley`;
        return null;
      } catch (error) {
        conversations.rename(conversation.id, conversation.title);
        const message = errorText(error, t, "sidebar.rename.failed");
        setNotice(message);
        return message;
      }
    },
    [conversations, currentId, t],
  );

  const remove = useCallback(
    async (id: string): Promise<string | null> => {
      try {
        await sendJson(`/api/conversations/${encodeURIComponent(id)}`, { method: "DELETE" });
      } catch (error) {
        // Already gone (another tab) is as good as deleted.
        if (!(error instanceof RequestError && error.status === 404)) return errorText(error, t, "sidebar.delete.failed");
      }
      conversations.remove(id);
      if (id === currentId) goToNewChat();
      return null;
    },
    [conversations, currentId, goToNewChat, t],
  );

  const renderItem = (c: ListedConversation) => (
    <ConversationItem
      key={c.id}
      conversation={c}
      current={c.id === currentId}
      onRename={(title) => rename(c, title)}
      onDelete={() => setDeleting(c)}
    />
  );

  return (
    <aside className="sidebar">
      <div className="sidebar-top">
        <span className="brand">{t("sidebar.brand")}</span>
        <Link
          href="/"
          className="button primary new-chat"
          prefetch={false}
          onClick={(event) => {
            if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
            if (restartNewChat()) {
              event.preventDefault();
              window.history.pushState(null, "", "/");
            }
          }}
        >
          {t("sidebar.newChat")}
        </Link>
        <div className="sidebar-search" role="search">
          <label htmlFor={searchId} className="visually-hidden">
            {t("sidebar.search.label")}
          </label>
          <input
            id={searchId}
            type="search"
            value={query}
            placeholder={t("sidebar.search.placeholder")}
            maxLength={MAX_SEARCH_QUERY_CHARS + 50}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape" && query) {
                event.preventDefault();
                setQuery("");
              }
            }}
          />
        </div>
      </div>
      <FormAlert message={notice} className="small sidebar-notice" />
      <nav aria-label={t("sidebar.conversations")} className="conversation-list" ref={list}>
        {searching ? (
          <SearchResults state={search} currentId={currentId} />
        ) : (
          <>
            {items.length === 0 ? <p className="muted small sidebar-empty">{t("sidebar.empty")}</p> : null}
            {groups ? (
              groups.map((group) => (
                <div key={group.id} role="group" aria-labelledby={`${searchId}-${group.id}`} className="conversation-group">
                  <h2 id={`${searchId}-${group.id}`} className="conversation-group-label">
                    {groupLabel(group.key, t, locale)}
                  </h2>
                  <ul>{group.items.map(renderItem)}</ul>
                </div>
              ))
            ) : (
              <ul>{items.map(renderItem)}</ul>
            )}
            <div ref={sentinel} className="conversation-list-end" aria-hidden="true" />
            {nextCursor ? (
              <button type="button" className="button small ghost show-more" onClick={() => void loadMore()} disabled={loading}>
                {loading ? t("sidebar.loading") : t("sidebar.showMore")}
              </button>
            ) : null}
            <FormAlert message={loadError} className="small" />
          </>
        )}
      </nav>
      <div className="sidebar-bottom">
        <SidebarImport
          onError={setNotice}
          onImported={(conversation) => {
            conversations.upsert(conversation);
            setQuery("");
            router.push(`/c/${conversation.id}`);
          }}
        />
        <div className="who" title={user.email}>
          <span className="who-name">{user.name}</span>
          <span className="who-email">{user.email}</span>
        </div>
        {user.isAdmin ? (
          <Link href="/admin/users" className="button ghost" prefetch={false}>
            {t("admin.link")}
          </Link>
        ) : null}
        <SettingsDialog initial={settings} />
        <form action={signOutAction}>
          <button type="submit" className="button ghost">
            {t("sidebar.signOut")}
          </button>
        </form>
      </div>
      <ConversationDeleteDialog conversation={deleting} onConfirm={remove} onClose={() => setDeleting(null)} />
    </aside>
  );
}
