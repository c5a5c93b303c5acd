"use server";

import { AuthError } from "next-auth";
import { createFirstAccount, needsFirstRun, newAccountSchema } from "@/lib/auth/accounts";
import { signInSchema } from "@/lib/auth/credentials";
import { safeRedirect } from "@/lib/auth/redirect";
import { signIn, signOut } from "@/lib/auth";
import { getStore } from "@/lib/store";

export interface FormState {
  error?: string;
  /** Echoed back so a failed submission keeps what the person typed. */
  values?: Record<string, string>;
}

async function signInWith(email: string, password: string, redirectTo: string): Promise<FormState | undefined> {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      if (code === "throttled") {
        return { error: "Too many failed sign-in attempts. Wait 15 minutes, then try again.", values: { email } };
      }
      return { error: "Incorrect email or password.", values: { email } };
    }
    throw error; // Next's redirect after a successful sign-in travels as an exception.
  }
}

export async function signInAction(_previous: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get("email") ?? "");
  const parsed = signInSchema.safeParse({ email, password: form.get("password") });
  if (!parsed.success) return { error: parsed.error.issues[0].message, values: { email } };
  return (await signInWith(parsed.data.email, parsed.data.password, safeRedirect(form.get("callbackUrl")))) ?? {};
}

export async function setupAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  const parsed = newAccountSchema.safeParse({ ...values, password: form.get("password") });
  if (!parsed.success) return { error: parsed.error.issues[0].message, values };
  const store = await getStore();
  const alreadySetUp = { error: "Parley is already set up. Sign in with your account instead.", values };
  // Checked before hashing, so the public form cannot be used to burn CPU.
  if (!(await needsFirstRun(store))) return alreadySetUp;
  const user = await createFirstAccount(store, parsed.data);
  if (!user) return alreadySetUp;
  return (await signInWith(parsed.data.email, parsed.data.password, "/")) ?? {};
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
