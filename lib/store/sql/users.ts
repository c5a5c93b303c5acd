import { asc, count, eq, sql } from "drizzle-orm";

import { isUuid } from "@/lib/chat/ids";
import { EmailTakenError, type NewUser, type User, type UserWithPassword } from "../types";
import { storableText, toUser } from "./codec";
import { sqlState, UNIQUE_VIOLATION, type SqlDatabase } from "./database";
import { guardLastAdmin } from "./people";
import { users } from "./schema";

export async function countUsers(db: SqlDatabase): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function createUser(db: SqlDatabase, input: NewUser): Promise<User> {
  const email = input.email.toLowerCase();
  try {
    const [row] = await db
      .insert(users)
      .values({ email: storableText(email), name: storableText(input.name), passwordHash: input.passwordHash, role: input.role })
      .returning();
    return toUser(row!);
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) throw new EmailTakenError(email);
    throw error;
  }
}

export async function createFirstUser(db: SqlDatabase, input: NewUser): Promise<User | null> {
  return db.transaction(async (tx) => {
    // SHARE ROW EXCLUSIVE conflicts with itself and with inserts, so two
    // first-run submissions serialise here and the second sees count 1.
    // (An advisory lock would not stop a concurrent plain createUser.)
    await tx.execute(sql`lock table ${users} in share row exclusive mode`);
    const [existing] = await tx.select({ id: users.id }).from(users).limit(1);
    if (existing) return null;
    const [row] = await tx
      .insert(users)
      .values({
        email: storableText(input.email.toLowerCase()),
        name: storableText(input.name),
        passwordHash: input.passwordHash,
        role: input.role,
      })
      .returning();
    return toUser(row!);
  });
}

export async function getUserByEmail(db: SqlDatabase, email: string): Promise<UserWithPassword | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.email, email.toLowerCase()));
  return row ? { ...toUser(row), passwordHash: row.passwordHash } : null;
}

export async function getUserById(db: SqlDatabase, id: string): Promise<User | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ? toUser(row) : null;
}

export async function listUsers(db: SqlDatabase): Promise<User[]> {
  const rows = await db.select().from(users).orderBy(asc(users.createdAt), asc(users.id));
  return rows.map(toUser);
}

export async function deleteUser(db: SqlDatabase, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  // Conversations, messages, settings, presets and invites go with it (ON DELETE CASCADE).
  return db.transaction(async (tx) => {
    await guardLastAdmin(tx, id.toLowerCase(), false);
    const rows = await tx.delete(users).where(eq(users.id, id)).returning({ id: users.id });
    return rows.length > 0;
  });
}

export async function setPasswordHash(db: SqlDatabase, userId: string, passwordHash: string): Promise<boolean> {
  if (!isUuid(userId)) return false;
  const rows = await db
    .update(users)
    .set({ passwordHash })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  return rows.length > 0;
}
