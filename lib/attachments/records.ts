import "server-only";
import type { BlobStore } from "@/lib/blobs/types";
import type { MessageAttachment } from "@/lib/store/types";

/**
 * An attachment's files in the blob store, all under its owner's prefix, so
 * the key itself says whose it is: another person's id finds nothing.
 *
 *   u/<user>/<attachment>/meta.json  what was declared, then what was found
 *   u/<user>/<attachment>/original   the bytes as uploaded
 *   u/<user>/<attachment>/model      an image scaled for the model
 *   u/<user>/<attachment>/thumb      an image's thumbnail for the chat
 *   u/<user>/<attachment>/text       a document's text
 */

export const ownerPrefix = (userId: string) => `u/${userId.toLowerCase()}/`;
export const attachmentPrefix = (userId: string, id: string) => `${ownerPrefix(userId)}${id.toLowerCase()}/`;
export const fileKey = (userId: string, id: string, file: "meta.json" | "original" | "model" | "thumb" | "text") =>
  `${attachmentPrefix(userId, id)}${file}`;

export interface AttachmentRecord {
  id: string;
  name: string;
  size: number;
  /** What the browser said the type was; only a hint. */
  declaredType: string;
  createdAt: string;
  /** "pending" until the upload has been checked and prepared. */
  state: "pending" | "ready";
  /** Decided from the content once ready. */
  mediaType?: string;
  /** A scaled image's type (the model copy). */
  modelType?: string;
}

export async function readRecord(blobs: BlobStore, userId: string, id: string): Promise<AttachmentRecord | null> {
  const bytes = await blobs.get(fileKey(userId, id, "meta.json"));
  return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as AttachmentRecord) : null;
}

export async function writeRecord(blobs: BlobStore, userId: string, record: AttachmentRecord): Promise<void> {
  await blobs.put(fileKey(userId, record.id, "meta.json"), new TextEncoder().encode(JSON.stringify(record)));
}

export const toMessageAttachment = (record: AttachmentRecord): MessageAttachment => ({
  id: record.id,
  name: record.name,
  mediaType: record.mediaType ?? record.declaredType,
  size: record.size,
});
