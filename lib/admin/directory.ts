import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/errors/api-error";
import { InvalidCursorError, type AuditEntry, type DirectoryUser, type Page, type Store } from "@/lib/store/types";
import type { ListedAuditEntry, ListedPerson } from "./listed";

/** The admin area's lists, as plain JSON for the pages and the API. */

export const PEOPLE_PAGE_SIZE = 25;
export const AUDIT_PAGE_SIZE = 50;

export const directoryQuerySchema = z.object({
  q: z.string().max(320).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

const listed = (user: DirectoryUser): ListedPerson => ({
  id: user.id,
  name: user.name,
  email: user.email,
  role: user.role,
  status: user.status,
  createdAt: user.createdAt.toISOString(),
  lastActiveAt: user.lastActiveAt?.toISOString() ?? null,
});

const listedEntry = (entry: AuditEntry): ListedAuditEntry => ({
  id: entry.id,
  at: entry.at.toISOString(),
  actorEmail: entry.actorEmail,
  action: entry.action,
  targetEmail: entry.targetEmail,
  detail: entry.detail,
});

async function readPage<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new ApiError(400, "invalid_cursor");
    throw error;
  }
}

export async function listPeople(
  store: Store,
  query: z.infer<typeof directoryQuerySchema>,
): Promise<Page<ListedPerson>> {
  const page = await readPage(() =>
    store.listUserDirectory({ limit: query.limit ?? PEOPLE_PAGE_SIZE, cursor: query.cursor || null, query: query.q }),
  );
  return { items: page.items.map(listed), nextCursor: page.nextCursor };
}

export async function listAuditEntries(
  store: Store,
  query: { cursor?: string; limit?: number },
): Promise<Page<ListedAuditEntry>> {
  const page = await readPage(() => store.listAudit({ limit: query.limit ?? AUDIT_PAGE_SIZE, cursor: query.cursor || null }));
  return { items: page.items.map(listedEntry), nextCursor: page.nextCursor };
}
