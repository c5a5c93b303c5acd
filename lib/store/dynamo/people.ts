import { randomUUID } from "node:crypto";

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
import { encodeSettings, iso, toAuditEntry, toDirectoryUser, toInvite, toUser } from "./codec";
import { decodeCursor, encodeCursor } from "./cursor";
import {
  accountCounterKey,
  AUDIT_PARTITION,
  auditSortKey,
  DIRECTORY_PARTITION,
  directorySortKey,
  emailKey,
  inviteKey,
  invitesPartition,
  normaliseId,
  PROFILE_PREFIX,
  profileKey,
  USERS_PARTITION,
  type Key,
} from "./keys";
import type { Item, Table } from "./table";
import { GSI1, TTL_ATTRIBUTE } from "./table-definition";

/**
 * People administration on DynamoDB, without transactions (see users.ts):
 * every rule that must hold under concurrency is one conditional write.
 *
 * - The last-admin rule: the account counter item carries `admins`, the
 *   number of active admins. Taking someone out of that set first lowers
 *   the counter with the condition `admins > 1`, then changes the account;
 *   putting someone in changes the account first, then raises it. An
 *   interruption can only leave the counter too low, which errs on the safe
 *   side (a change is refused, never wrongly allowed).
 * - Role and status live on both the sign-in item (which every session
 *   check reads, so a change takes effect there first) and the profile
 *   (which the directory lists).
 */

/** The index keys and lower-cased search text a profile carries for the directory. */
export function directoryFields(user: User): Item {
  return {
    gsi1pk: DIRECTORY_PARTITION,
    gsi1sk: directorySortKey(iso(user.createdAt), user.id),
    search: `${user.name.toLowerCase()}\n${user.email}`,
  };
}

const isActiveAdmin = (account: { role: UserRole; status: UserStatus }): boolean =>
  account.role === "admin" && account.status === "active";

const DIRECTORY_VERSION = 1;
const upToDate = new WeakSet<Table>();

/**
 * Tables made before the directory existed have profiles without its index
 * keys and no admin count: both are filled in once. Every write that can
 * change the number of active admins calls this first, and the count is
 * taken before the marker is set, so no such change can be missed or counted
 * twice.
 */
export async function ensureDirectory(table: Table): Promise<void> {
  if (upToDate.has(table)) return;
  const counter = await table.get(accountCounterKey);
  if (typeof counter?.directory === "number" && counter.directory >= DIRECTORY_VERSION) {
    upToDate.add(table);
    return;
  }
  const profiles = await table.queryAll({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :profile)",
    ExpressionAttributeValues: { ":pk": USERS_PARTITION, ":profile": PROFILE_PREFIX },
    ConsistentRead: true,
  });
  let admins = 0;
  for (const profile of profiles) {
    const user = toUser(profile);
    if (isActiveAdmin(user)) admins++;
    if (profile.gsi1pk !== DIRECTORY_PARTITION) {
      const fields = directoryFields(user);
      await table.update(profileKey(user.id), {
        UpdateExpression: "SET gsi1pk = :pk, gsi1sk = :sk, #search = :search",
        ConditionExpression: "attribute_exists(pk)",
        // SEARCH is one of DynamoDB's reserved words.
        ExpressionAttributeNames: { "#search": "search" },
        ExpressionAttributeValues: { ":pk": fields.gsi1pk, ":sk": fields.gsi1sk, ":search": fields.search },
      });
    }
  }
  await table.update(accountCounterKey, {
    UpdateExpression: "SET directory = :version, admins = :admins",
    ConditionExpression: "attribute_not_exists(directory)",
    ExpressionAttributeValues: { ":version": DIRECTORY_VERSION, ":admins": admins },
  });
  upToDate.add(table);
}

/** Raises or lowers the active-admin count; lowering is refused (false) when it would reach zero. */
export async function adjustAdmins(table: Table, by: 1 | -1): Promise<boolean> {
  const updated = await table.update(accountCounterKey, {
    UpdateExpression: "ADD admins :by",
    ConditionExpression: by < 0 ? "admins > :one" : undefined,
    ExpressionAttributeValues: by < 0 ? { ":by": by, ":one": 1 } : { ":by": by },
  });
  return updated !== null;
}

export async function listUserDirectory(
  table: Table,
  options: { limit: number; cursor?: string | null; query?: string },
): Promise<Page<DirectoryUser>> {
  await ensureDirectory(table);
  const limit = pageSize(options.limit);
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const query = options.query?.trim().toLowerCase();
  const values: Record<string, unknown> = { ":pk": DIRECTORY_PARTITION };
  if (after) values[":after"] = directorySortKey(after.updatedAt, after.id);
  if (query) values[":q"] = query;
  const found: DirectoryUser[] = [];
  // A filter applies after each page is read, so pages are read until one
  // more match than asked for shows there is a next page.
  for await (const item of table.query({
    IndexName: GSI1,
    KeyConditionExpression: after ? "gsi1pk = :pk AND gsi1sk < :after" : "gsi1pk = :pk",
    FilterExpression: query ? "contains(#search, :q)" : undefined,
    ExpressionAttributeNames: query ? { "#search": "search" } : undefined,
    ExpressionAttributeValues: values,
    ScanIndexForward: false,
    Limit: query ? 200 : limit + 1,
  })) {
    found.push(toDirectoryUser(item));
    if (found.length > limit) break;
  }
  const items = found.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: found.length > limit && last ? encodeCursor({ updatedAt: iso(last.createdAt), id: last.id }) : null,
  };
}

export async function recordUserActivity(table: Table, userId: string, at: Date): Promise<void> {
  if (!isUuid(userId)) return;
  // Never backwards, and never recreating a profile that was removed.
  await table.update(profileKey(normaliseId(userId)), {
    UpdateExpression: "SET lastActiveAt = :at",
    ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(lastActiveAt) OR lastActiveAt < :at)",
    ExpressionAttributeValues: { ":at": iso(at) },
  });
}

const MAX_ATTEMPTS = 5;

async function changeAccount(
  table: Table,
  userId: string,
  change: { role: UserRole } | { status: UserStatus },
): Promise<User | null> {
  if (!isUuid(userId)) return null;
  await ensureDirectory(table);
  const id = normaliseId(userId);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const profile = await table.get(profileKey(id));
    if (!profile) return null;
    const login = await table.get(emailKey(toUser(profile).email));
    // The sign-in item speaks for the account; a profile without one (a
    // sign-up cut off half-way) cannot sign in and holds no admin place.
    const current = login?.userId === id ? toUser(login) : null;
    if (!current) return null;
    const next = { ...current, ...change };
    const leaves = isActiveAdmin(current) && !isActiveAdmin(next);
    const joins = !isActiveAdmin(current) && isActiveAdmin(next);
    if (leaves && !(await adjustAdmins(table, -1))) throw new LastAdminError();
    // Only over exactly the state read above: a concurrent change makes this
    // fail, and the loop starts again from what is there now.
    const written = await table.update(emailKey(current.email), {
      UpdateExpression: "SET #role = :role, #status = :status",
      // Accounts from before statuses existed have none, which reads as active.
      ConditionExpression: `userId = :id AND #role = :oldRole AND ${
        current.status === "active" ? "(#status = :oldStatus OR attribute_not_exists(#status))" : "#status = :oldStatus"
      }`,
      ExpressionAttributeNames: { "#role": "role", "#status": "status" },
      ExpressionAttributeValues: {
        ":id": id,
        ":role": next.role,
        ":status": next.status,
        ":oldRole": current.role,
        ":oldStatus": current.status,
      },
    });
    if (!written) {
      if (leaves) await adjustAdmins(table, 1);
      continue;
    }
    await table.update(profileKey(id), {
      UpdateExpression: "SET #role = :role, #status = :status",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeNames: { "#role": "role", "#status": "status" },
      ExpressionAttributeValues: { ":role": next.role, ":status": next.status },
    });
    if (joins) await adjustAdmins(table, 1);
    return next;
  }
  throw new Error("The account kept changing while it was being updated; try again.");
}

export const setUserRole = (table: Table, userId: string, role: UserRole) => changeAccount(table, userId, { role });
export const setUserStatus = (table: Table, userId: string, status: UserStatus) =>
  changeAccount(table, userId, { status });

/** Used links stay readable this long after they expire, so the page can say so; then TTL removes them. */
const INVITE_KEPT_AFTER_EXPIRY_S = 30 * 24 * 60 * 60;

export async function createInvite(table: Table, input: NewInvite): Promise<Invite> {
  const createdAt = iso(new Date());
  const item: Item = {
    ...inviteKey(input.tokenHash),
    kind: "invite",
    tokenHash: input.tokenHash,
    userId: normaliseId(input.userId),
    purpose: input.purpose,
    lockedHash: input.lockedHash,
    createdAt,
    expiresOn: iso(input.expiresAt),
    gsi1pk: invitesPartition(normaliseId(input.userId)),
    gsi1sk: createdAt,
    [TTL_ATTRIBUTE]: Math.ceil(input.expiresAt.getTime() / 1000) + INVITE_KEPT_AFTER_EXPIRY_S,
  };
  if (!(await table.put(item, { expression: "attribute_not_exists(pk)" }))) {
    throw new Error("An invite link with this token already exists.");
  }
  return toInvite(item);
}

export async function getInvite(table: Table, tokenHash: string): Promise<Invite | null> {
  const item = await table.get(inviteKey(tokenHash));
  return item ? toInvite(item) : null;
}

export async function redeemInvite(
  table: Table,
  tokenHash: string,
  passwordHash: string,
  now: Date,
): Promise<InviteRedemption> {
  // Marking the link used is the one conditional write concurrent attempts race for.
  const claimed = await table.update(inviteKey(tokenHash), {
    UpdateExpression: "SET usedAt = :now",
    ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(usedAt) AND expiresOn > :now",
    ExpressionAttributeValues: { ":now": iso(now) },
    ReturnValues: "ALL_NEW",
  });
  if (!claimed) {
    const invite = await table.get(inviteKey(tokenHash));
    if (!invite) return { ok: false, reason: "unknown" };
    return { ok: false, reason: typeof invite.usedAt === "string" ? "used" : "expired" };
  }
  const userId = claimed.userId as string;
  const profile = await table.get(profileKey(userId));
  if (!profile) return { ok: false, reason: "replaced" };
  const changed = await table.update(emailKey(toUser(profile).email), {
    UpdateExpression: "SET passwordHash = :hash",
    ConditionExpression: "userId = :id AND passwordHash = :locked",
    ExpressionAttributeValues: { ":hash": passwordHash, ":id": userId, ":locked": claimed.lockedHash },
  });
  return changed ? { ok: true, userId } : { ok: false, reason: "replaced" };
}

/** The keys of every invite link a person has (for removing them with the account). */
export async function inviteKeysOf(table: Table, userId: string): Promise<Key[]> {
  const items = await table.queryAll({
    IndexName: GSI1,
    KeyConditionExpression: "gsi1pk = :pk",
    ExpressionAttributeValues: { ":pk": invitesPartition(userId) },
    ProjectionExpression: "pk, sk",
  });
  return items.map((item) => ({ pk: item.pk as string, sk: item.sk as string }));
}

export async function appendAudit(table: Table, entry: NewAuditEntry): Promise<AuditEntry> {
  const id = randomUUID();
  const at = iso(entry.at ?? new Date());
  const item: Item = {
    pk: AUDIT_PARTITION,
    sk: auditSortKey(at, id),
    kind: "audit",
    id,
    at,
    actorId: entry.actorId ?? undefined,
    actorEmail: entry.actorEmail ?? undefined,
    action: entry.action,
    targetId: entry.targetId ?? undefined,
    targetEmail: entry.targetEmail ?? undefined,
    detail: encodeSettings(entry.detail),
  };
  await table.put(item);
  return toAuditEntry(item);
}

export async function listAudit(
  table: Table,
  options: { limit: number; cursor?: string | null },
): Promise<Page<AuditEntry>> {
  const limit = pageSize(options.limit);
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const found: AuditEntry[] = [];
  for await (const item of table.query({
    KeyConditionExpression: after ? "pk = :pk AND sk < :after" : "pk = :pk",
    ExpressionAttributeValues: after
      ? { ":pk": AUDIT_PARTITION, ":after": auditSortKey(after.updatedAt, after.id) }
      : { ":pk": AUDIT_PARTITION },
    ScanIndexForward: false,
    Limit: limit + 1,
    ConsistentRead: true,
  })) {
    found.push(toAuditEntry(item));
    if (found.length > limit) break;
  }
  const items = found.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: found.length > limit && last ? encodeCursor({ updatedAt: iso(last.at), id: last.id }) : null };
}
