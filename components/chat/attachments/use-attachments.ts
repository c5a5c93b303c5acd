"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { FileUIPart } from "ai";
import { attachmentPath, isImageType, looksAttachable, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_MB, MAX_ATTACHMENTS } from "@/lib/attachments/kinds";
import { errorText, RequestError } from "@/lib/http/send-json";
import { useT } from "@/lib/i18n/client";
import { uploadAttachment, type UploadedAttachment } from "./upload";

/**
 * The files waiting to go with the next message: each uploads as soon as it
 * is added, shows its progress, and can be removed (which cancels it).
 */

export interface PendingAttachment {
  key: string;
  name: string;
  size: number;
  /** A local preview of an image, until the message is sent. */
  preview: string | null;
  status: "uploading" | "checking" | "ready" | "failed";
  progress: number;
  error: string | null;
  uploaded: UploadedAttachment | null;
}

let counter = 0;

export function useAttachments() {
  const t = useT();
  const [items, setItemsState] = useState<PendingAttachment[]>([]);
  // The list as last set, for handlers that must not run inside a state update.
  const itemsRef = useRef<PendingAttachment[]>([]);
  const setItems = useCallback((next: PendingAttachment[] | ((current: PendingAttachment[]) => PendingAttachment[])) => {
    itemsRef.current = typeof next === "function" ? next(itemsRef.current) : next;
    setItemsState(itemsRef.current);
  }, []);
  const [notice, setNotice] = useState<string | null>(null);
  const controllers = useRef(new Map<string, AbortController>());

  const update = useCallback(
    (key: string, change: Partial<PendingAttachment>) => setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item))),
    [setItems],
  );

  const add = useCallback(
    (files: readonly File[]) => {
      if (files.length === 0) return;
      const room = MAX_ATTACHMENTS - itemsRef.current.length;
      setNotice(files.length > room ? t("errors.too_many_attachments", { max: MAX_ATTACHMENTS }) : null);
      const accepted = files.slice(0, Math.max(0, room));
      const added = accepted.map((file): PendingAttachment => {
        const refusal =
          file.size === 0
            ? t("errors.attachment_empty", { name: file.name })
            : file.size > MAX_ATTACHMENT_BYTES
              ? t("errors.attachment_too_large", { name: file.name, size: MAX_ATTACHMENT_MB })
              : !looksAttachable(file)
                ? t("errors.attachment_type", { name: file.name })
                : null;
        return {
          key: `a${++counter}`,
          name: file.name,
          size: file.size,
          preview: !refusal && isImageType(file.type) ? URL.createObjectURL(file) : null,
          status: refusal ? "failed" : "uploading",
          progress: 0,
          error: refusal,
          uploaded: null,
        };
      });
      itemsRef.current = [...itemsRef.current, ...added];
      setItems(itemsRef.current);
      added.forEach((item, i) => {
        if (item.status !== "uploading") return;
        const controller = new AbortController();
        controllers.current.set(item.key, controller);
        uploadAttachment(
          accepted[i]!,
          (fraction) => update(item.key, fraction >= 1 ? { progress: 1, status: "checking" } : { progress: fraction }),
          controller.signal,
        )
          .then((uploaded) => update(item.key, { status: "ready", progress: 1, uploaded }))
          .catch((error: unknown) => {
            if (controller.signal.aborted) return;
            update(item.key, { status: "failed", error: error instanceof RequestError ? errorText(error, t) : t("errors.unexpected_answer") });
          })
          .finally(() => controllers.current.delete(item.key));
      });
    },
    [t, update, setItems],
  );

  const remove = useCallback(
    (key: string) => {
      controllers.current.get(key)?.abort();
      const gone = itemsRef.current.find((item) => item.key === key);
      if (gone?.preview) URL.revokeObjectURL(gone.preview);
      setItems((current) => current.filter((item) => item.key !== key));
      setNotice(null);
    },
    [setItems],
  );

  /** Takes the ready files for sending; `restore` puts them back when the message is refused. */
  const take = useCallback((): { parts: FileUIPart[]; restore: () => void } => {
    const taken = itemsRef.current;
    setItems([]);
    setNotice(null);
    return {
      parts: taken.flatMap((item) =>
        item.uploaded ? [{ type: "file" as const, mediaType: item.uploaded.mediaType, filename: item.uploaded.name, url: attachmentPath(item.uploaded.id) }] : [],
      ),
      restore: () => setItems((current) => [...taken, ...current].slice(0, MAX_ATTACHMENTS)),
    };
  }, [setItems]);

  // Cancel what is still uploading when the chat goes away.
  useEffect(() => {
    const running = controllers.current;
    return () => running.forEach((controller) => controller.abort());
  }, []);

  const busy = items.some((item) => item.status === "uploading" || item.status === "checking");
  const failed = items.some((item) => item.status === "failed");
  return { items, add, remove, take, busy, failed, notice };
}
