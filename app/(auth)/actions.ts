"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import type { z } from "zod";
import { redeemLink } from "@/lib/admin/invites";
import { currentFirstRunGate, newAccountSchema, newPasswordSchema } from "@/lib/auth/accounts";
import { clientAddress } from "@/lib/auth/client-address";
import { signInSchema } from "@/lib/auth/credentials";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { setUpFirstAccount } from "@/lib/auth/first-run";
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
      if (code === "disabled") return { error: t("auth.disabled"), values: { email } };
      // authorize() threw (the store failed; the auth logger has logged it): not a wrong password.
      if (error.type === "CallbackRouteError") return { error: t("errors.internal"), values: { email } };
      return { error: t("auth.incorrect"), values: { email } };
    }
    throw error; // Next's redirect after a successful sign-in travels as an exception.
  }
}

/** A form's first problem, in the page's language. */
async function formError(issue: z.core.$ZodIssue, form: "signIn" | "setup"): Promise<string> {
  const { t } = await serverTranslator();
  const field = issue.path[0];
  if (field === "email") return t("auth.invalid.email");
  if (field === "name") return t("auth.invalid.name");
  if (field === "password" && form === "setup") {
    return issue.code === "too_big" ? t("auth.invalid.passwordTooLong") : t("auth.invalid.passwordTooShort", { min: MIN_PASSWORD_LENGTH });
  }
  if (field === "password") return issue.code === "too_big" ? t("auth.invalid.passwordTooLong") : t("auth.invalid.password");
  return issue.message;
}

export async function signInAction(_previous: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get("email") ?? "");
  const parsed = signInSchema.safeParse({ email, password: form.get("password") });
  if (!parsed.success) return { error: await formError(parsed.error.issues[0], "signIn"), values: { email } };
  return (await signInWith(parsed.data.email, parsed.data.password, safeRedirect(form.get("callbackUrl")))) ?? {};
}

export async function setupAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  const parsed = newAccountSchema.safeParse({ ...values, password: form.get("password") });
  if (!parsed.success) return { error: await formError(parsed.error.issues[0], "setup"), values };
  const outcome = await setUpFirstAccount(getStore, parsed.data, {
    gate: currentFirstRunGate(),
    setupCode: String(form.get("setupCode") ?? ""),
    address: clientAddress(await headers(), getConfig().clientAddress),
  });
  if (outcome === "created") return (await signInWith(parsed.data.email, parsed.data.password, "/")) ?? {};
  const { t } = await serverTranslator();
  return { error: outcome === "failed" ? t("errors.internal") : t(`auth.${outcome}`), values };
}

/** The invite page: the link's new password, twice; then signed in with it. */
export async function invitePasswordAction(_previous: FormState, form: FormData): Promise<FormState> {
  const { t } = await serverTranslator();
  const password = form.get("password");
  const parsed = newPasswordSchema.safeParse(password);
  if (!parsed.success) {
    return {
      error: parsed.error.issues[0].code === "too_big" ? t("auth.invalid.passwordTooLong") : t("auth.invalid.passwordTooShort", { min: MIN_PASSWORD_LENGTH }),
    };
  }
  if (form.get("repeat") !== password) return { error: t("invite.mismatch") };
  const result = await redeemLink(await getStore(), String(form.get("token") ?? ""), parsed.data);
  if (!result.ok) return { error: t(`invite.${result.reason}`) };
  return (await signInWith(result.email, parsed.data, "/")) ?? {};
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
