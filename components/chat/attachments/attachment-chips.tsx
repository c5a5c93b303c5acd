"use client";

import { formatSize } from "@/lib/attachments/kinds";
import { useLocale, useT } from "@/lib/i18n/client";
import type { PendingAttachment } from "./use-attachments";

/** The files waiting to be sent, each with its name, size, progress or problem, and a remove button. */
export function AttachmentChips({ items, onRemove }: { items: PendingAttachment[]; onRemove: (key: string) => void }) {
  const t = useT();
  const locale = useLocale();
  if (items.length === 0) return null;
  return (
    <ul className="attachment-chips" aria-label={t("chat.pendingAttachments")}>
      {items.map((item) => {
        const percent = Math.round(item.progress * 100);
        const status =
          item.status === "uploading"
            ? t("chat.attachmentUploading", { percent })
            : item.status === "checking"
              ? t("chat.attachmentChecking")
              : item.status === "failed"
                ? t("chat.attachmentFailed")
                : null;
        return (
          <li key={item.key} className={`attachment-chip${item.status === "failed" ? " failed" : ""}`}>
            {/* eslint-disable-next-line @next/next/no-img-element -- a local blob: preview; next/image cannot optimise it */}
            {item.preview ? <img src={item.preview} alt="" className="attachment-preview" /> : <span aria-hidden="true" className="attachment-icon" />}
            <span className="attachment-text">
              <span className="attachment-name">{item.name}</span>
              <span className="attachment-size">
                {formatSize(item.size, locale)}
                {status ? ` · ${status}` : null}
              </span>
              {item.status === "uploading" || item.status === "checking" ? (
                <progress max={100} value={item.status === "checking" ? undefined : percent} aria-label={item.name} />
              ) : null}
              {item.error ? (
                <span className="attachment-error" role="alert">
                  {item.error}
                </span>
              ) : null}
            </span>
            <button type="button" className="icon-button" aria-label={t("chat.removeAttachment")} title={t("chat.removeAttachment")} onClick={() => onRemove(item.key)}>
              <span aria-hidden="true">×</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
