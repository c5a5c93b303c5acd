import { z } from "zod";
import type { NewUser, Store, User, UserRole } from "@/lib/store/types";
import { getConfig } from "@/lib/config";
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password";
import { firstRunGate, type FirstRunGate } from "./setup-code";

/** Account rules shared by the first-run page and the command line. */

export const emailSchema = z
  .string("Enter an email address.")
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address.")
  .max(320, "That email address is too long.")
  .pipe(z.email("Enter a valid email address."));

export const newPasswordSchema = z
  .string("Choose a password.")
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters for the password.`)
  .max(MAX_PASSWORD_LENGTH, "That password is too long.");

export const nameSchema = z
  .string("Enter a name.")
  .trim()
  .min(1, "Enter a name.")
  .max(100, "Use at most 100 characters for the name.")
  .refine((name) => !/[\u0000-\u001f]/.test(name), "The name contains a control character.");

export const newAccountSchema = z.object({ name: nameSchema, email: emailSchema, password: newPasswordSchema });

export type NewAccount = z.infer<typeof newAccountSchema>;

async function toNewUser(account: NewAccount, role: UserRole): Promise<NewUser> {
  return { name: account.name, email: account.email, role, passwordHash: await hashPassword(account.password) };
}

export function currentFirstRunGate(): FirstRunGate {
  const config = getConfig();
  // Only `next dev` is assumed to be the operator's own machine; any
  // production server may be reachable by strangers before its owner.
  const publicDeployment = Boolean(config.dynamoTable) || process.env.NODE_ENV === "production";
  return firstRunGate({ setupCode: config.setupCode, publicDeployment });
}

export async function needsFirstRun(store: Store): Promise<boolean> {
  return (await store.countUsers()) === 0;
}

/** The first account is the admin; null when someone already set Parley up. */
export async function createFirstAccount(store: Store, account: NewAccount): Promise<User | null> {
  return store.createFirstUser(await toNewUser(account, "admin"));
}

/** Throws EmailTakenError when the email is in use. */
export async function createAccount(store: Store, account: NewAccount, role: UserRole): Promise<User> {
  return store.createUser(await toNewUser(account, role));
}

export async function resetPassword(store: Store, email: string, password: string): Promise<boolean> {
  const user = await store.getUserByEmail(email);
  if (!user) return false;
  return store.setPasswordHash(user.id, await hashPassword(password));
}
