"use client";

import { RequestError, sendJson } from "@/lib/http/send-json";
import { readWireError } from "@/lib/errors/wire";

/**
 * One file's way to the server: create (name, type, size checked), send the
 * bytes where the answer says (S3 directly on AWS, the app otherwise) with
 * progress, then complete (the server checks the content and prepares it).
 */

export interface UploadedAttachment {
  id: string;
  name: string;
  mediaType: string;
  size: number;
}

interface Ticket {
  attachment: { id: string };
  upload: { url: string; method: "PUT"; headers: Record<string, string> };
}

export async function uploadAttachment(file: File, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<UploadedAttachment> {
  const ticket = await sendJson<Ticket>("/api/attachments", { json: { name: file.name, type: file.type, size: file.size }, signal });
  await put(ticket.upload, file, onProgress, signal);
  const done = await sendJson<{ attachment: UploadedAttachment }>(`/api/attachments/${ticket.attachment.id}/complete`, { json: {}, signal });
  return done.attachment;
}

/** XMLHttpRequest, because fetch reports no upload progress. */
function put(target: Ticket["upload"], file: File, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(target.method, target.url);
    for (const [name, value] of Object.entries(target.headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) return resolve();
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // S3 answers XML; only the status matters then.
      }
      const wire = readWireError(body);
      reject(new RequestError(request.status, wire?.code ?? "attachment_incomplete", wire?.vars ?? { name: file.name }));
    };
    request.onerror = () => reject(new RequestError(0, "unreachable"));
    request.onabort = () => reject(new DOMException("The upload was cancelled.", "AbortError"));
    signal.addEventListener("abort", () => request.abort(), { once: true });
    request.send(file);
  });
}
