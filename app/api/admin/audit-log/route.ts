import { z } from "zod";
import { listAuditEntries } from "@/lib/admin/directory";
import { ApiError } from "@/lib/errors/api-error";
import { withAdmin } from "@/lib/http/admin";
import { getStore } from "@/lib/store";

const querySchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

/** GET /api/admin/audit-log?cursor=&limit= → { items, nextCursor }, newest first. */
export const GET = withAdmin(async (request) => {
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new ApiError(400, "invalid_request", { detail: query.error.issues[0].message });
  return Response.json(await listAuditEntries(await getStore(), query.data));
});
