"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOutAction } from "@/app/(auth)/actions";
import type { UserSettings } from "@/lib/settings/schema";
import { SettingsDialog } from "@/components/settings/settings-dialog";
import { useConversations } from "./conversations-context";
import { FormAlert } from "@/components/ui/form-alert";

export function Sidebar({ user, settings }: { user: { name: string; email: string }; settings: UserSettings }) {
  const { items, nextCursor, loadMore, loading, loadError, restartNewChat } = useConversations();
  const pathname = usePathname();
  return (
    <aside className="sidebar">
      <div className="sidebar-top">
        <span className="brand">Parley</span>
        <Link
          href="/"
          className="button primary new-chat"
          prefetch={false}
          onClick={(event) => {
            if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
            // A chat started at "/" only changed the address bar, so the
            // router still shows that view: start it over in place.
            if (restartNewChat()) {
              event.preventDefault();
              window.history.pushState(null, "", "/");
            }
          }}
        >
          New chat
        </Link>
      </div>
      <nav aria-label="Conversations" className="conversation-list">
        {items.length === 0 ? <p className="muted small">No conversations yet.</p> : null}
        <ul>
          {items.map((c) => {
            const current = pathname === `/c/${c.id}`;
            return (
              <li key={c.id}>
                <Link href={`/c/${c.id}`} aria-current={current ? "page" : undefined} className={current ? "active" : undefined} title={c.title}>
                  {c.title}
                </Link>
              </li>
            );
          })}
        </ul>
        {nextCursor ? (
          <button type="button" className="button small ghost" onClick={() => void loadMore()} disabled={loading}>
            {loading ? "Loading…" : "Show more"}
          </button>
        ) : null}
        <FormAlert message={loadError} className="small" />
      </nav>
      <div className="sidebar-bottom">
        <div className="who" title={user.email}>
          <span className="who-name">{user.name}</span>
          <span className="who-email">{user.email}</span>
        </div>
        <SettingsDialog initial={settings} />
        <form action={signOutAction}>
          <button type="submit" className="button ghost">
            Sign out
          </button>
        </form>
      </div>
    </aside>
  );
}
