import { listConversationPage, listQuerySchema } from "@/lib/chat/conversations";
import { MAX_PAGE_SIZE } from "@/lib/chat/limits";
import { ApiError } from "@/lib/errors/api-error";
import { withUser } from "@/lib/http";
import { getStore, InvalidCursorError } from "@/lib/store";

/** GET /api/conversations?limit=&cursor= → { items: [{ id, title, createdAt, updatedAt }], nextCursor } */
export const GET = withUser(async (request, user) => {
  const query = listQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new ApiError(400, "page_limit", { min: 1, max: MAX_PAGE_SIZE });
  try {
    return Response.json(await listConversationPage(await getStore(), user.id, query.data));
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new ApiError(400, "invalid_cursor");
    throw error;
  }
});
