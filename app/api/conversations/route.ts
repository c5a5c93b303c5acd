import { listConversationPage, listQuerySchema } from "@/lib/chat/conversations";
import { HttpError, withUser } from "@/lib/http";
import { serverTranslator } from "@/lib/i18n/server";
import { getStore, InvalidCursorError } from "@/lib/store";

/** GET /api/conversations?limit=&cursor= → { items: [{ id, title, createdAt, updatedAt }], nextCursor } */
export const GET = withUser(async (request, user) => {
  const { t } = await serverTranslator();
  const url = new URL(request.url);
  const query = listQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) throw new HttpError(400, "invalid_request", t("sidebar.errors.badLimit"));
  const store = await getStore();
  try {
    return Response.json(await listConversationPage(store, user.id, query.data));
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new HttpError(400, "invalid_cursor", t("sidebar.errors.badCursor"));
    throw error;
  }
});
