import { revokeApiKey } from "@/lib/api/keys";
import { requireUuid } from "@/lib/http";
import { withAdmin } from "@/lib/http/admin";
import { getStore } from "@/lib/store";

type Context = { params: Promise<{ userId: string; id: string }> };

/** DELETE → 204: revokes anyone's key (admins only); 404 when there is no such key. */
export const DELETE = withAdmin<Context>(async (_request, _admin, { params }) => {
  const { userId, id } = await params;
  await revokeApiKey(await getStore(), requireUuid(userId, "api_key_not_found"), requireUuid(id, "api_key_not_found"));
  return new Response(null, { status: 204 });
});
