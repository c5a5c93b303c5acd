import { stopTurn } from "@/lib/chat/active-turns";
import { stopRequestSchema } from "@/lib/chat/request";
import { readJson, withUser } from "@/lib/http";

/**
 * Stops one of the person's replies. The reply's stream then ends by itself
 * with the stopped text, which is what gets stored.
 */
export const POST = withUser(async (request, user) => {
  const { turnId } = await readJson(request, stopRequestSchema, 4096);
  stopTurn(user.id, turnId);
  return Response.json({ stopping: true });
});
