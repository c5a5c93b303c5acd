"use client";

import { useId } from "react";
import { useT } from "@/lib/i18n/client";
import { FormAlert } from "./form-alert";
import { useModalDialog } from "./use-modal-dialog";
import styles from "./form-dialog.module.css";

/**
 * A modal form: its title, the fields (`children`), the form's error, then
 * Cancel, any `actions`, and Save. Shown while `open`; `onClosed` runs however
 * it closes. The form is checked by `onSubmit`, not by the browser, so each
 * field can say what is wrong in the page's language.
 */
export function FormDialog({
  open,
  onClosed,
  title,
  error,
  busy,
  onSubmit,
  actions,
  after,
  children,
}: {
  open: boolean;
  onClosed: () => void;
  title: string;
  error: string | null;
  busy: boolean;
  onSubmit: () => void;
  /** Buttons between Cancel and Save. */
  actions?: React.ReactNode;
  /** Shown under the form, inside the dialog. */
  after?: React.ReactNode;
  children: React.ReactNode;
}) {
  const t = useT();
  const titleId = useId();
  const modal = useModalDialog(open, onClosed);

  return (
    <dialog {...modal.props} aria-labelledby={titleId} className={`settings-dialog ${styles.dialog}`}>
      <form
        method="dialog"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
        <FormAlert message={error} />
        <div className="dialog-actions">
          <button type="button" className="button ghost" onClick={modal.close}>
            {t("settings.cancel")}
          </button>
          {actions}
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t("settings.saving") : t("settings.save")}
          </button>
        </div>
      </form>
      {after}
    </dialog>
  );
}
