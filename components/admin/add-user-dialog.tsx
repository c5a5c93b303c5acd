"use client";

import { useId, useState } from "react";
import type { IssuedLinkBody } from "@/lib/admin/listed";
import { errorText, sendJson } from "@/lib/http/send-json";
import { useT } from "@/lib/i18n/client";
import { FormAlert } from "@/components/ui/form-alert";
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import { formatDay, InviteLinkField, linkUrl } from "./link-dialog";
import styles from "./admin.module.css";

/** "Add user": Name, Email, Role → Create; then the one-time invite link, shown once. */
export function AddUserDialog({ onClosed, onCreated }: { onClosed: () => void; onCreated: () => void }) {
  const t = useT();
  const id = useId();
  const modal = useModalDialog(true, onClosed);
  const [values, setValues] = useState({ name: "", email: "", role: "user" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedLinkBody | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = await sendJson<IssuedLinkBody>("/api/admin/users", { method: "POST", json: values });
      setIssued(body);
      onCreated();
    } catch (failure) {
      setError(errorText(failure, t, "admin.users.failed"));
    } finally {
      setBusy(false);
    }
  };

  const field = (name: "name" | "email", type: string) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{t(`admin.users.${name}`)}</label>
      <input
        id={`${id}-${name}`}
        type={type}
        autoComplete="off"
        value={values[name]}
        maxLength={name === "name" ? 100 : 320}
        onChange={(event) => setValues({ ...values, [name]: event.target.value })}
      />
    </div>
  );

  return (
    <dialog {...modal.props} aria-labelledby={`${id}-title`} className={`settings-dialog ${styles.dialog}`}>
      <h2 id={`${id}-title`}>{t("admin.users.add")}</h2>
      {issued ? (
        <>
          <InviteLinkField
            url={linkUrl(issued.path)}
            intro={t("admin.users.inviteIntro", { email: issued.user.email, date: formatDay(issued.expiresAt) })}
          />
          <div className="dialog-actions">
            <button type="button" className="button primary" onClick={modal.close}>
              {t("admin.users.close")}
            </button>
          </div>
        </>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          {field("name", "text")}
          {field("email", "email")}
          <div className="field">
            <label htmlFor={`${id}-role`}>{t("admin.users.role")}</label>
            <select id={`${id}-role`} value={values.role} onChange={(event) => setValues({ ...values, role: event.target.value })}>
              <option value="user">{t("admin.users.roleUser")}</option>
              <option value="admin">{t("admin.users.roleAdmin")}</option>
            </select>
          </div>
          <FormAlert message={error} />
          <div className="dialog-actions">
            <button type="button" className="button ghost" onClick={modal.close}>
              {t("admin.users.cancel")}
            </button>
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? t("admin.users.creating") : t("admin.users.create")}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
