"use client";

import { useId, useState } from "react";
import { useT } from "@/lib/i18n/client";
import { FormAlert } from "@/components/ui/form-alert";
import { useModalDialog } from "@/components/ui/use-modal-dialog";

/**
 * "Delete conversation?": a modal naming the conversation, with "Delete" and
 * "Cancel" (Escape cancels too). Shown while `conversation` is set.
 */
export function ConversationDeleteDialog({
  conversation,
  onConfirm,
  onClose,
}: {
  conversation: { id: string; title: string } | null;
  /** Deletes; resolves to an error message, or null when done. */
  onConfirm: (id: string) => Promise<string | null>;
  onClose: () => void;
}) {
  const t = useT();
  const titleId = useId();
  const bodyId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const modal = useModalDialog(conversation !== null, () => {
    setError(null);
    onClose();
  });

  const confirm = async () => {
    if (!conversation || busy) return;
    setBusy(true);
    setError(null);
    const problem = await onConfirm(conversation.id);
    setBusy(false);
    if (problem) setError(problem);
    else onClose();
  };

  return (
    <dialog {...modal.props} className="settings-dialog delete-dialog" aria-labelledby={titleId} aria-describedby={bodyId}>
      {conversation ? (
        <>
          <h2 id={titleId}>{t("sidebar.delete.title")}</h2>
          <p id={bodyId}>{t("sidebar.delete.body", { title: conversation.title })}</p>
          <FormAlert message={error} />
          <div className="dialog-actions">
            <button type="button" className="button" onClick={modal.close} autoFocus>
              {t("sidebar.delete.cancel")}
            </button>
            <button type="button" className="button danger" onClick={() => void confirm()} disabled={busy}>
              {busy ? t("sidebar.delete.deleting") : t("sidebar.delete.confirm")}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
