import { apiKeyView, createApiKey, newKeySchema } from "@/lib/api/keys";
import { readJson, withUser } from "@/lib/http";
import { getStore } from "@/lib/store";

/** GET → { keys }: the signed-in person's API keys (never the keys themselves). */
export const GET = withUser(async (_request, user) => {
  const keys = await (await getStore()).listApiKeys(user.id);
  return Response.json({ keys: keys.map(apiKeyView) });
});

/** POST { name, expiresInDays? } → 201 { key, secret }: the secret is shown this once. */
export const POST = withUser(async (request, user) => {
  const input = await readJson(request, newKeySchema, 4 * 1024);
  return Response.json(await createApiKey(await getStore(), user.id, input), { status: 201 });
});
