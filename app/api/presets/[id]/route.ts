import { getConfig } from "@/lib/config";
import { jsonError, readJson, withUser } from "@/lib/http";
import { isModelOffered } from "@/lib/llm/models";
import { isBuiltInPresetId, presetInputSchema, updatePreset } from "@/lib/settings/presets";
import { getStore } from "@/lib/store";

type Context = { params: Promise<{ id: string }> };

const notFound = () => jsonError(404, "not_found", "This preset does not exist.");
const readOnly = () => jsonError(403, "read_only", "Built-in presets cannot be changed. Create your own preset instead.");

export const PUT = withUser<Context>(async (request, user, { params }) => {
  const { id } = await params;
  if (isBuiltInPresetId(id)) return readOnly();
  const input = await readJson(request, presetInputSchema);
  if (input.settings.model !== undefined && !isModelOffered(getConfig(), input.settings.model)) {
    return jsonError(400, "invalid_request", "settings.model: This model is not offered here. Choose one from the list.");
  }
  const preset = await updatePreset(await getStore(), user.id, id, input);
  return preset ? Response.json({ preset }) : notFound();
});

export const DELETE = withUser<Context>(async (_request, user, { params }) => {
  const { id } = await params;
  if (isBuiltInPresetId(id)) return readOnly();
  const deleted = await (await getStore()).deletePreset(user.id, id);
  return deleted ? new Response(null, { status: 204 }) : notFound();
});
