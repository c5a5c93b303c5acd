/**
 * The blob-store port: where attachments' bytes live, beside the `Store`
 * port that keeps everything else. Adapters: local files under DATA_DIR
 * (files.ts) and an S3 bucket (s3.ts); one contract suite runs against both.
 *
 * Keys are paths of lower-case letters, digits and `-._/` chosen by Parley
 * (never by a browser); callers group a person's files under one prefix so
 * that `deletePrefix` removes them all.
 */

export interface BlobEntry {
  key: string;
  size: number;
}

/** Where a browser sends a file's bytes itself (a presigned request). */
export interface DirectUpload {
  url: string;
  method: "PUT";
  /** Headers the request must carry exactly as given (they are signed). */
  headers: Record<string, string>;
}

export interface BlobStore {
  /** Writes (or replaces) the object. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The object's bytes, or null when there is none. */
  get(key: string): Promise<Uint8Array | null>;
  /** The object's size in bytes, or null when there is none. */
  size(key: string): Promise<number | null>;
  /** Removes the objects; missing ones are ignored. */
  delete(keys: readonly string[]): Promise<void>;
  /** Every object whose key starts with `prefix`, in key order. */
  list(prefix: string): Promise<BlobEntry[]>;
  /** Removes every object under `prefix`; answers how many. */
  deletePrefix(prefix: string): Promise<number>;
  /**
   * A short-lived request with which a browser writes exactly `size` bytes
   * of `contentType` to `key`, or null when this store cannot take uploads
   * directly (the bytes then go through the app).
   */
  directUpload(key: string, file: { contentType: string; size: number }): Promise<DirectUpload | null>;
  /**
   * A short-lived URL that serves the object as a download named `fileName`,
   * or null when the app must serve the bytes itself.
   */
  directDownload(key: string, file: { contentType: string; fileName: string; inline: boolean }): Promise<string | null>;
}

/** Keys Parley builds itself; anything else is a bug, refused before touching disk or S3. */
const KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;
const PREFIX = /^([a-z0-9][a-z0-9._-]*\/)+$/;

export function requireKey(key: string): string {
  if (!KEY.test(key) || key.split("/").some((segment) => segment === "." || segment === "..")) {
    throw new Error(`Not a blob key: ${JSON.stringify(key)}`);
  }
  return key;
}

/** A prefix ends with "/", so "u/1/" never matches "u/10/…". */
export function requirePrefix(prefix: string): string {
  if (!PREFIX.test(prefix) || prefix.split("/").some((segment) => segment === "." || segment === "..")) {
    throw new Error(`Not a blob prefix: ${JSON.stringify(prefix)}`);
  }
  return prefix;
}
