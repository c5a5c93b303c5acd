"use client";

import { useActionState } from "react";
import { invitePasswordAction, type FormState } from "@/app/(auth)/actions";
import { useT } from "@/lib/i18n/client";
import { FormAlert } from "@/components/ui/form-alert";

/** "Password", "Repeat password", "Set password": the invite or reset link's form. */
export function InviteForm({ token }: { token: string }) {
  const t = useT();
  const [state, action, pending] = useActionState<FormState, FormData>(invitePasswordAction, {});
  return (
    <form action={action} className="auth-form" noValidate>
      <input type="hidden" name="token" value={token} />
      <div className="field">
        <label htmlFor="invite-password">{t("invite.password")}</label>
        <input
          id="invite-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          autoFocus
          aria-describedby="invite-password-hint"
        />
        <small id="invite-password-hint">{t("auth.passwordHint")}</small>
      </div>
      <div className="field">
        <label htmlFor="invite-repeat">{t("invite.repeat")}</label>
        <input id="invite-repeat" name="repeat" type="password" autoComplete="new-password" required minLength={8} />
      </div>
      <FormAlert message={state.error} />
      <button type="submit" className="button primary" disabled={pending}>
        {pending ? t("invite.submitting") : t("invite.submit")}
      </button>
    </form>
  );
}
