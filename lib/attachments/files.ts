import "server-only";
import type { BlobStore } from "@/lib/blobs/types";
import { contentDisposition } from "@/lib/blobs/disposition";
import { ApiError } from "@/lib/errors/api-error";
import type { MessageAttachment } from "@/lib/store/types";
import { isImageType } from "./kinds";
import { attachmentPrefix, fileKey, ownerPrefix, readRecord, toMessageAttachment } from "./records";

/**
 * Reading attachments back, always within one person's files: for the chat
 * (thumbnails, the original), for a message that uses them, for the model,
 * and removing them with what they belonged to.
 */

export type ServedFile =
  | { kind: "redirect"; url: string }
  | { kind: "bytes"; bytes: Uint8Array; contentType: string; disposition: string };

/**
 * The original, or an image's thumbnail. Images show in place; everything
 * else downloads, and text is always served as text/plain, so an uploaded
 * HTML or SVG file never runs as a page of Parley's.
 */
export async function serveAttachment(blobs: BlobStore, userId: string, id: string, variant: "original" | "thumb"): Promise<ServedFile> {
  const record = await readRecord(blobs, userId, id);
  if (!record || record.state !== "ready" || !record.mediaType) throw new ApiError(404, "attachment_not_found");
  const image = isImageType(record.mediaType);
  if (variant === "thumb" && !image) throw new ApiError(404, "attachment_not_found");
  const key = fileKey(userId, id, variant === "thumb" ? "thumb" : "original");
  const contentType = variant === "thumb" ? "image/webp" : image ? record.mediaType : safeDocumentType(record.mediaType);
  const fileName = variant === "thumb" ? record.name.replace(/\.[^.]*$/, "") + ".webp" : record.name;
  const file = { contentType, fileName, inline: image };
  const url = await blobs.directDownload(key, file);
  if (url) return { kind: "redirect", url };
  const bytes = await blobs.get(key);
  if (!bytes) throw new ApiError(404, "attachment_not_found");
  return { kind: "bytes", bytes, contentType, disposition: contentDisposition(fileName, image) };
}

function safeDocumentType(mediaType: string): string {
  if (mediaType === "application/pdf") return mediaType;
  return "text/plain; charset=utf-8";
}

/** The attachments a new message names, each the person's own and ready, in the order given. */
export async function attachmentsFor(blobs: BlobStore, userId: string, ids: readonly string[]): Promise<MessageAttachment[]> {
  const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
  const records = await Promise.all(unique.map((id) => readRecord(blobs, userId, id)));
  return records.map((record) => {
    if (!record) throw new ApiError(404, "attachment_not_found");
    if (record.state !== "ready") throw new ApiError(409, "attachment_not_uploaded", { name: record.name });
    return toMessageAttachment(record);
  });
}

/** What the model gets of an attachment: an image (as a data URL) or a document's text. */
export type ModelAttachment =
  | { kind: "image"; name: string; dataUrl: string }
  | { kind: "document"; name: string; text: string }
  | { kind: "missing"; name: string };

export async function modelAttachment(blobs: BlobStore, userId: string, attachment: MessageAttachment): Promise<ModelAttachment> {
  const name = attachment.name;
  if (isImageType(attachment.mediaType)) {
    const [record, bytes] = await Promise.all([readRecord(blobs, userId, attachment.id), blobs.get(fileKey(userId, attachment.id, "model"))]);
    if (!record || !bytes) return { kind: "missing", name };
    return { kind: "image", name, dataUrl: `data:${record.modelType ?? attachment.mediaType};base64,${Buffer.from(bytes).toString("base64")}` };
  }
  const bytes = await blobs.get(fileKey(userId, attachment.id, "text"));
  return bytes ? { kind: "document", name, text: new TextDecoder().decode(bytes) } : { kind: "missing", name };
}

export async function deleteAttachments(blobs: BlobStore, userId: string, ids: readonly string[]): Promise<void> {
  await Promise.all(ids.map((id) => blobs.deletePrefix(attachmentPrefix(userId, id))));
}

/** Every file of a person (their account is being removed). */
export async function deleteOwnerFiles(blobs: BlobStore, userId: string): Promise<number> {
  return blobs.deletePrefix(ownerPrefix(userId));
}
