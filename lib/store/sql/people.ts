import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";

import { isUuid } from "@/lib/chat/ids";
import {
  LastAdminError,
  type AuditEntry,
  type DirectoryUser,
  type Invite,
  type InviteRedemption,
  type NewAuditEntry,
  type NewInvite,
  type Page,
  type User,
  type UserRole,
  type UserStatus,
} from "../types";
import { pageSize } from "../page-size";
import { storableText, toAuditEntry, toDirectoryUser, toInvite, toUser } from "./codec";
import { decodeCursor } from "./cursor";
import type { SqlDatabase } from "./database";
import { auditLog, invites, users } from "./schema";

/**
 * People administration: the user directory, role and status changes with
 * the last-admin rule, invite links and the audit log.
 */

type Tx = Parameters<Parameters<SqlDatabase["transaction"]>[0]>[0];

/** `query` as a LIKE pattern matching it anywhere, its wildcards taken literally. */
const containsPattern = (query: string): string => `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const cursorOf = (at: Date, id: string): string => Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");

export async function listUserDirectory(
  db: SqlDatabase,
  options: { limit: number; cursor?: string | null; query?: string },
): Promise<Page<DirectoryUser>> {
  const limit = pageSize(options.limit);
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const query = options.query?.trim().toLowerCase();
  const pattern = query ? containsPattern(storableText(query)) : null;
  const rows = await db
    .select()
    .from(users)
    .where(
      and(
        pattern ? or(sql`lower(${users.name}) like ${pattern}`, sql`${users.email} like ${pattern}`) : undefined,
        after ? sql`(${users.createdAt}, ${users.id}) < (${after.updatedAt}, ${after.id})` : undefined,
      ),
    )
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(toDirectoryUser);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? cursorOf(last.createdAt, last.id) : null };
}

export async function recordUserActivity(db: SqlDatabase, userId: string, at: Date): Promise<void> {
  if (!isUuid(userId)) return;
  // Never backwards: requests can finish out of order.
  await db
    .update(users)
    .set({ lastActiveAt: at })
    .where(and(eq(users.id, userId), or(isNull(users.lastActiveAt), lt(users.lastActiveAt, at))));
}

/**
 * Locks every active admin's row, so two transactions that could each remove
 * "the other" admin run one after the other; the second then sees the first's
 * change (Postgres re-checks a locked row's condition after waiting for it).
 */
async function lockActiveAdmins(tx: Tx): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.status, "active")))
    // One lock order for everyone, so two such transactions cannot deadlock.
    .orderBy(users.id)
    .for("update");
  return rows.map((row) => row.id);
}

/** Throws LastAdminError when `userId` is the only active admin and would stop being one. */
export async function guardLastAdmin(tx: Tx, userId: string, staysActiveAdmin: boolean): Promise<void> {
  const admins = await lockActiveAdmins(tx);
  if (!staysActiveAdmin && admins.length === 1 && admins[0] === userId) throw new LastAdminError();
}

async function changeAccount(
  db: SqlDatabase,
  userId: string,
  change: { role: UserRole } | { status: UserStatus },
): Promise<User | null> {
  if (!isUuid(userId)) return null;
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(users).where(eq(users.id, userId));
    if (!current) return null;
    const next = { role: current.role, status: current.status, ...change };
    await guardLastAdmin(tx, current.id, next.role === "admin" && next.status === "active");
    const [row] = await tx.update(users).set(change).where(eq(users.id, current.id)).returning();
    return row ? toUser(row) : null;
  });
}

export const setUserRole = (db: SqlDatabase, userId: string, role: UserRole) => changeAccount(db, userId, { role });
export const setUserStatus = (db: SqlDatabase, userId: string, status: UserStatus) => changeAccount(db, userId, { status });

export async function createInvite(db: SqlDatabase, input: NewInvite): Promise<Invite> {
  const [row] = await db
    .insert(invites)
    .values({
      tokenHash: input.tokenHash,
      userId: input.userId,
      purpose: input.purpose,
      lockedHash: input.lockedHash,
      expiresAt: input.expiresAt,
    })
    .returning();
  return toInvite(row!);
}

export async function getInvite(db: SqlDatabase, tokenHash: string): Promise<Invite | null> {
  const [row] = await db.select().from(invites).where(eq(invites.tokenHash, tokenHash));
  return row ? toInvite(row) : null;
}

export async function redeemInvite(
  db: SqlDatabase,
  tokenHash: string,
  passwordHash: string,
  now: Date,
): Promise<InviteRedemption> {
  return db.transaction(async (tx) => {
    // The row lock makes concurrent redemptions of one link queue here; the
    // second then sees used_at set.
    const [invite] = await tx.select().from(invites).where(eq(invites.tokenHash, tokenHash)).for("update");
    if (!invite) return { ok: false, reason: "unknown" };
    if (invite.usedAt) return { ok: false, reason: "used" };
    if (invite.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
    await tx.update(invites).set({ usedAt: now }).where(eq(invites.tokenHash, tokenHash));
    const changed = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, invite.userId), eq(users.passwordHash, invite.lockedHash)))
      .returning({ id: users.id });
    if (changed.length === 0) return { ok: false, reason: "replaced" };
    return { ok: true, userId: invite.userId };
  });
}

export async function appendAudit(db: SqlDatabase, entry: NewAuditEntry): Promise<AuditEntry> {
  const [row] = await db
    .insert(auditLog)
    .values({
      at: entry.at ?? new Date(),
      actorId: entry.actorId && isUuid(entry.actorId) ? entry.actorId : null,
      actorEmail: entry.actorEmail === null ? null : storableText(entry.actorEmail),
      action: entry.action,
      targetId: entry.targetId && isUuid(entry.targetId) ? entry.targetId : null,
      targetEmail: entry.targetEmail === null ? null : storableText(entry.targetEmail),
      detail: entry.detail,
    })
    .returning();
  return toAuditEntry(row!);
}

export async function listAudit(
  db: SqlDatabase,
  options: { limit: number; cursor?: string | null },
): Promise<Page<AuditEntry>> {
  const limit = pageSize(options.limit);
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const rows = await db
    .select()
    .from(auditLog)
    .where(after ? sql`(${auditLog.at}, ${auditLog.id}) < (${after.updatedAt}, ${after.id})` : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(toAuditEntry);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? cursorOf(last.at, last.id) : null };
}
