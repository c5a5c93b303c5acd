import { revokeApiKey } from "@/lib/api/keys";
import { requireUuid, withUser } from "@/lib/http";
import { getStore } from "@/lib/store";

type Context = { params: Promise<{ id: string }> };

/** DELETE → 204: the key stops working at once; 404 when it is not the caller's. */
export const DELETE = withUser<Context>(async (_request, user, { params }) => {
  const id = requireUuid((await params).id, "api_key_not_found");
  await revokeApiKey(await getStore(), user.id, id);
  return new Response(null, { status: 204 });
});
