import { createUIMessageStreamResponse } from "ai";
import { followReply } from "@/lib/chat/follow";
import { isUuid } from "@/lib/chat/ids";
import { getConfig } from "@/lib/config";
import { ApiError } from "@/lib/errors/api-error";
import { requireUuid, withUser } from "@/lib/http";
import { keepAliveResponse } from "@/lib/http/keep-alive";
import { getStore } from "@/lib/store";

/**
 * GET /api/conversations/[id]/stream[?reply=<id>] → the reply being written
 * in this conversation (or that reply), as a UI message stream read from the
 * store until it ends: how a reload or another device follows it live.
 * 204 when there is nothing to follow.
 */
export const GET = withUser<{ params: Promise<{ id: string }> }>(async (request, user, { params }) => {
  const id = requireUuid((await params).id, "conversation_not_found");
  const reply = new URL(request.url).searchParams.get("reply");
  if (reply !== null && !isUuid(reply)) throw new ApiError(404, "message_not_found");
  const stream = await followReply(await getStore(), user.id, id, reply, { signal: request.signal });
  if (!stream) return new Response(null, { status: 204 });
  return keepAliveResponse(createUIMessageStreamResponse({ stream }), getConfig().streamKeepAliveMs);
});
