/**
 * The IAM actions the S3 blob adapter (lib/blobs/s3.ts) sends, and nothing
 * else: sst.config.ts grants exactly these on the attachments bucket instead
 * of SST's default `s3:*`. Object actions apply to `bucket/*`, ListBucket to
 * the bucket itself. Plain data with no imports: sst.config.ts loads it.
 */

/** On the bucket's objects: Get/Head (GetObject), Put (and presigned PUT), DeleteObjects (DeleteObject). */
export const OBJECT_ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"] as const;

/** On the bucket: ListObjectsV2 under a person's prefix, to delete their files. */
export const BUCKET_ACTIONS = ["s3:ListBucket"] as const;
