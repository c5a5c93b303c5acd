"use client";

import { useId, useState } from "react";
import type { ListedPerson } from "@/lib/admin/listed";
import { errorText, sendJson } from "@/lib/http/send-json";
import { useT } from "@/lib/i18n/client";
import { FormAlert } from "@/components/ui/form-alert";
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import styles from "./admin.module.css";

/** "Remove user": enabled once the person's email is typed exactly; the server checks it again. */
export function RemoveUserDialog({ person, onClosed, onRemoved }: { person: ListedPerson; onClosed: () => void; onRemoved: () => void }) {
  const t = useT();
  const id = useId();
  const modal = useModalDialog(true, onClosed);
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const matches = typed.trim().toLowerCase() === person.email;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await sendJson(`/api/admin/users/${encodeURIComponent(person.id)}`, { method: "DELETE", json: { confirmEmail: typed } });
      onRemoved();
      modal.close();
    } catch (failure) {
      setError(errorText(failure, t, "admin.users.failed"));
      setBusy(false);
    }
  };

  return (
    <dialog {...modal.props} aria-labelledby={`${id}-title`} className={`settings-dialog ${styles.dialog}`}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (matches) void submit();
        }}
      >
        <h2 id={`${id}-title`}>{t("admin.users.removeTitle")}</h2>
        <p>{t("admin.users.removeIntro", { email: person.email })}</p>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t("admin.users.confirmEmail")}</label>
          <input id={`${id}-email`} type="email" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} />
        </div>
        <FormAlert message={error} />
        <div className="dialog-actions">
          <button type="button" className="button ghost" onClick={modal.close}>
            {t("admin.users.cancel")}
          </button>
          <button type="submit" className="button primary" disabled={!matches || busy}>
            {t("admin.users.remove")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
