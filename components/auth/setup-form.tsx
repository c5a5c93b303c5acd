"use client";

import { useActionState } from "react";
import { setupAction, type FormState } from "@/app/(auth)/actions";
import { useT } from "@/lib/i18n/client";
import { FormAlert } from "@/components/ui/form-alert";

export function SetupForm({ askForCode }: { askForCode: boolean }) {
  const t = useT();
  const [state, action, pending] = useActionState<FormState, FormData>(setupAction, {});
  const values = state.values ?? {};
  return (
    <form action={action} className="auth-form" noValidate>
      {askForCode ? (
        <div className="field">
          <label htmlFor="setup-code">{t("auth.setupCode")}</label>
          <input id="setup-code" name="setupCode" type="password" autoComplete="off" required aria-describedby="setup-code-hint" />
          <small id="setup-code-hint">{t("auth.setupCodeHint")}</small>
        </div>
      ) : null}
      <label className="field">
        <span>{t("auth.name")}</span>
        <input name="name" autoComplete="name" required autoFocus={!askForCode} defaultValue={values.name} key={`n${values.name}`} />
      </label>
      <label className="field">
        <span>{t("auth.email")}</span>
        <input name="email" type="email" autoComplete="username" required defaultValue={values.email} key={`e${values.email}`} />
      </label>
      <div className="field">
        <label htmlFor="setup-password">{t("auth.password")}</label>
        <input id="setup-password" name="password" type="password" autoComplete="new-password" required minLength={8} aria-describedby="password-hint" />
        <small id="password-hint">{t("auth.passwordHint")}</small>
      </div>
      <FormAlert message={state.error} />
      <button type="submit" className="button primary" disabled={pending}>
        {pending ? t("auth.creatingAccount") : t("auth.createAccount")}
      </button>
    </form>
  );
}
