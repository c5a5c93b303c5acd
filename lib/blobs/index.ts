import "server-only";
import { getConfig, type BlobConfig } from "@/lib/config";
import type { BlobStore } from "./types";

export type { BlobStore } from "./types";

const globalForBlobs = globalThis as unknown as { parleyBlobs?: Promise<BlobStore> };

/** The process-wide blob store; the S3 SDK is loaded only when a bucket is configured. */
export function getBlobStore(): Promise<BlobStore> {
  globalForBlobs.parleyBlobs ??= openBlobStore(getConfig().blobs);
  return globalForBlobs.parleyBlobs;
}

export async function openBlobStore(config: BlobConfig): Promise<BlobStore> {
  if (config.engine === "s3") {
    const { openS3BlobStore } = await import("./s3");
    return openS3BlobStore({ bucket: config.bucket });
  }
  const { openFileBlobStore } = await import("./files");
  return openFileBlobStore(config.dir);
}
