import { expect, type Page } from "@playwright/test";
import { messageBox } from "./chat-page";

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(messageBox(page)).toBeVisible();
}

export const unique = (label: string) => `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Alerts the app shows; Next's route announcer also has role="alert". */
export const alerts = (page: Page) => page.locator('[role="alert"]:not(#__next-route-announcer__)');
