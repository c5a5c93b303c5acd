import { z } from "zod";
import { messagePage } from "@/lib/chat/conversations";
import { ApiError } from "@/lib/errors/api-error";
import { requireUuid, withUser } from "@/lib/http";
import { getStore, InvalidCursorError } from "@/lib/store";

type Context = { params: Promise<{ id: string }> };

const querySchema = z.object({ before: z.string().min(1).max(100).optional() });

/** GET ?before= → { messages, earlier }: a page of messages, newest page first; 404 when not the caller's. */
export const GET = withUser<Context>(async (request, user, { params }) => {
  const id = requireUuid((await params).id, "conversation_not_found");
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new ApiError(400, "invalid_cursor");
  try {
    const page = await messagePage(await getStore(), user.id, id, query.data.before);
    if (!page) throw new ApiError(404, "conversation_not_found");
    return Response.json({ messages: page.messages, earlier: page.earlier });
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new ApiError(400, "invalid_cursor");
    throw error;
  }
});
