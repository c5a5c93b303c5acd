import { deleteConversation, openConversation, renameConversation, renameSchema } from "@/lib/chat/conversations";
import { ApiError } from "@/lib/errors/api-error";
import { readJson, requireUuid, withUser } from "@/lib/http";
import { getBlobStore } from "@/lib/blobs";
import { getStore } from "@/lib/store";

type Context = { params: Promise<{ id: string }> };

const notFound = () => new ApiError(404, "conversation_not_found");

/** → { conversation, messages }; 404 when not the caller's. */
export const GET = withUser<Context>(async (_request, user, { params }) => {
  const id = requireUuid((await params).id, "conversation_not_found");
  const found = await openConversation(await getStore(), user.id, id);
  if (!found) throw notFound();
  return Response.json(found);
});

/** PATCH { title } → { conversation: { id, title, createdAt, updatedAt } }; 404 when not the caller's. */
export const PATCH = withUser<Context>(async (request, user, { params }) => {
  const id = requireUuid((await params).id, "conversation_not_found");
  const { title } = await readJson(request, renameSchema, 8 * 1024);
  const conversation = await renameConversation(await getStore(), user.id, id, title);
  if (!conversation) throw notFound();
  return Response.json({ conversation });
});

/** DELETE → 204; 404 when not the caller's. */
export const DELETE = withUser<Context>(async (_request, user, { params }) => {
  const id = requireUuid((await params).id, "conversation_not_found");
  if (!(await deleteConversation(await getStore(), user.id, id, await getBlobStore()))) throw notFound();
  return new Response(null, { status: 204 });
});
