import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { findRequests, waitForFakeRequest } from "../test-support/fake-openai/client";
import { makePdf } from "../test-support/pdf";
import { E2E } from "./support/env";
import { messageBox, replies, yourMessages } from "./support/chat-page";
import { alerts, unique } from "./support/session";

test.use({ storageState: E2E.alice.state });

const fake = E2E.fakeOrigin;

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } }).png().toBuffer();

interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Chooses files through the "Attach files" button, as a person would. */
async function attach(page: Page, files: FilePayload[]): Promise<void> {
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Attach files" }).click();
  await (await chooser).setFiles(files);
}

const chips = (page: Page) => page.getByRole("list", { name: "Files to send" }).getByRole("listitem");

/** Waits until every chip has finished uploading. */
async function uploaded(page: Page): Promise<void> {
  await expect(page.getByRole("list", { name: "Files to send" }).getByRole("progressbar")).toHaveCount(0);
}

/** The last user message of a chat-completion request as sent: its text and image URLs. */
function lastUserContent(body: unknown): { text: string; images: string[] } {
  const messages = (body as { messages: { role: string; content: unknown }[] }).messages;
  const last = messages.filter((m) => m.role === "user").at(-1)!;
  if (typeof last.content === "string") return { text: last.content, images: [] };
  const parts = last.content as { type: string; text?: string; image_url?: { url: string } }[];
  return {
    text: parts.map((p) => p.text ?? "").join(""),
    images: parts.flatMap((p) => (p.type === "image_url" && p.image_url ? [p.image_url.url] : [])),
  };
}

/** The attachment ids on disk under the app's DATA_DIR (DATA_DIR/files/u/<user>/<attachment>). */
function storedAttachmentIds(): string[] {
  const root = path.join(E2E.appDir, "files", "u");
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((user) => readdirSync(path.join(root, user)));
}

test("an image and documents go to the model: the image scaled, the documents as text; thumbnails stay after a reload", async ({ page }) => {
  const token = unique("files");
  await page.goto("/");
  await attach(page, [
    { name: "wide.png", mimeType: "image/png", buffer: await png(3000, 1500) },
    { name: "notes.md", mimeType: "text/markdown", buffer: Buffer.from(`# Notes\n\nThe launch code word is ${token}-md.`) },
    { name: "report.pdf", mimeType: "application/pdf", buffer: Buffer.from(makePdf([`Quarterly report ${token}-pdf`, "Second page"])) },
    { name: "extra.txt", mimeType: "text/plain", buffer: Buffer.from("not wanted") },
  ]);
  await expect(chips(page)).toHaveCount(4);
  await expect(chips(page).first()).toContainText("wide.png");
  await uploaded(page);

  // Removing one takes it out of the message.
  await chips(page).filter({ hasText: "extra.txt" }).getByRole("button", { name: "Remove attachment" }).click();
  await expect(chips(page)).toHaveCount(3);

  await messageBox(page).fill(`What do these say? ${token}`);
  await messageBox(page).press("Enter");
  await expect(chips(page)).toHaveCount(0);

  const request = await waitForFakeRequest(fake, token);
  const sent = lastUserContent(request.body);
  expect(sent.text).toContain(`What do these say? ${token}`);
  expect(sent.text).toContain(`The launch code word is ${token}-md.`);
  expect(sent.text).toContain(`Quarterly report ${token}-pdf`);
  expect(sent.text).not.toContain("not wanted");
  expect(sent.images).toHaveLength(1);
  const [header, data] = sent.images[0]!.split(",");
  expect(header).toBe("data:image/png;base64");
  expect(await sharp(Buffer.from(data!, "base64")).metadata()).toMatchObject({ width: 2048, height: 1024, format: "png" });

  await expect(replies(page).last()).not.toHaveAttribute("aria-busy", "true");
  const you = yourMessages(page).last();
  await expect(you.getByRole("img", { name: "wide.png" })).toBeVisible();
  await page.reload();
  const image = yourMessages(page).last().getByRole("img", { name: "wide.png" });
  await expect(image).toBeVisible();
  // The thumbnail really loaded (a broken image has no natural size).
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(yourMessages(page).last().getByRole("link", { name: "report.pdf" })).toBeVisible();
  // It opens the full picture.
  await expect(image.locator("xpath=..")).toHaveAttribute("href", /^\/api\/attachments\/[0-9a-f-]{36}$/);
});

test("a pasted image is attached and sent", async ({ page }) => {
  const token = unique("paste");
  await page.goto("/");
  const bytes = (await png(40, 30)).toString("base64");
  await messageBox(page).evaluate((box, b64) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([data], "screenshot.png", { type: "image/png" }));
    box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, bytes);
  await expect(chips(page)).toHaveCount(1);
  await expect(chips(page)).toContainText("screenshot.png");
  await uploaded(page);
  await messageBox(page).fill(`Look ${token}`);
  await messageBox(page).press("Enter");
  const sent = lastUserContent((await waitForFakeRequest(fake, token)).body);
  expect(sent.images).toHaveLength(1);
  await expect(yourMessages(page).last().getByRole("img", { name: "screenshot.png" })).toBeVisible();
});

test("only the owner can read a file, and deleting the conversation deletes it", async ({ page, browser }) => {
  const token = unique("owner");
  await page.goto("/");
  await attach(page, [{ name: "private.png", mimeType: "image/png", buffer: await png(20, 20) }]);
  await uploaded(page);
  await messageBox(page).fill(`Mine ${token}`);
  await messageBox(page).press("Enter");
  await waitForFakeRequest(fake, token);
  const link = yourMessages(page).last().getByRole("img", { name: "private.png" }).locator("xpath=..");
  const url = (await link.getAttribute("href"))!;
  const id = url.split("/").at(-1)!;

  const mine = await page.request.get(url);
  expect(mine.status()).toBe(200);
  expect(mine.headers()["content-type"]).toBe("image/png");
  expect(mine.headers()["x-content-type-options"]).toBe("nosniff");

  const bob = await browser.newContext({ storageState: E2E.bob.state });
  try {
    expect((await bob.request.get(url)).status()).toBe(404);
    expect((await bob.request.get(`${url}?variant=thumb`)).status()).toBe(404);
  } finally {
    await bob.close();
  }

  expect(storedAttachmentIds()).toContain(id);
  const conversationId = page.url().split("/").at(-1)!;
  expect((await page.request.delete(`/api/conversations/${conversationId}`)).status()).toBe(204);
  expect((await page.request.get(url)).status()).toBe(404);
  expect(storedAttachmentIds()).not.toContain(id);
});

test("a file named .png that holds HTML is refused and never sent", async ({ page }) => {
  await page.goto("/");
  await attach(page, [{ name: "cat.png", mimeType: "image/png", buffer: Buffer.from("<html><script>alert(1)</script></html>") }]);
  await expect(chips(page).getByRole("alert")).toHaveText(/cat\.png cannot be attached/);
  await expect(chips(page)).toContainText("Not attached");
  await chips(page).getByRole("button", { name: "Remove attachment" }).click();
  await expect(chips(page)).toHaveCount(0);
});

test("a model without vision refuses an image before anything is sent, keeping the text and the file", async ({ page }) => {
  const token = unique("blind");
  await page.goto("/");
  await messageBox(page).fill(`Hello ${token}`);
  await messageBox(page).press("Enter");
  await waitForFakeRequest(fake, token);
  await expect(replies(page).last()).not.toHaveAttribute("aria-busy", "true");
  const conversationId = page.url().split("/").at(-1)!;
  const current = (await (await page.request.get(`/api/conversations/${conversationId}/settings`)).json()) as { settings: Record<string, unknown> };
  const put = await page.request.put(`/api/conversations/${conversationId}/settings`, { data: { ...current.settings, model: "fake-small" } });
  expect(put.status()).toBe(200);

  await page.reload();
  await attach(page, [{ name: "chart.png", mimeType: "image/png", buffer: await png(10, 10) }]);
  await uploaded(page);
  await messageBox(page).fill(`What is this? ${token}-image`);
  await messageBox(page).press("Enter");

  await expect(alerts(page)).toContainText("fake-small cannot see images; choose a model that can.");
  await expect(messageBox(page)).toHaveValue(`What is this? ${token}-image`);
  await expect(chips(page)).toHaveCount(1);
  await expect(chips(page)).toContainText("chart.png");
  await expect(yourMessages(page)).toHaveCount(1);
  expect(await findRequests(fake, `${token}-image`)).toHaveLength(0);
});
