import { expect, test } from "@playwright/test";
import { scriptReply } from "../test-support/fake-openai/client";
import { E2E } from "./support/env";
import { messageBox, messages, replies, send } from "./support/chat-page";
import { unique } from "./support/session";

test.use({ storageState: E2E.alice.state });

const fake = E2E.fakeOrigin;

test("Esc stops the reply, Shift+Esc focuses the message box, Ctrl+Shift+O starts a new chat", async ({ page }) => {
  const token = unique("keys");
  await scriptReply(fake, token, { chunks: ["Still", " writing", " this"], stallAfter: 1 });
  await page.goto("/");
  await send(page, `keep going ${token}`);
  const answer = replies(page);
  await expect(answer).toContainText("Still");

  await page.keyboard.press("Escape");
  await expect(answer.getByText("Stopped")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();

  await page.getByRole("heading", { level: 1 }).click();
  await expect(messageBox(page)).not.toBeFocused();
  await page.keyboard.press("Shift+Escape");
  await expect(messageBox(page)).toBeFocused();

  await page.keyboard.press("ControlOrMeta+Shift+O");
  await expect(page).toHaveURL(/\/$/);
  await expect(messages(page)).toHaveCount(0);
});

test("the shortcuts are listed in a Keyboard shortcuts dialog", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help).toContainText("Start a new chat");
  await expect(help).toContainText("Focus the message box");
  await expect(help).toContainText("Stop the reply");
  // Escape belongs to the dialog: it closes it and stops nothing else.
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  await page.keyboard.press("ControlOrMeta+/");
  await expect(help).toBeVisible();
  await help.getByRole("button", { name: "Close" }).click();
  await expect(help).toBeHidden();
});
