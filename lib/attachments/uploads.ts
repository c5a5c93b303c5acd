import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { BlobStore, DirectUpload } from "@/lib/blobs/types";
import { ApiError } from "@/lib/errors/api-error";
import type { MessageAttachment } from "@/lib/store/types";
import { detectType } from "./detect";
import { DocumentUnreadable, pdfText, plainText } from "./documents";
import { ImageUnreadable, prepareImage } from "./images";
import { looksAttachable, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_MB, MAX_ATTACHMENT_NAME_CHARS } from "./kinds";
import { attachmentPrefix, fileKey, readRecord, toMessageAttachment, writeRecord, type AttachmentRecord } from "./records";

/**
 * An upload in three steps, the same locally and on AWS:
 * 1. create: the declared name, type and size are checked and remembered;
 *    the answer says where the bytes go (a presigned S3 URL, or the app's
 *    own PUT route when the blob store cannot take them directly);
 * 2. the browser sends the bytes there;
 * 3. complete: the server reads what arrived, decides its type from the
 *    content, and prepares what the model will get (a scaled image, a
 *    document's text). Only then may a message use it. A refused file is
 *    deleted whole, so nothing half-stored remains.
 */

export const createUploadSchema = z.object({
  name: z
    .string("name must be the file's name.")
    .trim()
    .min(1, "name must be the file's name.")
    .max(MAX_ATTACHMENT_NAME_CHARS, `The file name is too long (at most ${MAX_ATTACHMENT_NAME_CHARS} characters).`)
    // Control characters would break headers and logs.
    .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "The file name has control characters."),
  type: z.string().max(200).default(""),
  size: z.number("size must be the file's size in bytes.").int().min(0),
});

export type CreateUpload = z.infer<typeof createUploadSchema>;

export interface UploadTicket {
  attachment: { id: string; name: string; size: number };
  upload: DirectUpload;
}

export async function createUpload(blobs: BlobStore, userId: string, input: CreateUpload): Promise<UploadTicket> {
  const { name, size, type } = input;
  if (size === 0) throw new ApiError(400, "attachment_empty", { name });
  if (size > MAX_ATTACHMENT_BYTES) throw new ApiError(413, "attachment_too_large", { name, size: MAX_ATTACHMENT_MB });
  if (!looksAttachable({ name, type })) throw new ApiError(415, "attachment_type", { name });
  const id = randomUUID();
  // The browser's type goes into the signed upload; the content decides the real one later.
  const declaredType = /^[\w.+-]+\/[\w.+-]+$/.test(type) ? type : "application/octet-stream";
  const record: AttachmentRecord = { id, name, size, declaredType, createdAt: new Date().toISOString(), state: "pending" };
  await writeRecord(blobs, userId, record);
  const direct = await blobs.directUpload(fileKey(userId, id, "original"), { contentType: declaredType, size });
  return {
    attachment: { id, name, size },
    upload: direct ?? { url: `/api/attachments/${id}/content`, method: "PUT", headers: { "content-type": declaredType } },
  };
}

/** The app's own upload route (when the blob store takes no direct uploads): exactly the declared bytes. */
export async function receiveUpload(blobs: BlobStore, userId: string, id: string, body: ReadableStream<Uint8Array> | null): Promise<void> {
  const record = await readRecord(blobs, userId, id);
  if (!record) throw new ApiError(404, "attachment_not_found");
  if (record.state !== "pending") throw new ApiError(409, "duplicate");
  const bytes = await readAtMost(body, record.size);
  if (!bytes || bytes.byteLength !== record.size) throw new ApiError(400, "attachment_incomplete", { name: record.name });
  await blobs.put(fileKey(userId, id, "original"), bytes);
}

async function readAtMost(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array | null> {
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** Checks what arrived and prepares it for the model; answers the attachment as messages keep it. */
export async function completeUpload(blobs: BlobStore, userId: string, id: string): Promise<MessageAttachment> {
  const record = await readRecord(blobs, userId, id);
  if (!record) throw new ApiError(404, "attachment_not_found");
  if (record.state === "ready") return toMessageAttachment(record);
  const bytes = await blobs.get(fileKey(userId, id, "original"));
  if (!bytes) throw new ApiError(409, "attachment_not_uploaded", { name: record.name });
  const name = record.name;
  const refuse = async (status: number, code: ConstructorParameters<typeof ApiError>[1]) => {
    await blobs.deletePrefix(attachmentPrefix(userId, id));
    return new ApiError(status, code, { name });
  };
  // A presigned upload is bound to its size; the app's route checks it too. Belt and braces.
  if (bytes.byteLength !== record.size) throw await refuse(400, "attachment_incomplete");

  const detected = await detectType(bytes, name);
  if (!detected.ok) throw await refuse(detected.problem === "attachment_empty" ? 400 : 415, detected.problem);
  const ready: AttachmentRecord = { ...record, state: "ready", mediaType: detected.mediaType };
  try {
    if (detected.kind === "image") {
      const { model, thumbnail } = await prepareImage(bytes, detected.mediaType);
      await blobs.put(fileKey(userId, id, "model"), model.bytes);
      await blobs.put(fileKey(userId, id, "thumb"), thumbnail.bytes);
      ready.modelType = model.mediaType;
    } else {
      const text = detected.kind === "pdf" ? await pdfText(bytes) : plainText(bytes);
      await blobs.put(fileKey(userId, id, "text"), new TextEncoder().encode(text));
    }
  } catch (error) {
    if (error instanceof ImageUnreadable) throw await refuse(422, "attachment_image_unreadable");
    if (error instanceof DocumentUnreadable) throw await refuse(422, error.problem);
    throw error;
  }
  await writeRecord(blobs, userId, ready);
  return toMessageAttachment(ready);
}

/** A file that arrives whole on the server (an imported conversation's): stored and checked like an upload. */
export async function storeAttachment(blobs: BlobStore, userId: string, name: string, bytes: Uint8Array, type = ""): Promise<MessageAttachment> {
  const ticket = await createUpload(blobs, userId, { name, type, size: bytes.byteLength });
  await blobs.put(fileKey(userId, ticket.attachment.id, "original"), bytes);
  return completeUpload(blobs, userId, ticket.attachment.id);
}
