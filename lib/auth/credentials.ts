import { z } from "zod";
import type { Store, User } from "@/lib/store/types";
import { burnPasswordCheck, MAX_PASSWORD_LENGTH, verifyPassword } from "./password";
import { admitSignInAttempt, recordSignInFailure, recordSignInSuccess } from "./throttle";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email.").max(320).pipe(z.email("Enter a valid email address.")),
  password: z.string().min(1, "Enter your password.").max(MAX_PASSWORD_LENGTH, "That password is too long."),
});

export type CredentialCheck =
  | { ok: true; user: User }
  | { ok: false; reason: "invalid" | "throttled" };

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
  if (!found || !valid) {
    await recordSignInFailure(store, subject, now);
    return { ok: false, reason: "invalid" };
  }
  await recordSignInSuccess(store, subject, now);
  const { passwordHash, ...user } = found;
  return { ok: true, user };
}

/**
 * The client address as the nearest proxy saw it: the right-most
 * X-Forwarded-For entry, which a client cannot choose when a proxy (or
 * CloudFront) appends to the header. The per-email limit does not depend on it.
 */
export function clientAddress(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}
