import { listEveryonesKeys } from "@/lib/api/keys";
import { withAdmin } from "@/lib/http/admin";
import { getStore } from "@/lib/store";

/** GET → { keys }: everyone's API keys with their owners (admins only). */
export const GET = withAdmin(async () => {
  return Response.json({ keys: await listEveryonesKeys(await getStore()) });
});
