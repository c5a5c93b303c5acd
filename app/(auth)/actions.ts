"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { createFirstAccount, currentFirstRunGate, needsFirstRun, newAccountSchema } from "@/lib/auth/accounts";
import { clientAddress, signInSchema } from "@/lib/auth/credentials";
import { checkSetupCode } from "@/lib/auth/setup-code";
import { getConfig } from "@/lib/config";
import { serverTranslator } from "@/lib/i18n/server";
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
      const { t } = await serverTranslator();
      const code = (error as AuthError & { code?: string }).code;
      if (code === "throttled") return { error: t("auth.throttled"), values: { email } };
      return { error: t("auth.incorrect"), values: { email } };
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
  const { t } = await serverTranslator();
  const alreadySetUp = { error: t("auth.alreadySetUp"), values };
  // Checked before hashing, so the public form cannot be used to burn CPU.
  if (!(await needsFirstRun(store))) return alreadySetUp;
  const gate = currentFirstRunGate();
  if (gate.kind === "cli-only") return { error: t("auth.setupFromCli"), values };
  const address = clientAddress(await headers(), getConfig().trustedProxyHops);
  const code = await checkSetupCode(store, gate, { code: String(form.get("setupCode") ?? ""), address });
  if (code === "throttled") return { error: t("auth.setupCodeThrottled"), values };
  if (code === "wrong") return { error: t("auth.setupCodeWrong"), values };
  const user = await createFirstAccount(store, parsed.data);
  if (!user) return alreadySetUp;
  return (await signInWith(parsed.data.email, parsed.data.password, "/")) ?? {};
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
