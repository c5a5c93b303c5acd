import { expect, test } from "@playwright/test";
import { findRequests, releaseReply, scriptReply, waitForFakeRequest } from "../test-support/fake-openai/client";
import { E2E } from "./support/env";
import { messageBox, messages, replies, send, yourMessages } from "./support/chat-page";
import { alerts, unique } from "./support/session";

test.use({ storageState: E2E.alice.state });

const fake = E2E.fakeOrigin;

test("a reply streams in progressively, renders Markdown, and survives a reload", async ({ page }) => {
  const token = unique("stream");
  const chunks = ["Here is **bold** text", " and a list:\n\n- one\n- two\n\n", "| a | b |\n|---|---|\n| 1 | 2 |\n\n", "```js\nconst x = 1;\n```\n", "The end."];
  // The fake sends the first chunk, then holds the rest until the test releases it.
  await scriptReply(fake, token, { chunks, holdAfter: 1 });

  await page.goto("/");
  await send(page, `Show me formatting ${token}`);

  const reply = replies(page);
  // Seen partially: the first chunk is shown while the rest is still held back.
  await expect(reply).toContainText("Here is bold text");
  await expect(reply).not.toContainText("and a list");
  await expect(reply).not.toContainText("The end.");
  expect(await releaseReply(fake, token)).toBe(1);
  await expect(reply).toContainText("The end.");

  await expect(reply.locator("strong")).toHaveText("bold");
  await expect(reply.getByRole("listitem")).toHaveText(["one", "two"]);
  await expect(reply.getByRole("table")).toBeVisible();
  await expect(reply.locator("pre code")).toContainText("const x = 1;");

  await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);
  const title = `Show me formatting ${token}`;
  await expect(page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: title })).toBeVisible();

  await page.reload();
  await expect(yourMessages(page)).toHaveText(title);
  await expect(replies(page).locator("strong")).toHaveText("bold");
  await expect(replies(page)).toContainText("The end.");
});

test("hostile HTML in a reply is shown as text and never runs", async ({ page }) => {
  const token = unique("html");
  const hostile = `<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> [click](javascript:window.__pwned=3)`;
  await scriptReply(fake, token, { chunks: [hostile] });
  await page.goto("/");
  await send(page, `be hostile ${token}`);
  const reply = replies(page);
  await expect(reply).toContainText("<img src=x onerror=");
  await expect(reply).toContainText("<script>");
  await expect(reply.locator("img, script")).toHaveCount(0);
  const href = await reply.getByRole("link", { name: "click" }).getAttribute("href").catch(() => null);
  expect(href ?? "").not.toContain("javascript:");
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test("the history goes with each new message, and Shift+Enter makes a new line", async ({ page }) => {
  const token = unique("history");
  await page.goto("/");
  await send(page, `My name is Ada ${token}`);
  await expect(replies(page)).toContainText("Echo:");

  const box = messageBox(page);
  await box.fill(`What is my name? ${token}`);
  await box.press("Shift+Enter");
  await box.pressSequentially("second line");
  await expect(box).toHaveValue(`What is my name? ${token}\nsecond line`);
  await box.press("Enter");
  await expect(replies(page)).toHaveCount(2);
  await expect(replies(page).nth(1)).toContainText("second line");

  const requests = await findRequests(fake, `What is my name? ${token}`);
  expect(requests).toHaveLength(1);
  const sent = requests[0].body.messages as { role: string; content: string }[];
  expect(sent.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
  expect(sent[0].content).toBe(`My name is Ada ${token}`);
  expect(sent[1].content).toContain("Echo:");
  expect(sent[2].content).toBe(`What is my name? ${token}\nsecond line`);
});

test("Stop ends the reply and keeps the partial text, marked stopped", async ({ page }) => {
  const token = unique("stop");
  await scriptReply(fake, token, { chunks: ["Partial answer", " that goes on", " and on"], stallAfter: 1 });
  await page.goto("/");
  await send(page, `Tell me a long story ${token}`);
  const reply = replies(page);
  await expect(reply).toContainText("Partial answer");
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(reply.getByText("Stopped")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();

  // The server aborted the provider call too.
  const upstream = await waitForFakeRequest(fake, token, { closed: true });
  expect(upstream.closedEarly).toBe(true);

  await expect(async () => {
    await page.reload();
    const kept = replies(page);
    await expect(kept).toContainText("Partial answer", { timeout: 1000 });
    await expect(kept.getByText("Stopped")).toBeVisible({ timeout: 1000 });
  }).toPass();
  await expect(yourMessages(page)).toHaveText(`Tell me a long story ${token}`);
});

test("a rate limit shows a specific message, keeps the message, and Retry answers it", async ({ page }) => {
  const token = unique("ratelimit");
  await scriptReply(fake, token, { status: 429, headers: { "retry-after": "20" } });
  await page.goto("/");
  await send(page, `Hello under load ${token}`);

  const alert = alerts(page);
  await expect(alert).toContainText("rate limiting");
  await expect(alert).toContainText("20 seconds");
  await expect(yourMessages(page)).toHaveText(`Hello under load ${token}`);

  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(replies(page)).toContainText(`Echo: Hello under load ${token}`);
  await expect(alerts(page)).toHaveCount(0);

  await page.reload();
  await expect(yourMessages(page)).toHaveCount(1);
  await expect(replies(page)).toContainText(`Echo: Hello under load ${token}`);
});

test("a provider failure mid-stream keeps the partial text, marked as failed", async ({ page }) => {
  const token = unique("broken");
  await scriptReply(fake, token, { chunks: ["Half of", " the answer", " never arrives"], disconnectAfter: 2 });
  await page.goto("/");
  await send(page, `Break please ${token}`);
  const reply = replies(page);
  await expect(reply.getByRole("alert")).toContainText("broke off");
  await expect(reply).toContainText("Half of the answer");
  await page.reload();
  await expect(replies(page)).toContainText("Half of the answer");
  await expect(replies(page)).toContainText("broke off");
});

test("an empty or over-long message is not sent and nothing typed is lost", async ({ page }) => {
  await page.goto("/");
  const box = messageBox(page);
  await box.fill("   ");
  await expect(page.getByRole("button", { name: "Send" })).toBeDisabled();
  const long = "x".repeat(32_001);
  await box.fill(long);
  await expect(alerts(page)).toContainText("over the 32,000-character limit");
  await box.press("Enter");
  await expect(box).toHaveValue(long);
  await expect(messages(page)).toHaveCount(0);
});

test("Enter that confirms an input-method composition does not send", async ({ page }) => {
  await page.goto("/");
  const box = messageBox(page);
  await box.fill("你好");
  // What an IME sends when Enter picks a candidate: a keydown flagged as composing.
  await box.evaluate((el) =>
    el.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", isComposing: true, bubbles: true, cancelable: true })),
  );
  // Let React commit whatever that keydown caused before looking.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await expect(box).toHaveValue("你好");
  await expect(messages(page)).toHaveCount(0);
  await box.press("Enter");
  await expect(yourMessages(page)).toHaveText("你好");
});

test("a reply keeps going when the person opens another chat, and is there when they come back", async ({ page }) => {
  const token = unique("leave");
  await scriptReply(fake, token, { chunks: ["A long", " answer,", " finished."], holdAfter: 1 });
  await page.goto("/");
  await send(page, `Take your time ${token}`);
  await expect(replies(page)).toContainText("A long");
  const conversation = page.url();

  await page.getByRole("link", { name: "New chat" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(messages(page)).toHaveCount(0);

  expect(await releaseReply(fake, token)).toBe(1);
  const upstream = await waitForFakeRequest(fake, token, { closed: true });
  expect(upstream.closedEarly).toBe(false);

  await expect(async () => {
    await page.goto(conversation);
    await expect(replies(page)).toContainText("A long answer, finished.", { timeout: 1000 });
  }).toPass();
  await expect(replies(page).getByText("Stopped")).toHaveCount(0);
});
