import { createHash } from "node:crypto";
import { z } from "zod";
import type { Store, User, UserWithPassword } from "@/lib/store/types";
import { burnPasswordCheck, MAX_PASSWORD_LENGTH, verifyPassword } from "./password";
import { admitSignInAttempt, recordSignInSuccess } from "./throttle";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email.").max(320).pipe(z.email("Enter a valid email address.")),
  password: z.string().min(1, "Enter your password.").max(MAX_PASSWORD_LENGTH, "That password is too long."),
});

export type CredentialCheck =
  | { ok: true; user: User; credentialVersion: string }
  | { ok: false; reason: "invalid" | "throttled" | "disabled" };

/**
 * The whole sign-in decision, independent of NextAuth: throttle first (so a
 * blocked caller cannot keep guessing), then a constant-cost password check.
 */
export async function checkCredentials(
  store: Store,
  input: { email: string; password: string; address: string | null },
  now = new Date(),
): Promise<CredentialCheck> {
  const subject = { email: input.email, address: input.address };
  if (!(await admitSignInAttempt(store, subject, now))) return { ok: false, reason: "throttled" };

  const found = await store.getUserByEmail(input.email);
  const valid = found
    ? await verifyPassword(input.password, found.passwordHash)
    : await burnPasswordCheck(input.password);
  if (!found || !valid) return { ok: false, reason: "invalid" };
  await recordSignInSuccess(store, subject, now);
  // Said only to someone who knows the password.
  if (found.status !== "active") return { ok: false, reason: "disabled" };
  const { passwordHash, ...user } = found;
  return { ok: true, user, credentialVersion: credentialVersion(passwordHash) };
}

/**
 * A short fingerprint of the stored password hash, carried in the session.
 * Changing the password changes it, which ends every session signed in with
 * the old one. It reveals nothing: the hash it is taken from is salted.
 */
export function credentialVersion(passwordHash: string): string {
  return createHash("sha256").update(passwordHash).digest("base64url").slice(0, 16);
}

/** Whether a session still speaks for this account (not removed or disabled, password unchanged). */
export function sessionIsCurrent(
  session: { userId: string; credentialVersion: string | undefined },
  account: UserWithPassword | null,
): account is UserWithPassword {
  return (
    account !== null &&
    account.id === session.userId &&
    account.status === "active" &&
    session.credentialVersion !== undefined &&
    credentialVersion(account.passwordHash) === session.credentialVersion
  );
}
