import { expect, test } from "@playwright/test";
import { E2E } from "./support/env";
import { messageBox, messages, replies, send } from "./support/chat-page";
import { unique } from "./support/session";

test.use({ storageState: E2E.alice.state, viewport: { width: 390, height: 844 }, hasTouch: true });

test("on a phone the conversations are in a drawer behind the Menu button", async ({ page }) => {
  const token = unique("phone");
  await page.goto("/");
  await send(page, `from my phone ${token}`);
  await expect(replies(page)).toContainText("Echo:");
  const conversation = page.url();

  const nav = page.getByRole("navigation", { name: "Conversations" });
  const menu = page.getByRole("button", { name: "Open menu" });
  await expect(nav).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");

  // Escape closes it and focus goes back to the button.
  await menu.click();
  const close = page.getByRole("button", { name: "Close menu" });
  await expect(close).toHaveAttribute("aria-expanded", "true");
  await expect(nav).toBeVisible();
  await expect(page.getByRole("link", { name: "New chat" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(nav).toBeHidden();
  await expect(menu).toBeFocused();

  // So does a tap on the backdrop, beside the drawer.
  await menu.click();
  await expect(nav).toBeVisible();
  await page.mouse.click(370, 600);
  await expect(nav).toBeHidden();

  // And following a link.
  await menu.click();
  await nav.getByRole("link", { name: `from my phone ${token}` }).click();
  await expect(nav).toBeHidden();
  await expect(page).toHaveURL(conversation);
  await menu.click();
  await page.getByRole("link", { name: "New chat" }).click();
  await expect(nav).toBeHidden();
  await expect(page).toHaveURL(/\/$/);
  await expect(messages(page)).toHaveCount(0);
  await expect(messageBox(page)).toBeVisible();
});

test("the chat fits a phone screen without sideways scrolling", async ({ page }) => {
  const token = unique("narrow");
  await page.goto("/");
  await send(page, `a long unbroken word ${"x".repeat(200)} ${token}`);
  await expect(replies(page)).toContainText("Echo:");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole("button", { name: "Send" })).toBeInViewport();
});

test.describe("on a wide screen", () => {
  test.use({ viewport: { width: 1280, height: 800 }, hasTouch: false });

  test("the sidebar is in place and there is no Menu button", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("navigation", { name: "Conversations" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Open menu" })).toBeHidden();
  });
});
