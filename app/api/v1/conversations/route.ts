import { conversationListQuery, listConversationObjects } from "@/lib/api/conversations";
import { apiPreflight, withApiKey } from "@/lib/api/route";
import { ApiError } from "@/lib/errors/api-error";
import { getStore } from "@/lib/store";

/** GET /api/v1/conversations?limit=&after=: the person's conversations, newest activity first. */
export const GET = withApiKey(async (request, user) => {
  const query = conversationListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new ApiError(400, "invalid_request", { detail: query.error.issues[0].message });
  return Response.json(await listConversationObjects(await getStore(), user.id, query.data));
});

export const OPTIONS = apiPreflight("GET");
