import "server-only";
import type { BlobStore } from "@/lib/blobs/types";
import { ApiError } from "@/lib/errors/api-error";
import type { Message, MessageAttachment } from "@/lib/store/types";
import { fileKey, readRecord, toMessageAttachment } from "./records";
import { storeAttachment } from "./uploads";

/**
 * Attachments in exported and imported conversations. An export names each
 * file (a reference only its owner can follow) or, inlined, carries its bytes.
 * An import stores inlined files as the importer's own (checked like any
 * upload), keeps references to files the importer owns, and drops the rest:
 * another person's file never becomes readable through an import.
 */

/** Base64 of each file of the messages, by id. */
export async function inlineFiles(blobs: BlobStore, userId: string, messages: readonly Message[]): Promise<Map<string, string>> {
  const inline = new Map<string, string>();
  for (const attachment of messages.flatMap((m) => m.attachments)) {
    const bytes = await blobs.get(fileKey(userId, attachment.id, "original"));
    if (bytes) inline.set(attachment.id, Buffer.from(bytes).toString("base64"));
  }
  return inline;
}

interface ImportedFile {
  id: string;
  name: string;
  mediaType: string;
  data?: string;
}

export async function restoreFiles(blobs: BlobStore, userId: string, files: readonly ImportedFile[]): Promise<MessageAttachment[]> {
  const restored: MessageAttachment[] = [];
  for (const file of files) {
    if (file.data !== undefined) {
      try {
        restored.push(await storeAttachment(blobs, userId, file.name, new Uint8Array(Buffer.from(file.data, "base64")), file.mediaType));
      } catch (error) {
        // A file Parley would refuse as an upload is left out, like a lost one.
        if (!(error instanceof ApiError)) throw error;
      }
      continue;
    }
    const own = await readRecord(blobs, userId, file.id);
    if (own?.state === "ready") restored.push(toMessageAttachment(own));
  }
  return restored;
}
