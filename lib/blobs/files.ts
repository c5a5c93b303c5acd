import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { requireKey, requirePrefix, type BlobEntry, type BlobStore } from "./types";

/**
 * Blobs as plain files under a directory (DATA_DIR/files by default): the
 * key is the relative path. Writes go to a temporary name first and are
 * renamed into place, so a reader never sees half a file.
 */
export function openFileBlobStore(root: string): BlobStore {
  const base = path.resolve(root);
  const fileOf = (key: string) => path.join(base, ...requireKey(key).split("/"));

  const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

  async function walk(dir: string, relative: string, into: BlobEntry[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (missing(error)) return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(".tmp-")) continue;
      const key = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), key, into);
      else into.push({ key, size: (await stat(path.join(dir, entry.name))).size });
    }
  }

  return {
    async put(key, bytes) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = path.join(path.dirname(file), `.tmp-${randomUUID()}`);
      await writeFile(temporary, bytes, { mode: 0o600 });
      await rename(temporary, file);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(fileOf(key)));
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async size(key) {
      try {
        const info = await stat(fileOf(key));
        return info.isFile() ? info.size : null;
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async delete(keys) {
      await Promise.all(keys.map((key) => rm(fileOf(key), { force: true })));
    },
    async list(prefix) {
      // The prefix names a directory: list below it, then keep exact matches.
      const dir = requirePrefix(prefix).slice(0, -1);
      const found: BlobEntry[] = [];
      await walk(path.join(base, ...dir.split("/")), dir, found);
      return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
    async deletePrefix(prefix) {
      const found = await this.list(prefix);
      await rm(path.join(base, ...requirePrefix(prefix).slice(0, -1).split("/")), { recursive: true, force: true });
      return found.length;
    },
    // Locally the app itself receives and serves the bytes (authenticated routes).
    async directUpload() {
      return null;
    },
    async directDownload() {
      return null;
    },
  };
}
