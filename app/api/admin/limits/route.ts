import { getConfig } from "@/lib/config";
import { readJson } from "@/lib/http";
import { withAdmin } from "@/lib/http/admin";
import { defaultLimitsSchema, limitsOverview, saveDefaults } from "@/lib/limits/admin";
import { getStore } from "@/lib/store";

export const GET = withAdmin(async () => {
  return Response.json(await limitsOverview(await getStore(), getConfig().limits));
});

/** Everyone's limits; the admin's values win over the environment's from now on. */
export const PUT = withAdmin(async (request, admin) => {
  const limits = await readJson(request, defaultLimitsSchema);
  const store = await getStore();
  await saveDefaults(store, admin, limits);
  return Response.json(await limitsOverview(store, getConfig().limits));
});
