import { issueResetLink } from "@/lib/admin/people";
import { requireUuid } from "@/lib/http";
import { withAdmin } from "@/lib/http/admin";
import { getStore } from "@/lib/store";

type Context = { params: Promise<{ id: string }> };

/** POST → 201 { user, path, expiresAt }: a new one-time link; the person's sessions and old password end now. */
export const POST = withAdmin<Context>(async (_request, admin, { params }) => {
  const id = requireUuid((await params).id, "user_not_found");
  const link = await issueResetLink(await getStore(), admin, id);
  return Response.json(
    { user: { id: link.user.id, email: link.user.email }, path: link.path, expiresAt: link.expiresAt.toISOString() },
    { status: 201 },
  );
});
