import { getConfig } from "@/lib/config";
import { withUser } from "@/lib/http";
import { listModelChoices } from "@/lib/llm/models";

/** The models Settings offers: { models, defaultModel, listed }. */
export const GET = withUser(async () => {
  return Response.json(await listModelChoices(getConfig()));
});
