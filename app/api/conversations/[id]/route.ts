import { z } from "zod";
import { toChatMessage } from "@/lib/chat/messages";
import { jsonError, withUser } from "@/lib/http";
import { getStore } from "@/lib/store";

export const GET = withUser<{ params: Promise<{ id: string }> }>(async (_request, user, { params }) => {
  const { id } = await params;
  const notFound = () => jsonError(404, "not_found", "This conversation does not exist.");
  if (!z.uuid().safeParse(id).success) return notFound();
  const store = await getStore();
  const conversation = await store.getConversation(user.id, id);
  if (!conversation) return notFound();
  const messages = await store.listMessages(user.id, id);
  return Response.json({ conversation, messages: messages.map(toChatMessage) });
});
