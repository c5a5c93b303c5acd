"use client";

import type { FileUIPart } from "ai";
import { attachmentIdFromPath, attachmentPath, isImageType } from "@/lib/attachments/kinds";
import { useT } from "@/lib/i18n/client";

/** A sent message's files: images as thumbnails that open the full picture, documents as links. */
export function MessageAttachments({ files }: { files: FileUIPart[] }) {
  const t = useT();
  if (files.length === 0) return null;
  return (
    <ul className="message-attachments" aria-label={t("chat.sentAttachments")}>
      {files.map((file, index) => {
        const id = attachmentIdFromPath(file.url);
        const name = file.filename ?? "";
        return (
          <li key={`${file.url}-${index}`}>
            {isImageType(file.mediaType) && id ? (
              <a href={file.url} target="_blank" rel="noopener" className="message-image">
                {/* eslint-disable-next-line @next/next/no-img-element -- a private file behind the session; the image optimizer would fetch it without one */}
                <img src={attachmentPath(id, "thumb")} alt={name} loading="lazy" />
              </a>
            ) : (
              <a href={file.url} className="message-file" download={name}>
                {name}
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}
