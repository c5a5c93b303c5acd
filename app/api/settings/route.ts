import { getConfig } from "@/lib/config";
import { readJson, withUser } from "@/lib/http";
import { requireOfferedModel } from "@/lib/llm/models";
import { getUserSettings, saveUserSettings, userSettingsSchema } from "@/lib/settings";
import { getStore } from "@/lib/store";

export const GET = withUser(async (_request, user) => {
  const store = await getStore();
  return Response.json({ settings: await getUserSettings(store, user.id, getConfig().defaultModel) });
});

/** Fields left out keep their saved value; unknown fields are refused. */
export const PUT = withUser(async (request, user) => {
  const changes = await readJson(request, userSettingsSchema.partial().strict());
  const store = await getStore();
  const config = getConfig();
  // Only a change of model is checked: a model saved before ALLOWED_MODELS
  // narrowed the list must not block saving everything else.
  const current = await getUserSettings(store, user.id, config.defaultModel);
  if (changes.model !== undefined && changes.model !== current.model) requireOfferedModel(config, changes.model, "model");
  return Response.json({ settings: await saveUserSettings(store, user.id, config.defaultModel, changes) });
});
