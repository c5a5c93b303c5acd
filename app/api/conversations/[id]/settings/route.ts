import { z } from "zod";
import { getConfig } from "@/lib/config";
import { jsonError, readJson, withUser } from "@/lib/http";
import { isModelOffered } from "@/lib/llm/models";
import { chatSettingsSchema, getConversationSettings } from "@/lib/settings";
import { getStore } from "@/lib/store";

/**
 * One conversation's settings. Every answer is
 * { settings, defaults, overridden }: what its turns use, the person's
 * defaults, and whether the conversation overrides them.
 */

type Context = { params: Promise<{ id: string }> };

const notFound = () => jsonError(404, "not_found", "This conversation does not exist.");

async function answer(userId: string, id: string): Promise<Response> {
  const found = await getConversationSettings(await getStore(), userId, id, getConfig().defaultModel);
  return found ? Response.json(found) : notFound();
}

export const GET = withUser<Context>(async (_request, user, { params }) => {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return notFound();
  return answer(user.id, id);
});

/** Body: the whole set of model settings, which this conversation then uses instead of the defaults. */
export const PUT = withUser<Context>(async (request, user, { params }) => {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return notFound();
  const settings = await readJson(request, chatSettingsSchema.strict());
  if (!isModelOffered(getConfig(), settings.model)) return jsonError(400, "invalid_request", "model: This model is not offered here. Choose one from the list.");
  if (!(await (await getStore()).setConversationSettings(user.id, id, settings))) return notFound();
  return answer(user.id, id);
});

/** "Use my defaults": the conversation follows the person's settings again. */
export const DELETE = withUser<Context>(async (_request, user, { params }) => {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return notFound();
  if (!(await (await getStore()).setConversationSettings(user.id, id, null))) return notFound();
  return answer(user.id, id);
});
