import { stopRequestSchema } from "@/lib/chat/request";
import { requestStop } from "@/lib/chat/stop-requests";
import { readJson, withUser } from "@/lib/http";
import { getStore } from "@/lib/store";

/**
 * Stops one of the person's replies. The reply's stream then ends by itself
 * with the stopped text, which is what gets stored.
 */
export const POST = withUser(async (request, user) => {
  const { turnId } = await readJson(request, stopRequestSchema, 4096);
  await requestStop(await getStore(), user.id, turnId);
  return Response.json({ stopping: true });
});
