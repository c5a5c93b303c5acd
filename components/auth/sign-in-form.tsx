"use client";

import { useActionState } from "react";
import { signInAction, type FormState } from "@/app/(auth)/actions";
import { useT } from "@/lib/i18n/client";
import { FormAlert } from "@/components/ui/form-alert";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useT();
  const [state, action, pending] = useActionState<FormState, FormData>(signInAction, {});
  return (
    <form action={action} className="auth-form" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label className="field">
        <span>{t("auth.email")}</span>
        <input name="email" type="email" autoComplete="username" required autoFocus defaultValue={state.values?.email} key={state.values?.email} />
      </label>
      <label className="field">
        <span>{t("auth.password")}</span>
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <FormAlert message={state.error} />
      <button type="submit" className="button primary" disabled={pending}>
        {pending ? t("auth.signingIn") : t("auth.signIn")}
      </button>
    </form>
  );
}
