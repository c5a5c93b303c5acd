import { SEARCH_QUERY_MAX, searchConversations, searchQuerySchema } from "@/lib/chat/conversations";
import { HttpError, withUser } from "@/lib/http";
import { serverTranslator } from "@/lib/i18n/server";
import { getStore } from "@/lib/store";

/** GET /api/conversations/search?q= → { results: [{ id, title, updatedAt, snippet }] }, newest first. */
export const GET = withUser(async (request, user) => {
  const query = searchQuerySchema.safeParse({ q: new URL(request.url).searchParams.get("q") ?? undefined });
  if (!query.success) {
    const { t } = await serverTranslator();
    throw new HttpError(400, "invalid_request", t("sidebar.errors.badQuery", { max: SEARCH_QUERY_MAX }));
  }
  const results = await searchConversations(await getStore(), user.id, query.data.q);
  return Response.json({ results }, { headers: { "cache-control": "no-store" } });
});
