import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeAccount } from "@/lib/auth/remove-account";
import { openFileBlobStore } from "@/lib/blobs/files";
import type { BlobStore } from "@/lib/blobs/types";
import { deleteConversation, exportConversation, importConversationFile } from "@/lib/chat/conversations";
import type { ChatRequest } from "@/lib/chat/request";
import type { TurnDeps } from "@/lib/chat/turn";
import { prepareTurn } from "@/lib/chat/turn/prepare";
import { memoryStoreForSuite, plainUsersForSuite } from "@/test-support/memory-store";
import { makePdf } from "@/test-support/pdf";
import { serveAttachment } from "./files";
import { ownerPrefix } from "./records";
import { completeUpload, createUpload, receiveUpload } from "./uploads";

/** Attachments through the real upload steps, file blob store and store, into a prepared turn. */

const store = memoryStoreForSuite();
const users = plainUsersForSuite(store, "alice", "bob", "dora");
let blobs: BlobStore;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "parley-attachments-"));
  blobs = openFileBlobStore(dir);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const streamOf = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]).stream();

async function upload(userId: string, name: string, type: string, bytes: Uint8Array) {
  const ticket = await createUpload(blobs, userId, { name, type, size: bytes.byteLength });
  expect(ticket.upload).toMatchObject({ url: `/api/attachments/${ticket.attachment.id}/content`, method: "PUT" });
  await receiveUpload(blobs, userId, ticket.attachment.id, streamOf(bytes));
  return completeUpload(blobs, userId, ticket.attachment.id);
}

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#336699" } }).png().toBuffer().then((b) => new Uint8Array(b));

const deps = (overrides: Partial<TurnDeps> = {}): TurnDeps => ({
  store,
  blobs,
  provider: null,
  idleTimeoutMs: 1_000,
  defaultModel: "gpt-4o-mini",
  isModelOffered: () => true,
  ...overrides,
});

const submit = (userId: string, extra: Partial<Extract<ChatRequest, { trigger: "submit" }>>, turnDeps = deps()) =>
  prepareTurn(turnDeps, {
    request: { trigger: "submit", conversationId: randomUUID(), turnId: randomUUID(), text: "What is this?", ...extra },
    userId,
    acceptLanguage: "en",
  });

describe("uploading", () => {
  it("refuses over-size, empty and foreign files before any byte is sent", async () => {
    await expect(createUpload(blobs, users.alice.id, { name: "big.png", type: "image/png", size: 21 * 1024 * 1024 })).rejects.toMatchObject({ status: 413, code: "attachment_too_large" });
    await expect(createUpload(blobs, users.alice.id, { name: "e.txt", type: "text/plain", size: 0 })).rejects.toMatchObject({ code: "attachment_empty" });
    await expect(createUpload(blobs, users.alice.id, { name: "setup.exe", type: "application/x-msdownload", size: 10 })).rejects.toMatchObject({ status: 415, code: "attachment_type" });
  });

  it("takes exactly the declared bytes, once", async () => {
    const ticket = await createUpload(blobs, users.alice.id, { name: "a.txt", type: "text/plain", size: 5 });
    await expect(receiveUpload(blobs, users.alice.id, ticket.attachment.id, streamOf(new TextEncoder().encode("too long")))).rejects.toMatchObject({ code: "attachment_incomplete" });
    await expect(completeUpload(blobs, users.alice.id, ticket.attachment.id)).rejects.toMatchObject({ status: 409, code: "attachment_not_uploaded" });
    await receiveUpload(blobs, users.alice.id, ticket.attachment.id, streamOf(new TextEncoder().encode("hello")));
    expect(await completeUpload(blobs, users.alice.id, ticket.attachment.id)).toMatchObject({ name: "a.txt", mediaType: "text/plain", size: 5 });
  });

  it("refuses HTML named .png after the upload and keeps nothing of it", async () => {
    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    const ticket = await createUpload(blobs, users.alice.id, { name: "cat.png", type: "image/png", size: html.byteLength });
    await receiveUpload(blobs, users.alice.id, ticket.attachment.id, streamOf(html));
    await expect(completeUpload(blobs, users.alice.id, ticket.attachment.id)).rejects.toMatchObject({ status: 415, code: "attachment_type", vars: { name: "cat.png" } });
    expect((await blobs.list(ownerPrefix(users.alice.id))).filter((e) => e.key.includes(ticket.attachment.id))).toEqual([]);
  });

  it("serves a file to its owner only, text as plain text", async () => {
    const doc = await upload(users.alice.id, "page.html", "text/html", new TextEncoder().encode("<h1>hi</h1>"));
    const served = await serveAttachment(blobs, users.alice.id, doc.id, "original");
    expect(served).toMatchObject({ kind: "bytes", contentType: "text/plain; charset=utf-8", disposition: expect.stringMatching(/^attachment;/) });
    await expect(serveAttachment(blobs, users.bob.id, doc.id, "original")).rejects.toMatchObject({ status: 404, code: "attachment_not_found" });
  });
});

describe("a turn with attachments", () => {
  it("sends a scaled image and a document's text, and stores the message with its files", async () => {
    const image = await upload(users.alice.id, "wide.png", "image/png", await png(4000, 1000));
    const pdf = await upload(users.alice.id, "report.pdf", "application/pdf", makePdf(["Revenue rose 12%"]));
    const prepared = await submit(users.alice.id, { attachmentIds: [image.id, pdf.id] });
    const last = prepared.prompt.messages.at(-1)!;
    expect(last.content).toContain("What is this?");
    expect(last.content).toContain('<document name="report.pdf">\nRevenue rose 12%');
    expect(last.images).toHaveLength(1);
    const scaled = Buffer.from(last.images![0]!.split(",")[1]!, "base64");
    expect(await sharp(scaled).metadata()).toMatchObject({ width: 2048, height: 512 });
    const [stored] = await store.listMessages(users.alice.id, prepared.conversationId);
    expect(stored!.attachments.map((a) => a.name)).toEqual(["wide.png", "report.pdf"]);
  });

  it("refuses another person's file, storing nothing", async () => {
    const mine = await upload(users.alice.id, "mine.txt", "text/plain", new TextEncoder().encode("secret"));
    const conversationId = randomUUID();
    await expect(submit(users.bob.id, { conversationId, attachmentIds: [mine.id] })).rejects.toMatchObject({ status: 404, code: "attachment_not_found" });
    expect(await store.getConversation(users.bob.id, conversationId)).toBeNull();
  });

  it("refuses an image for a model without vision before anything is stored", async () => {
    const image = await upload(users.alice.id, "chart.png", "image/png", await png(10, 10));
    const conversationId = randomUUID();
    await expect(submit(users.alice.id, { conversationId, attachmentIds: [image.id] }, deps({ defaultModel: "gpt-3.5-turbo" }))).rejects.toMatchObject({
      status: 422,
      code: "model_cannot_see_images",
      vars: { model: "gpt-3.5-turbo" },
    });
    expect(await store.getConversation(users.alice.id, conversationId)).toBeNull();
    // VISION_MODELS adds a model.
    const prepared = await submit(users.alice.id, { attachmentIds: [image.id] }, deps({ defaultModel: "llava:7b", visionModels: ["llava"] }));
    expect(prepared.prompt.messages.at(-1)!.images).toHaveLength(1);
  });

  it("cuts a document too large for the window and says how much the model saw", async () => {
    const long = "All work and no play makes a dull report. ".repeat(3_000);
    const doc = await upload(users.alice.id, "long.txt", "text/plain", new TextEncoder().encode(long));
    const prepared = await submit(users.alice.id, { attachmentIds: [doc.id] }, deps({ defaultModel: "small-model", contextWindows: { default: 8_192, byModel: [] } }));
    expect(prepared.cut).toHaveLength(1);
    expect(prepared.cut[0]!.name).toBe("long.txt");
    expect(prepared.cut[0]!.percent).toBeGreaterThan(5);
    expect(prepared.cut[0]!.percent).toBeLessThan(100);
    expect(prepared.prompt.tokens).toBeLessThanOrEqual(prepared.prompt.window - prepared.prompt.reserve);
    expect(prepared.prompt.messages.at(-1)!.content).toContain(`[Only the first ${prepared.cut[0]!.percent}% of long.txt is included here`);
  });
});

describe("export and import", () => {
  it("names files by reference or carries them inlined; an import keeps only what the importer may read", async () => {
    const image = await upload(users.alice.id, "shared.png", "image/png", await png(30, 30));
    const prepared = await submit(users.alice.id, { attachmentIds: [image.id] });
    const byReference = JSON.parse((await exportConversation(store, users.alice.id, prepared.conversationId, "json"))!.body);
    expect(byReference.messages[0].attachments).toEqual([{ id: image.id, name: "shared.png", mediaType: "image/png", size: image.size }]);
    const inlined = JSON.parse((await exportConversation(store, users.alice.id, prepared.conversationId, "json", { inlineFrom: blobs }))!.body);
    expect(Buffer.from(inlined.messages[0].attachments[0].data, "base64").byteLength).toBe(image.size);

    const importedBy = async (userId: string, file: unknown) => {
      const outcome = await importConversationFile(store, userId, file, blobs);
      if (!outcome.ok) throw new Error(outcome.problem.code);
      return (await store.listMessages(userId, outcome.conversation.id))[0]!.attachments;
    };
    // The owner's own references still work; another person's do not.
    expect(await importedBy(users.alice.id, byReference)).toEqual([{ id: image.id, name: "shared.png", mediaType: "image/png", size: image.size }]);
    expect(await importedBy(users.bob.id, byReference)).toEqual([]);
    // Inlined, the file becomes the importer's own copy.
    const [copy] = await importedBy(users.bob.id, inlined);
    expect(copy).toMatchObject({ name: "shared.png", mediaType: "image/png", size: image.size });
    expect(copy!.id).not.toBe(image.id);
    expect(await serveAttachment(blobs, users.bob.id, copy!.id, "thumb")).toMatchObject({ kind: "bytes", contentType: "image/webp" });
  });
});

describe("removing", () => {
  it("deletes a conversation's files with it, and a person's files with their account", async () => {
    const image = await upload(users.dora.id, "photo.png", "image/png", await png(20, 20));
    const loose = await upload(users.dora.id, "never-sent.txt", "text/plain", new TextEncoder().encode("draft"));
    const prepared = await submit(users.dora.id, { attachmentIds: [image.id] });
    expect(await deleteConversation(store, users.dora.id, prepared.conversationId, blobs)).toBe(true);
    const left = await blobs.list(ownerPrefix(users.dora.id));
    expect(left.some((e) => e.key.includes(image.id))).toBe(false);
    expect(left.some((e) => e.key.includes(loose.id))).toBe(true);

    expect(await removeAccount(store, blobs, users.dora.id)).toBe(true);
    expect(await blobs.list(ownerPrefix(users.dora.id))).toEqual([]);
  });
});
