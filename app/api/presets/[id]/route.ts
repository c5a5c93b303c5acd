import { getConfig } from "@/lib/config";
import { ApiError } from "@/lib/errors/api-error";
import { readJson, withUser } from "@/lib/http";
import { requireOfferedModel } from "@/lib/llm/models";
import { isBuiltInPresetId, presetInputSchema, updatePreset } from "@/lib/settings/presets";
import { getStore } from "@/lib/store";

type Context = { params: Promise<{ id: string }> };

/** A person's own preset by id; built-in ones are read-only. */
async function ownPresetId(params: Context["params"]): Promise<string> {
  const { id } = await params;
  if (isBuiltInPresetId(id)) throw new ApiError(403, "preset_read_only");
  return id;
}

export const PUT = withUser<Context>(async (request, user, { params }) => {
  const id = await ownPresetId(params);
  const input = await readJson(request, presetInputSchema);
  if (input.settings.model !== undefined) requireOfferedModel(getConfig(), input.settings.model, "settings.model");
  const preset = await updatePreset(await getStore(), user.id, id, input);
  if (!preset) throw new ApiError(404, "preset_not_found");
  return Response.json({ preset });
});

export const DELETE = withUser<Context>(async (_request, user, { params }) => {
  const id = await ownPresetId(params);
  if (!(await (await getStore()).deletePreset(user.id, id))) throw new ApiError(404, "preset_not_found");
  return new Response(null, { status: 204 });
});
