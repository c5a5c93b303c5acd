import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Chat } from "@/components/chat/chat";
import { ConversationSettingsDialog } from "@/components/chat/conversation-settings-dialog";
import { requirePageUser } from "@/lib/auth/session";
import { isUuid } from "@/lib/chat/ids";
import { messagePage } from "@/lib/chat/conversations";
import { getConfig } from "@/lib/config";
import { conversationSettings, getUserSettings } from "@/lib/settings";
import { getStore } from "@/lib/store";

type Props = { params: Promise<{ id: string }> };

// Metadata and the page share one read of the conversation per request.
const load = cache(async (id: string) => {
  const user = await requirePageUser(`/c/${encodeURIComponent(id)}`);
  if (!isUuid(id)) return null;
  const store = await getStore();
  // The newest page only: a long conversation loads earlier pages as the reader scrolls up.
  const [page, defaults] = await Promise.all([messagePage(store, user.id, id), getUserSettings(store, user.id, getConfig().defaultModel)]);
  if (!page) return null;
  return { conversation: page.conversation, page, settings: conversationSettings(defaults, page.conversation.settings) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await load((await params).id);
  return { title: found ? `${found.conversation.title} · Parley` : "Parley" };
}

export default async function ConversationPage({ params }: Props) {
  const { id } = await params;
  const found = await load(id);
  if (!found) notFound();
  return (
    <Chat
      key={id}
      conversationId={id}
      title={found.conversation.title}
      initialMessages={found.page.messages}
      earlierCursor={found.page.earlier}
      headerExtra={<ConversationSettingsDialog conversationId={id} initial={found.settings} />}
    />
  );
}
