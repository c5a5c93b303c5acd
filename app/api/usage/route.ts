import { getConfig } from "@/lib/config";
import { withUser } from "@/lib/http";
import { getStore } from "@/lib/store";
import { ownUsage } from "@/lib/usage/own";

/** The caller's own usage this month and what their limits leave them. */
export const GET = withUser(async (_request, user) => {
  return Response.json({ usage: await ownUsage(await getStore(), getConfig().limits, user.id) });
});
