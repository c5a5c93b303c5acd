import { getConfig } from "@/lib/config";
import { readJson, withUser } from "@/lib/http";
import { requireOfferedModel } from "@/lib/llm/models";
import { getUserSettings, localeFor } from "@/lib/settings";
import { createPreset, listPresets, presetInputSchema } from "@/lib/settings/presets";
import { getStore } from "@/lib/store";

/** { presets: [{ id, name, settings, builtIn }] }: the built-in ones in the person's language, then their own. */
export const GET = withUser(async (request, user) => {
  const store = await getStore();
  const { language } = await getUserSettings(store, user.id, getConfig().defaultModel);
  const locale = localeFor(language, request.headers.get("accept-language"));
  return Response.json({ presets: await listPresets(store, user.id, locale) });
});

/** Body { name, settings } (settings: any of the model settings) → 201 { preset }. */
export const POST = withUser(async (request, user) => {
  const input = await readJson(request, presetInputSchema);
  if (input.settings.model !== undefined) requireOfferedModel(getConfig(), input.settings.model, "settings.model");
  return Response.json({ preset: await createPreset(await getStore(), user.id, input) }, { status: 201 });
});
