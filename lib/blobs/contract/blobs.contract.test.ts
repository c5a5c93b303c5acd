import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Emulator, type S3Emulator } from "../emulator";
import { openFileBlobStore } from "../files";
import { openS3BlobStore } from "../s3";
import type { BlobStore } from "../types";

/**
 * One contract for every blob adapter: local files, and S3 through the
 * s3rver emulator (in process). Direct uploads and downloads exist only on
 * S3; the file store answers null and the app carries the bytes.
 */

interface Adapter {
  name: string;
  open(): Promise<{ blobs: BlobStore; close(): Promise<void> }>;
  direct: boolean;
}

const adapters: Adapter[] = [
  {
    name: "local files",
    direct: false,
    async open() {
      const dir = await mkdtemp(path.join(tmpdir(), "parley-blobs-"));
      return { blobs: openFileBlobStore(dir), close: () => rm(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: "S3 (s3rver in process)",
    direct: true,
    async open() {
      const emulator: S3Emulator = await startS3Emulator();
      return { blobs: openS3BlobStore({ bucket: emulator.bucket, client: emulator.client }), close: emulator.stop };
    },
  },
];

const bytes = (text: string) => new TextEncoder().encode(text);

for (const adapter of adapters) {
  describe(`Blob store contract: ${adapter.name}`, () => {
    let blobs: BlobStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ blobs, close } = await adapter.open());
    });
    afterAll(() => close());

    it("puts, gets, sizes and replaces an object; a missing one is null", async () => {
      await blobs.put("u/a/1/original", bytes("hello"));
      expect(new TextDecoder().decode((await blobs.get("u/a/1/original"))!)).toBe("hello");
      expect(await blobs.size("u/a/1/original")).toBe(5);
      await blobs.put("u/a/1/original", bytes("hi"));
      expect(await blobs.size("u/a/1/original")).toBe(2);
      expect(await blobs.get("u/a/nope")).toBeNull();
      expect(await blobs.size("u/a/nope")).toBeNull();
    });

    it("keeps an empty object apart from a missing one", async () => {
      await blobs.put("u/a/empty", new Uint8Array());
      expect(await blobs.get("u/a/empty")).toEqual(new Uint8Array());
      expect(await blobs.size("u/a/empty")).toBe(0);
    });

    it("lists by owner prefix only, never a neighbour sharing the first characters", async () => {
      await blobs.put("u/owner1/x/original", bytes("1"));
      await blobs.put("u/owner1/y/original", bytes("22"));
      await blobs.put("u/owner10/z/original", bytes("333"));
      expect(await blobs.list("u/owner1/")).toEqual([
        { key: "u/owner1/x/original", size: 1 },
        { key: "u/owner1/y/original", size: 2 },
      ]);
      expect(await blobs.list("u/nobody/")).toEqual([]);
    });

    it("deletes objects and whole prefixes, ignoring what is already gone", async () => {
      await blobs.put("u/del/a/original", bytes("a"));
      await blobs.put("u/del/b/original", bytes("b"));
      await blobs.put("u/del1/c/original", bytes("c"));
      await blobs.delete(["u/del/a/original", "u/del/missing"]);
      expect(await blobs.get("u/del/a/original")).toBeNull();
      expect(await blobs.deletePrefix("u/del/")).toBe(1);
      expect(await blobs.list("u/del/")).toEqual([]);
      expect(await blobs.size("u/del1/c/original")).toBe(1);
      expect(await blobs.deletePrefix("u/del/")).toBe(0);
    });

    it("stores a 20 MB object byte for byte", async () => {
      const big = new Uint8Array(randomBytes(20 * 1024 * 1024));
      await blobs.put("u/big/1/original", big);
      expect(await blobs.size("u/big/1/original")).toBe(big.byteLength);
      const back = await blobs.get("u/big/1/original");
      expect(back && Buffer.from(back).equals(Buffer.from(big))).toBe(true);
    });

    it("refuses keys that could leave its space", async () => {
      await expect(blobs.get("../etc/passwd")).rejects.toThrow(/blob key/);
      await expect(blobs.put("u/A/Upper", bytes("x"))).rejects.toThrow(/blob key/);
      await expect(blobs.list("u/..")).rejects.toThrow(/blob prefix/);
    });

    if (!adapter.direct) {
      it("has no direct upload or download: the app carries the bytes", async () => {
        expect(await blobs.directUpload("u/a/2/original", { contentType: "image/png", size: 3 })).toBeNull();
        expect(await blobs.directDownload("u/a/1/original", { contentType: "text/plain", fileName: "a.txt", inline: false })).toBeNull();
      });
      return;
    }

    // s3rver does not check version-4 signatures, so what S3 would enforce is
    // checked in the URL itself: what is signed and for how long.
    it("takes a presigned upload whose signature binds size, type and a short expiry", async () => {
      const target = (await blobs.directUpload("u/a/3/original", { contentType: "image/png", size: 4 }))!;
      expect(target).toMatchObject({ method: "PUT", headers: { "content-type": "image/png" } });
      const query = new URL(target.url).searchParams;
      expect(query.get("X-Amz-SignedHeaders")?.split(";")).toEqual(expect.arrayContaining(["content-length", "content-type", "host"]));
      expect(Number(query.get("X-Amz-Expires"))).toBeLessThanOrEqual(300);
      const ok = await fetch(target.url, { method: "PUT", headers: target.headers, body: bytes("abcd") });
      expect(ok.status).toBe(200);
      expect(await blobs.size("u/a/3/original")).toBe(4);
    });

    it("serves a download through a presigned URL with the file's name and type", async () => {
      await blobs.put("u/a/5/original", bytes("<html>not run</html>"));
      const url = (await blobs.directDownload("u/a/5/original", { contentType: "text/plain", fileName: "page.html", inline: false }))!;
      expect(Number(new URL(url).searchParams.get("X-Amz-Expires"))).toBeLessThanOrEqual(300);
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/plain");
      expect(response.headers.get("content-disposition")).toBe(`attachment; filename="page.html"; filename*=UTF-8''page.html`);
      expect(await response.text()).toBe("<html>not run</html>");
    });
  });
}
