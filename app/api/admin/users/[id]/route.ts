import { z } from "zod";
import { removePerson, setRole, setStatus } from "@/lib/admin/people";
import { readJson, requireUuid } from "@/lib/http";
import { withAdmin } from "@/lib/http/admin";
import { getBlobStore } from "@/lib/blobs";
import { getStore } from "@/lib/store";

type Context = { params: Promise<{ id: string }> };

const changeSchema = z.union([
  z.strictObject({ role: z.enum(["admin", "user"]) }),
  z.strictObject({ status: z.enum(["active", "disabled"]) }),
]);

/** PATCH { role } or { status } → { user: { id, role, status } }; 409 last_admin when no active admin would be left. */
export const PATCH = withAdmin<Context>(async (request, admin, { params }) => {
  const id = requireUuid((await params).id, "user_not_found");
  const change = await readJson(request, changeSchema, 1024);
  const store = await getStore();
  const user = "role" in change ? await setRole(store, admin, id, change.role) : await setStatus(store, admin, id, change.status);
  return Response.json({ user: { id: user.id, role: user.role, status: user.status } });
});

/** DELETE { confirmEmail } → 204: the person and all their data. */
export const DELETE = withAdmin<Context>(async (request, admin, { params }) => {
  const id = requireUuid((await params).id, "user_not_found");
  const { confirmEmail } = await readJson(request, z.object({ confirmEmail: z.string().max(320) }), 1024);
  await removePerson(await getStore(), admin, id, confirmEmail, await getBlobStore());
  return new Response(null, { status: 204 });
});
