import { getConfig } from "@/lib/config";
import { requireUuid } from "@/lib/http";
import { withAdmin } from "@/lib/http/admin";
import { limitsOverview, removePersonLimits } from "@/lib/limits/admin";
import { getStore } from "@/lib/store";

type Context = { params: Promise<{ userId: string }> };

/** The person follows everyone's limits again. */
export const DELETE = withAdmin<Context>(async (_request, admin, { params }) => {
  const userId = requireUuid((await params).userId, "not_found");
  const store = await getStore();
  await removePersonLimits(store, admin, userId);
  return Response.json(await limitsOverview(store, getConfig().limits));
});
