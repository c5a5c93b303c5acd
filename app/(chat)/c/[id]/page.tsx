import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { Chat } from "@/components/chat/chat";
import { requirePageUser } from "@/lib/auth/session";
import { toChatMessage } from "@/lib/chat/messages";
import { getStore } from "@/lib/store";

type Props = { params: Promise<{ id: string }> };

// Metadata and the page share one read of the conversation per request.
const load = cache(async (id: string) => {
  const user = await requirePageUser(`/c/${encodeURIComponent(id)}`);
  if (!z.uuid().safeParse(id).success) return null;
  const store = await getStore();
  const conversation = await store.getConversation(user.id, id);
  if (!conversation) return null;
  return { conversation, messages: await store.listMessages(user.id, id) };
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
    <Chat key={id} conversationId={id} title={found.conversation.title} initialMessages={found.messages.map(toChatMessage)} />
  );
}
