import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { makePdf } from "@/test-support/pdf";
import { detectType } from "./detect";
import { DocumentUnreadable, pdfText, plainText } from "./documents";
import { ImageUnreadable, prepareImage } from "./images";
import { attachmentIdFromPath, attachmentPath, formatSize, looksAttachable } from "./kinds";

const image = (width: number, height: number, format: "png" | "jpeg" | "webp" | "gif") =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } })
    .toFormat(format)
    .toBuffer()
    .then((buffer) => new Uint8Array(buffer));

const text = (value: string) => new TextEncoder().encode(value);

describe("deciding a file's type from its content", () => {
  it("recognises the four image formats and PDF whatever their names say", async () => {
    for (const format of ["png", "jpeg", "webp", "gif"] as const) {
      expect(await detectType(await image(4, 4, format), "photo.bin")).toEqual({ ok: true, mediaType: `image/${format}`, kind: "image" });
    }
    expect(await detectType(makePdf(["Hello"]), "report.txt")).toEqual({ ok: true, mediaType: "application/pdf", kind: "pdf" });
  });

  it("reads text documents by their name's kind, plain text otherwise", async () => {
    expect(await detectType(text("# Title"), "notes.md")).toMatchObject({ ok: true, mediaType: "text/markdown" });
    expect(await detectType(text("a,b\n1,2"), "data.csv")).toMatchObject({ ok: true, mediaType: "text/csv" });
    expect(await detectType(text('{"a":1}'), "x.json")).toMatchObject({ ok: true, mediaType: "application/json" });
    expect(await detectType(text("fn main() {}"), "main.rs")).toMatchObject({ ok: true, mediaType: "text/plain", kind: "text" });
  });

  it("refuses a name that lies about its content, other binaries and empty files", async () => {
    expect(await detectType(text("<html><script>alert(1)</script></html>"), "cat.png")).toEqual({ ok: false, problem: "attachment_type" });
    expect(await detectType(text("not a pdf"), "paper.pdf")).toEqual({ ok: false, problem: "attachment_type" });
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(await detectType(zip, "archive.txt")).toEqual({ ok: false, problem: "attachment_type" });
    expect(await detectType(new Uint8Array([0xff, 0xfe, 0x00, 0x41]), "utf16.txt")).toEqual({ ok: false, problem: "attachment_type" });
    expect(await detectType(new Uint8Array(), "empty.txt")).toEqual({ ok: false, problem: "attachment_empty" });
  });
});

describe("preparing images", () => {
  it("scales the longest side down to 2,048 px, keeping the shape and the format", async () => {
    const { model, thumbnail } = await prepareImage(await image(4096, 1024, "jpeg"), "image/jpeg");
    expect(model).toMatchObject({ width: 2048, height: 512, mediaType: "image/jpeg" });
    expect(await sharp(model.bytes).metadata()).toMatchObject({ format: "jpeg", width: 2048, height: 512 });
    expect(thumbnail).toMatchObject({ width: 512, height: 128, mediaType: "image/webp" });
  });

  it("leaves a small image its size and turns a GIF into a PNG", async () => {
    const { model } = await prepareImage(await image(300, 200, "gif"), "image/gif");
    expect(model).toMatchObject({ width: 300, height: 200, mediaType: "image/png" });
  });

  it("refuses an image that does not decode", async () => {
    const broken = (await image(64, 64, "png")).slice(0, 60);
    await expect(prepareImage(broken, "image/png")).rejects.toBeInstanceOf(ImageUnreadable);
  });
});

describe("reading documents", () => {
  it("extracts a PDF's text page by page", async () => {
    expect(await pdfText(makePdf(["First page (intro)", "Second page"]))).toBe("First page (intro)\n\nSecond page");
  });

  it("refuses a damaged PDF, a password-protected one and one without text", async () => {
    const damaged = makePdf(["x"]).slice(0, 120);
    await expect(pdfText(damaged)).rejects.toMatchObject({ problem: "attachment_pdf_unreadable" });
    await expect(pdfText(makePdf(["secret"], { encrypt: true }))).rejects.toMatchObject({ problem: "attachment_pdf_unreadable" });
    await expect(pdfText(makePdf([""]))).rejects.toMatchObject({ problem: "attachment_no_text" });
  });

  it("takes text as it is, without a byte-order mark, and refuses blank text", () => {
    expect(plainText(text("\uFEFFhello\n"))).toBe("hello\n");
    expect(() => plainText(text("  \n"))).toThrow(DocumentUnreadable);
  });
});

describe("what the browser checks before uploading", () => {
  it("accepts what the picker offers and refuses other files", () => {
    expect(looksAttachable({ name: "a.PNG", type: "" })).toBe(true);
    expect(looksAttachable({ name: "Dockerfile", type: "" })).toBe(true);
    expect(looksAttachable({ name: "x.md", type: "" })).toBe(true);
    expect(looksAttachable({ name: "setup.exe", type: "application/x-msdownload" })).toBe(false);
  });

  it("names an attachment's route and reads the id back", () => {
    const id = "0b9d3e6a-1c2f-4e5a-9b8c-7d6e5f4a3b2c";
    expect(attachmentIdFromPath(attachmentPath(id))).toBe(id);
    expect(attachmentIdFromPath(attachmentPath(id, "thumb"))).toBe(id);
    expect(attachmentIdFromPath("/api/attachments/nope")).toBeNull();
  });

  it("words sizes", () => {
    expect(formatSize(512)).toBe("512 B");
    expect(formatSize(1536, "en")).toBe("1.5 KB");
    expect(formatSize(20 * 1024 * 1024, "en")).toBe("20 MB");
  });
});
