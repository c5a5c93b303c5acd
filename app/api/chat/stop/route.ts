import { z } from "zod";
import { stopTurn } from "@/lib/chat/active-turns";
import { readJson, withUser } from "@/lib/http";

const stopSchema = z.object({ conversationId: z.uuid("conversationId must be a conversation id.") });

/** Stops the reply being generated in one of the person's conversations. */
export const POST = withUser(async (request, user) => {
  const { conversationId } = await readJson(request, stopSchema, 4096);
  return Response.json({ stopped: stopTurn(user.id, conversationId) });
});
