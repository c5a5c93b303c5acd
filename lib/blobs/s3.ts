import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { contentDisposition } from "./disposition";
import { requireKey, requirePrefix, type BlobEntry, type BlobStore } from "./types";

/**
 * Blobs in a private S3 bucket. Browsers upload and download directly with
 * presigned URLs that expire within minutes, so the server function never
 * carries the bytes; the size and content type of an upload are part of its
 * signature, so S3 refuses any other body.
 *
 * IAM: exactly the actions in S3_ACTIONS (lib/blobs/permissions.ts) —
 * DeleteObjects needs s3:DeleteObject, ListObjectsV2 s3:ListBucket.
 */

/** Presigned URLs live this long: enough to start an upload or a download, no more. */
export const PRESIGNED_SECONDS = 300;

export function openS3BlobStore(options: { bucket: string; client?: S3Client }): BlobStore {
  // An endpoint from the environment (an emulator) rarely has per-bucket host names.
  const endpoint = process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;
  const client = options.client ?? new S3Client({ forcePathStyle: Boolean(endpoint) });
  const Bucket = options.bucket;

  const notFound = (error: unknown) =>
    error instanceof S3ServiceException && (error.$metadata.httpStatusCode === 404 || error.name === "NoSuchKey" || error.name === "NotFound");

  async function list(prefix: string): Promise<BlobEntry[]> {
    const found: BlobEntry[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: requirePrefix(prefix), ContinuationToken }));
      for (const item of page.Contents ?? []) if (item.Key) found.push({ key: item.Key, size: item.Size ?? 0 });
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return found;
  }

  async function remove(keys: readonly string[]): Promise<void> {
    // DeleteObjects takes at most 1,000 keys per request.
    for (let i = 0; i < keys.length; i += 1000) {
      const Objects = keys.slice(i, i + 1000).map((key) => ({ Key: requireKey(key) }));
      const result = await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects, Quiet: true } }));
      if (result.Errors?.length) throw new Error(`S3 could not delete ${result.Errors.length} object(s): ${result.Errors[0]?.Code ?? "unknown"}`);
    }
  }

  return {
    async put(key, bytes) {
      await client.send(new PutObjectCommand({ Bucket, Key: requireKey(key), Body: bytes, ContentLength: bytes.byteLength }));
    },
    async get(key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: requireKey(key) }));
        return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
      } catch (error) {
        if (notFound(error)) return null;
        throw error;
      }
    },
    async size(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: requireKey(key) }));
        return head.ContentLength ?? 0;
      } catch (error) {
        if (notFound(error)) return null;
        throw error;
      }
    },
    delete: remove,
    list,
    async deletePrefix(prefix) {
      const keys = (await list(prefix)).map((entry) => entry.key);
      await remove(keys);
      return keys.length;
    },
    async directUpload(key, file) {
      const command = new PutObjectCommand({ Bucket, Key: requireKey(key), ContentType: file.contentType, ContentLength: file.size });
      // Signing content-length and content-type binds the upload to exactly this size and type.
      const url = await getSignedUrl(client, command, {
        expiresIn: PRESIGNED_SECONDS,
        signableHeaders: new Set(["content-type", "content-length"]),
      });
      return { url, method: "PUT", headers: { "content-type": file.contentType } };
    },
    async directDownload(key, file) {
      const command = new GetObjectCommand({
        Bucket,
        Key: requireKey(key),
        ResponseContentType: file.contentType,
        ResponseContentDisposition: contentDisposition(file.fileName, file.inline),
        ResponseCacheControl: "private, max-age=300",
      });
      return getSignedUrl(client, command, { expiresIn: PRESIGNED_SECONDS });
    },
  };
}
