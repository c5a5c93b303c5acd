import { z } from "zod";
import { HttpError, withUser } from "@/lib/http";
import { getStore, InvalidCursorError } from "@/lib/store";

const querySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(500).optional(),
});

export const GET = withUser(async (request, user) => {
  const url = new URL(request.url);
  const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) throw new HttpError(400, "invalid_request", "limit must be a whole number from 1 to 100.");
  const store = await getStore();
  try {
    return Response.json(await store.listConversations(user.id, query.data));
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      throw new HttpError(400, "invalid_cursor", "The page cursor is not valid. Reload the list.");
    }
    throw error;
  }
});
