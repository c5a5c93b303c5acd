import { withApiKey, apiPreflight } from "@/lib/api/route";
import { getConfig } from "@/lib/config";
import { listModelChoices } from "@/lib/llm/models";

/** GET /api/v1/models: the models this Parley offers, as OpenAI lists them. */
export const GET = withApiKey(async () => {
  const { models } = await listModelChoices(getConfig());
  return Response.json({ object: "list", data: models.map((id) => ({ id, object: "model", created: 0, owned_by: "parley" })) });
});

export const OPTIONS = apiPreflight("GET");
