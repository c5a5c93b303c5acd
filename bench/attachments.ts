/**
 * What attachments cost on the server: a 10 MB image from upload to ready
 * for a message (stored, type checked, scaled for the model, thumbnail), on
 * local files and on S3 (the s3rver emulator: the upload itself goes straight
 * from the browser to the bucket there), then the image as it enters a
 * prompt; and the text extraction of a 100-page PDF.
 *
 *   npx tsx --conditions=react-server bench/attachments.ts
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import sharp from "sharp";
import { pdfText } from "@/lib/attachments/documents";
import { modelAttachment } from "@/lib/attachments/files";
import { completeUpload, createUpload, receiveUpload } from "@/lib/attachments/uploads";
import { startS3Emulator } from "@/lib/blobs/emulator";
import { openFileBlobStore } from "@/lib/blobs/files";
import { openS3BlobStore } from "@/lib/blobs/s3";
import type { BlobStore } from "@/lib/blobs/types";
import { makePdf } from "@/test-support/pdf";

const ms = (value: number) => `${value.toFixed(0)} ms`;
const userId = "0b9d3e6a-1c2f-4e5a-9b8c-7d6e5f4a3b2c";

// Noise does not compress: a photo-like PNG of about 10 MB.
const side = 1900;
const noise = randomBytes(side * side * 3);
const image = new Uint8Array(await sharp(noise, { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer());
console.log(`image: ${side}×${side} PNG, ${(image.byteLength / 1024 / 1024).toFixed(1)} MB`);

async function run(label: string, blobs: BlobStore, upload: (url: string, bytes: Uint8Array) => Promise<void>) {
  const started = performance.now();
  const ticket = await createUpload(blobs, userId, { name: "photo.png", type: "image/png", size: image.byteLength });
  const created = performance.now();
  await upload(ticket.upload.url, image);
  const uploaded = performance.now();
  const ready = await completeUpload(blobs, userId, ticket.attachment.id);
  const completed = performance.now();
  const input = await modelAttachment(blobs, userId, ready);
  const prompted = performance.now();
  console.log(
    `${label}: create ${ms(created - started)}, upload ${ms(uploaded - created)}, check + scale ${ms(completed - uploaded)}, ` +
      `into a prompt ${ms(prompted - completed)} (${input.kind === "image" ? `${(input.dataUrl.length / 1024).toFixed(0)} KB data URL` : input.kind}); ` +
      `upload to sent ${ms(prompted - started)}`,
  );
}

const dir = await mkdtemp(path.join(tmpdir(), "parley-bench-"));
const files = openFileBlobStore(dir);
await run("local files", files, (_url, bytes) => receiveUpload(files, userId, _url.split("/")[3]!, new Blob([new Uint8Array(bytes)]).stream()));
await rm(dir, { recursive: true, force: true });

const s3 = await startS3Emulator();
const bucket = openS3BlobStore({ bucket: s3.bucket, client: s3.client });
await run("S3 (s3rver)", bucket, async (url, bytes) => {
  const response = await fetch(url, { method: "PUT", headers: { "content-type": "image/png" }, body: new Uint8Array(bytes) });
  if (!response.ok) throw new Error(`upload failed: ${response.status}`);
});
await s3.stop();

const pages = Array.from({ length: 100 }, (_, i) => `Page ${i + 1}: ${"The quarterly figures rose as expected across every region. ".repeat(1)}`);
const pdf = makePdf(pages);
const started = performance.now();
const text = await pdfText(pdf);
console.log(`100-page PDF (${(pdf.byteLength / 1024).toFixed(0)} KB): text extracted in ${ms(performance.now() - started)}, ${text.length.toLocaleString("en")} characters`);
