import { getConfig } from "@/lib/config";
import { ApiError } from "@/lib/errors/api-error";
import { readJson, requireUuid, withUser } from "@/lib/http";
import { requireOfferedModel } from "@/lib/llm/models";
import { chatSettingsSchema, getConversationSettings } from "@/lib/settings";
import { getStore } from "@/lib/store";

/**
 * One conversation's settings. Every answer is
 * { settings, defaults, overridden }: what its turns use, the person's
 * defaults, and whether the conversation overrides them.
 */

type Context = { params: Promise<{ id: string }> };

async function answer(userId: string, id: string): Promise<Response> {
  const found = await getConversationSettings(await getStore(), userId, id, getConfig().defaultModel);
  if (!found) throw new ApiError(404, "conversation_not_found");
  return Response.json(found);
}

export const GET = withUser<Context>(async (_request, user, { params }) => {
  return answer(user.id, requireUuid((await params).id, "conversation_not_found"));
});

/** Body: the whole set of model settings, which this conversation then uses instead of the defaults. */
export const PUT = withUser<Context>(async (request, user, { params }) => {
  const id = requireUuid((await params).id, "conversation_not_found");
  const settings = await readJson(request, chatSettingsSchema.strict());
  requireOfferedModel(getConfig(), settings.model, "model");
  if (!(await (await getStore()).setConversationSettings(user.id, id, settings))) throw new ApiError(404, "conversation_not_found");
  return answer(user.id, id);
});

/** "Use my defaults": the conversation follows the person's settings again. */
export const DELETE = withUser<Context>(async (_request, user, { params }) => {
  const id = requireUuid((await params).id, "conversation_not_found");
  if (!(await (await getStore()).setConversationSettings(user.id, id, null))) throw new ApiError(404, "conversation_not_found");
  return answer(user.id, id);
});
