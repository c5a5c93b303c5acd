import { expect, test } from "@playwright/test";
import { E2E } from "./support/env";
import { messageBox, replies, send, yourMessages } from "./support/chat-page";
import { alerts } from "./support/session";

// Runs against a server with an empty database and no model provider.
test.describe.configure({ mode: "serial" });

test("first run creates the admin account, and the chat says which provider to configure", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("button", { name: "Create account" })).toBeVisible();

  await page.getByLabel("Name").fill("Olivia Owner");
  await page.getByLabel("Email").fill("owner@example.com");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(alerts(page)).toContainText("at least 8 characters");
  // What was typed survives the failed submission.
  await expect(page.getByLabel("Email")).toHaveValue("owner@example.com");

  await page.getByLabel("Password").fill("a-strong-password");
  await page.getByLabel("Setup code").fill("a-guess-from-a-stranger");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(alerts(page)).toContainText("setup code is not right");

  await page.getByLabel("Password").fill("a-strong-password");
  await page.getByLabel("Setup code").fill(E2E.setupCode);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(messageBox(page)).toBeVisible();
  await expect(page.getByText("owner@example.com")).toBeVisible();

  await send(page, "Is anyone there?");
  const alert = alerts(page);
  await expect(alert).toContainText("OPENAI_API_KEY");
  await expect(alert).toContainText("OPENAI_BASE_URL");
  await expect(yourMessages(page)).toHaveText("Is anyone there?");

  // The typed message and the failed reply are both kept.
  await page.reload();
  await expect(yourMessages(page)).toHaveText("Is anyone there?");
  await expect(replies(page)).toContainText("OPENAI_API_KEY");
});

test("setup is closed once an account exists, and the owner can sign out and back in", async ({ page }) => {
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel("Email").fill("owner@example.com");
  await page.getByLabel("Password").fill("a-strong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: "Is anyone there?" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});
