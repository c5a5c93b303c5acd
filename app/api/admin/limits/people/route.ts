import { getConfig } from "@/lib/config";
import { readJson } from "@/lib/http";
import { withAdmin } from "@/lib/http/admin";
import { limitsOverview, personLimitsSchema, savePersonLimits } from "@/lib/limits/admin";
import { getStore } from "@/lib/store";

/** Sets one person's own limits (by email); fields left out follow everyone's. */
export const PUT = withAdmin(async (request, admin) => {
  const input = await readJson(request, personLimitsSchema);
  const store = await getStore();
  await savePersonLimits(store, admin, input);
  return Response.json(await limitsOverview(store, getConfig().limits));
});
