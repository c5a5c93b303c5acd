import { searchConversations, searchQuerySchema } from "@/lib/chat/conversations";
import { MAX_SEARCH_QUERY_CHARS } from "@/lib/chat/limits";
import { ApiError } from "@/lib/errors/api-error";
import { withUser } from "@/lib/http";
import { getStore } from "@/lib/store";

/** GET /api/conversations/search?q= → { results: [{ id, title, updatedAt, snippet }] }, newest first. */
export const GET = withUser(async (request, user) => {
  const query = searchQuerySchema.safeParse({ q: new URL(request.url).searchParams.get("q") ?? undefined });
  if (!query.success) throw new ApiError(400, "search_query_length", { max: MAX_SEARCH_QUERY_CHARS });
  const results = await searchConversations(await getStore(), user.id, query.data.q);
  return Response.json({ results }, { headers: { "cache-control": "no-store" } });
});
