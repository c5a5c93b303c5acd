import { getConfig } from "@/lib/config";
import { readJson, withUser } from "@/lib/http";
import { chatSettingsSchema, getUserSettings, saveUserSettings } from "@/lib/settings";
import { getStore } from "@/lib/store";

export const GET = withUser(async (_request, user) => {
  const store = await getStore();
  return Response.json({ settings: await getUserSettings(store, user.id, getConfig().defaultModel) });
});

export const PUT = withUser(async (request, user) => {
  const settings = await readJson(request, chatSettingsSchema.strict());
  const store = await getStore();
  return Response.json({ settings: await saveUserSettings(store, user.id, settings) });
});
