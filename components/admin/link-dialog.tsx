"use client";

import { useId, useState } from "react";
import { useT } from "@/lib/i18n/client";
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import styles from "./admin.module.css";

/** A one-time link in a read-only textbox "Invite link", with what it is for above it. */
export function InviteLinkField({ url, intro }: { url: string; intro: string }) {
  const t = useT();
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <>
      <p>{intro}</p>
      <label htmlFor={id}>
        <strong>{t("admin.users.inviteLink")}</strong>
      </label>
      <div className={styles.linkRow}>
        <input id={id} readOnly value={url} onFocus={(event) => event.currentTarget.select()} />
        <button
          type="button"
          className="button"
          onClick={() => void navigator.clipboard?.writeText(url).then(() => setCopied(true), () => {})}
        >
          {copied ? t("admin.users.copied") : t("admin.users.copy")}
        </button>
      </div>
    </>
  );
}

/** The link made by "Reset password", shown once. */
export function LinkDialog({ title, url, intro, onClosed }: { title: string; url: string; intro: string; onClosed: () => void }) {
  const t = useT();
  const titleId = useId();
  const modal = useModalDialog(true, onClosed);
  return (
    <dialog {...modal.props} aria-labelledby={titleId} className={`settings-dialog ${styles.dialog}`}>
      <h2 id={titleId}>{title}</h2>
      <InviteLinkField url={url} intro={intro} />
      <div className="dialog-actions">
        <button type="button" className="button primary" onClick={modal.close}>
          {t("admin.users.close")}
        </button>
      </div>
    </dialog>
  );
}

/** The link's full address: the API answers its path, the browser knows the origin people use. */
export const linkUrl = (path: string): string => `${window.location.origin}${path}`;

export function formatDay(iso: string): string {
  return iso.slice(0, 10);
}
