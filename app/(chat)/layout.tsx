import { SessionWatch } from "@/components/auth/session-watch";
import { AppShell } from "@/components/chat/app-shell";
import { ConversationsProvider } from "@/components/chat/conversations-context";
import { Sidebar } from "@/components/chat/sidebar";
import { ZodJitless } from "@/components/zod-jitless";
import { currentUser } from "@/lib/auth/session";
import { CONVERSATION_PAGE_SIZE } from "@/lib/chat/limits";
import { getConfig } from "@/lib/config";
import { getUserSettings } from "@/lib/settings";
import { getStore } from "@/lib/store";

export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  // Signed out: the page itself redirects, knowing where to come back to.
  const user = await currentUser();
  if (!user) return children;
  const store = await getStore();
  const [page, settings] = await Promise.all([
    store.listConversations(user.id, { limit: CONVERSATION_PAGE_SIZE }),
    getUserSettings(store, user.id, getConfig().defaultModel),
  ]);
  const initial = page.items.map((c) => ({ id: c.id, title: c.title, updatedAt: c.updatedAt.toISOString() }));
  return (
    <ConversationsProvider initial={initial} initialCursor={page.nextCursor}>
      <ZodJitless />
      <SessionWatch />
      <AppShell
        sidebar={<Sidebar user={{ name: user.name, email: user.email, isAdmin: user.role === "admin" }} settings={settings} />}
      >
        {children}
      </AppShell>
    </ConversationsProvider>
  );
}
