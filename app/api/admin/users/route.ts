import { directoryQuerySchema, listPeople } from "@/lib/admin/directory";
import { addPerson, newPersonSchema } from "@/lib/admin/people";
import { ApiError } from "@/lib/errors/api-error";
import { readJson } from "@/lib/http";
import { withAdmin } from "@/lib/http/admin";
import { getStore } from "@/lib/store";

/** GET /api/admin/users?q=&cursor=&limit= → { items, nextCursor }, newest account first. */
export const GET = withAdmin(async (request) => {
  const query = directoryQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new ApiError(400, "invalid_request", { detail: query.error.issues[0].message });
  return Response.json(await listPeople(await getStore(), query.data));
});

/** POST { name, email, role } → 201 { user, path, expiresAt }: the account and its one-time invite link. */
export const POST = withAdmin(async (request, admin) => {
  const person = await readJson(request, newPersonSchema, 4 * 1024);
  const link = await addPerson(await getStore(), admin, person);
  return Response.json(
    { user: { id: link.user.id, email: link.user.email }, path: link.path, expiresAt: link.expiresAt.toISOString() },
    { status: 201 },
  );
});
