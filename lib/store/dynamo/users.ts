import { randomUUID } from "node:crypto";

import { isUuid } from "@/lib/chat/ids";
import { EmailTakenError, LastAdminError, type NewUser, type User, type UserWithPassword } from "../types";
import { toUser, toUserWithPassword, userFields } from "./codec";
import { adjustAdmins, directoryFields, ensureDirectory, inviteKeysOf } from "./people";
import type { Item, Table } from "./table";
import {
  accountCounterKey,
  apiKeyHashKey,
  claimKey,
  emailKey,
  normaliseId,
  PROFILE_PREFIX,
  profileKey,
  userPartition,
  USERS_PARTITION,
  type Key,
} from "./keys";

/**
 * Accounts without transactions (dynalite, which the tests run against, has
 * no TransactWriteItems, and code that only AWS could run would be untested).
 * Each step is one conditional single-item write, ordered so that the rule
 * "a sign-in item exists only while its profile does" holds at every moment,
 * even if a request is cut off between two steps:
 *
 * 1. the account counter (`#ACCOUNTS`) goes up — the first-run gate,
 * 2. the profile `USERS / USER#<id>` is written,
 * 3. the sign-in item `EMAIL#<email>` is claimed with attribute_not_exists:
 *    of concurrent sign-ups with one email exactly one gets past this, and
 *    the others remove their profile again.
 *
 * Deleting goes the other way round (sign-in item first), so sessions end
 * at once. A sign-up cut off after step 2 leaves a profile that cannot sign
 * in and holds no email; an administrator sees it and can delete it. The
 * session check reads the sign-in item on every request (one GetItem), so
 * the password hash lives only there; the other fields are copied to both
 * items and never change.
 */

export async function countUsers(table: Table): Promise<number> {
  return table.count({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :profile)",
    ExpressionAttributeValues: { ":pk": USERS_PARTITION, ":profile": PROFILE_PREFIX },
    ConsistentRead: true,
  });
}

export async function createUser(table: Table, input: NewUser): Promise<User> {
  if (input.role === "admin") await ensureDirectory(table);
  await adjustAccounts(table, 1);
  const user = await register(table, input);
  if (input.role === "admin") await adjustAdmins(table, 1);
  return user;
}

export async function createFirstUser(table: Table, input: NewUser): Promise<User | null> {
  // The counter is the single item every sign-up touches first, so "no
  // account yet" and "now there is one" are decided in one conditional write.
  // With no accounts there are no admins either, so the directory's admin
  // count starts here too.
  const opened = await table.update(accountCounterKey, {
    UpdateExpression: "SET accounts = :one, admins = :admins, directory = :directory",
    ConditionExpression: "attribute_not_exists(accounts) OR accounts <= :zero",
    ExpressionAttributeValues: { ":one": 1, ":zero": 0, ":admins": input.role === "admin" ? 1 : 0, ":directory": 1 },
  });
  if (!opened) return null;
  return register(table, input);
}

/** Steps 2 and 3, once the counter has been raised; undoes what it did if they fail. */
async function register(table: Table, input: NewUser): Promise<User> {
  const user: User = {
    id: randomUUID(),
    email: input.email.toLowerCase(),
    name: input.name,
    role: input.role,
    status: "active",
    createdAt: new Date(),
  };
  try {
    await table.put({ ...profileKey(user.id), kind: "user", ...userFields(user), ...directoryFields(user) });
    const signIn = { ...emailKey(user.email), kind: "login", userId: user.id, passwordHash: input.passwordHash, ...userFields(user) };
    if (!(await table.put(signIn, { expression: "attribute_not_exists(pk)" }))) {
      await table.delete(profileKey(user.id));
      throw new EmailTakenError(user.email);
    }
  } catch (error) {
    await adjustAccounts(table, -1).catch(() => {});
    throw error;
  }
  return user;
}

async function releaseEmail(table: Table, email: string, userId: string): Promise<void> {
  await table.delete(emailKey(email), { expression: "userId = :id", values: { ":id": userId } });
}

async function adjustAccounts(table: Table, by: 1 | -1): Promise<void> {
  await table.update(accountCounterKey, {
    UpdateExpression: "ADD accounts :by",
    ExpressionAttributeValues: { ":by": by },
  });
}

export async function getUserByEmail(table: Table, email: string): Promise<UserWithPassword | null> {
  const item = await table.get(emailKey(email.toLowerCase()));
  return item ? toUserWithPassword(item) : null;
}

export async function getUserById(table: Table, id: string): Promise<User | null> {
  if (!isUuid(id)) return null;
  const item = await table.get(profileKey(normaliseId(id)));
  return item ? toUser(item) : null;
}

export async function listUsers(table: Table): Promise<User[]> {
  const items = await table.queryAll({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :profile)",
    ExpressionAttributeValues: { ":pk": USERS_PARTITION, ":profile": PROFILE_PREFIX },
    ConsistentRead: true,
  });
  // As the sql adapter orders them: oldest account first.
  return items
    .map(toUser)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || compare(a.id, b.id));
}

export async function setPasswordHash(table: Table, userId: string, passwordHash: string): Promise<boolean> {
  if (!isUuid(userId)) return false;
  const profile = await table.get(profileKey(normaliseId(userId)));
  if (!profile) return false;
  const user = toUser(profile);
  const updated = await table.update(emailKey(user.email), {
    UpdateExpression: "SET passwordHash = :hash",
    ConditionExpression: "userId = :id",
    ExpressionAttributeValues: { ":hash": passwordHash, ":id": user.id },
  });
  return updated !== null;
}

/**
 * The sign-in item first: from that moment the person cannot sign in and
 * their sessions end. Then everything in their partition (with the id claims
 * it holds), the profile last, so an interrupted deletion can simply be run
 * again.
 */
export async function deleteUser(table: Table, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const userId = normaliseId(id);
  await ensureDirectory(table);
  const profile = await table.get(profileKey(userId));
  if (!profile) return false;
  const login = await table.get(emailKey(toUser(profile).email));
  const account = login?.userId === userId ? toUser(login) : null;
  if (account?.role === "admin" && account.status === "active" && !(await adjustAdmins(table, -1))) {
    throw new LastAdminError();
  }
  await releaseEmail(table, toUser(profile).email, userId);

  const items = await table.queryAll({
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": userPartition(userId) },
    ProjectionExpression: "pk, sk, kind, id, keyHash",
    ConsistentRead: true,
  });
  const keys: Key[] = items.map((item) => ({ pk: item.pk as string, sk: item.sk as string }));
  for (const item of items) {
    const claim = claimHeldBy(item);
    if (claim) keys.push(claim);
  }
  keys.push(...(await inviteKeysOf(table, userId)));
  await table.writeMany([], keys);

  if (!(await table.delete(profileKey(userId)))) return false;
  await adjustAccounts(table, -1);
  return true;
}

/** The id claim that an item of a person's partition holds, if any. */
export function claimHeldBy(item: Item): Key | null {
  // An API key's look-up item goes with its listing item.
  if (item.kind === "apikey" && typeof item.keyHash === "string") return apiKeyHashKey(item.keyHash);
  if (typeof item.id !== "string") return null;
  if (item.kind === "conversation") return claimKey("CONV", item.id);
  if (item.kind === "message") return claimKey("MSG", item.id);
  if (item.kind === "preset") return claimKey("PRESET", item.id);
  return null;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

