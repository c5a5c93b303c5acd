import "server-only";
import { z } from "zod";
import { emailSchema, nameSchema } from "@/lib/auth/accounts";
import { removeAccount } from "@/lib/auth/remove-account";
import type { BlobStore } from "@/lib/blobs/types";
import { ApiError } from "@/lib/errors/api-error";
import { EmailTakenError, LastAdminError, type Store, type User, type UserRole, type UserStatus } from "@/lib/store/types";
import { recordAudit, type Actor } from "./audit";
import { hashLinkToken, INVITE_LIFETIME_MS, invitePath, lockedPasswordHash, newLinkToken } from "./tokens";

/**
 * What an admin (or the operator at the command line) does to people. Each
 * action is written to the audit log after it succeeds.
 */

export const newPersonSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  role: z.enum(["admin", "user"], "Choose a role: admin or user."),
});

export type NewPerson = z.infer<typeof newPersonSchema>;

export interface IssuedLink {
  user: User;
  /** Path of the one-time link (/invite/<token>); the caller adds the origin. */
  path: string;
  expiresAt: Date;
}

/** Locks the account to a fresh unusable password and makes the link that lets the person set one. */
async function issueLink(store: Store, user: User, purpose: "invite" | "reset", lockedHash: string): Promise<IssuedLink> {
  const token = newLinkToken();
  const expiresAt = new Date(Date.now() + INVITE_LIFETIME_MS);
  await store.createInvite({ tokenHash: hashLinkToken(token), userId: user.id, purpose, expiresAt, lockedHash });
  return { user, path: invitePath(token), expiresAt };
}

/** Creates the account with no usable password and answers its invite link. */
export async function addPerson(store: Store, actor: Actor, person: NewPerson): Promise<IssuedLink> {
  const lockedHash = lockedPasswordHash();
  let user: User;
  try {
    user = await store.createUser({ ...person, passwordHash: lockedHash });
  } catch (error) {
    if (error instanceof EmailTakenError) throw new ApiError(409, "email_taken");
    throw error;
  }
  const link = await issueLink(store, user, "invite", lockedHash);
  await recordAudit(store, actor, "user_invited", user, { role: user.role });
  return link;
}

async function findPerson(store: Store, userId: string): Promise<User> {
  const user = await store.getUserById(userId);
  if (!user) throw new ApiError(404, "user_not_found");
  return user;
}

/**
 * A new one-time link. The old password stops working and every session
 * ends at once (the session check compares the stored password hash), and
 * any earlier link for the account becomes void.
 */
export async function issueResetLink(store: Store, actor: Actor, userId: string): Promise<IssuedLink> {
  const user = await findPerson(store, userId);
  const lockedHash = lockedPasswordHash();
  if (!(await store.setPasswordHash(user.id, lockedHash))) throw new ApiError(404, "user_not_found");
  const link = await issueLink(store, user, "reset", lockedHash);
  await recordAudit(store, actor, "password_reset", user);
  return link;
}

async function guarded<T>(change: () => Promise<T | null>): Promise<T> {
  try {
    const result = await change();
    if (result === null) throw new ApiError(404, "user_not_found");
    return result;
  } catch (error) {
    if (error instanceof LastAdminError) throw new ApiError(409, "last_admin");
    throw error;
  }
}

export async function setRole(store: Store, actor: Actor, userId: string, role: UserRole): Promise<User> {
  const before = await findPerson(store, userId);
  const user = await guarded(() => store.setUserRole(before.id, role));
  if (before.role !== role) await recordAudit(store, actor, "role_changed", user, { from: before.role, to: role });
  return user;
}

export async function setStatus(store: Store, actor: Actor, userId: string, status: UserStatus): Promise<User> {
  const before = await findPerson(store, userId);
  const user = await guarded(() => store.setUserStatus(before.id, status));
  if (before.status !== status) {
    await recordAudit(store, actor, status === "disabled" ? "user_disabled" : "user_enabled", user);
  }
  return user;
}

/** Deletes the person and all their data, once `confirmEmail` repeats their email. */
/** Removes the person with all their data; their attached files too when given the blob store. */
export async function removePerson(store: Store, actor: Actor, userId: string, confirmEmail: string, blobs?: BlobStore): Promise<void> {
  const user = await findPerson(store, userId);
  if (confirmEmail.trim().toLowerCase() !== user.email) throw new ApiError(400, "confirm_email_mismatch");
  await guarded(async () => ((await (blobs ? removeAccount(store, blobs, user.id) : store.deleteUser(user.id))) ? true : null));
  await recordAudit(store, actor, "user_removed", user, { name: user.name });
}
