import { z } from "zod";
import { deleteConversation, isConversationId, renameConversation, renameSchema } from "@/lib/chat/conversations";
import { toChatMessage } from "@/lib/chat/messages";
import { jsonError, readJson, withUser } from "@/lib/http";
import { serverTranslator } from "@/lib/i18n/server";
import { getStore } from "@/lib/store";

type Context = { params: Promise<{ id: string }> };

const notFound = async () => jsonError(404, "not_found", (await serverTranslator()).t("sidebar.errors.notFound"));

export const GET = withUser<Context>(async (_request, user, { params }) => {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return notFound();
  const store = await getStore();
  const conversation = await store.getConversation(user.id, id);
  if (!conversation) return notFound();
  const messages = await store.listMessages(user.id, id);
  return Response.json({ conversation, messages: messages.map(toChatMessage) });
});

/** PATCH { title } → { conversation: { id, title, createdAt, updatedAt } }; 404 when not the caller's. */
export const PATCH = withUser<Context>(async (request, user, { params }) => {
  const { id } = await params;
  if (!isConversationId(id)) return notFound();
  const { title } = await readJson(request, renameSchema, 8 * 1024);
  const conversation = await renameConversation(await getStore(), user.id, id, title);
  if (!conversation) return notFound();
  return Response.json({ conversation });
});

/** DELETE → 204; 404 when not the caller's. */
export const DELETE = withUser<Context>(async (_request, user, { params }) => {
  const { id } = await params;
  if (!(await deleteConversation(await getStore(), user.id, id))) return notFound();
  return new Response(null, { status: 204 });
});
