"use client";

import { useActionState } from "react";
import { setupAction, type FormState } from "@/app/(auth)/actions";
import { FormAlert } from "@/components/ui/form-alert";

export function SetupForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(setupAction, {});
  const values = state.values ?? {};
  return (
    <form action={action} className="auth-form" noValidate>
      <label className="field">
        <span>Name</span>
        <input name="name" autoComplete="name" required autoFocus defaultValue={values.name} key={`n${values.name}`} />
      </label>
      <label className="field">
        <span>Email</span>
        <input name="email" type="email" autoComplete="username" required defaultValue={values.email} key={`e${values.email}`} />
      </label>
      <div className="field">
        <label htmlFor="setup-password">Password</label>
        <input id="setup-password" name="password" type="password" autoComplete="new-password" required minLength={8} aria-describedby="password-hint" />
        <small id="password-hint">At least 8 characters.</small>
      </div>
      <FormAlert message={state.error} />
      <button type="submit" className="button primary" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </button>
    </form>
  );
}
