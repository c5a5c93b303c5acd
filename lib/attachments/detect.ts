import "server-only";
import { fileTypeFromBuffer } from "file-type";
import { isImageType, namedAsImage, textTypeFor } from "./kinds";

/**
 * The type of an uploaded file, decided from its bytes: an image or a PDF by
 * their signatures (file-type), a text document by being valid UTF-8 without
 * NUL characters (its name then only says which kind of text). A name that
 * claims an image or a PDF must be backed by the content; everything else is
 * refused.
 */
export type Detected =
  | { ok: true; mediaType: string; kind: "image" | "pdf" | "text" }
  | { ok: false; problem: "attachment_type" | "attachment_empty" };

export async function detectType(bytes: Uint8Array, name: string): Promise<Detected> {
  if (bytes.byteLength === 0) return { ok: false, problem: "attachment_empty" };
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    if (isImageType(found.mime)) return { ok: true, mediaType: found.mime, kind: "image" };
    if (found.mime === "application/pdf") return { ok: true, mediaType: found.mime, kind: "pdf" };
    return { ok: false, problem: "attachment_type" };
  }
  // Not a known binary format: only text is left, and a name claiming an image or PDF is a lie.
  if (namedAsImage(name) || name.toLowerCase().endsWith(".pdf") || !isText(bytes)) return { ok: false, problem: "attachment_type" };
  return { ok: true, mediaType: textTypeFor(name) ?? "text/plain", kind: "text" };
}

function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
