import { conversationWithMessages } from "@/lib/api/conversations";
import { apiPreflight, withApiKey } from "@/lib/api/route";
import { requireUuid } from "@/lib/http";
import { getStore } from "@/lib/store";

type Context = { params: Promise<{ id: string }> };

/** GET /api/v1/conversations/{id}: the conversation and its messages; 404 when it is not the key owner's. */
export const GET = withApiKey<Context>(async (_request, user, { params }) => {
  const id = requireUuid((await params).id, "conversation_not_found");
  return Response.json(await conversationWithMessages(await getStore(), user.id, id));
});

export const OPTIONS = apiPreflight("GET");
