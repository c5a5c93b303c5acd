/**
 * The chat page by the names a screen reader announces: the message box and
 * the conversation's articles, "You" for the person's messages and
 * "Assistant" for the replies.
 */
import type { Locator, Page } from "@playwright/test";

export const messageBox = (page: Page): Locator => page.getByRole("textbox", { name: "Message" });

/** Every message of the open conversation, oldest first. */
export const messages = (page: Page): Locator => page.getByRole("article");

/** The person's own messages, oldest first. */
export const yourMessages = (page: Page): Locator => page.getByRole("article", { name: "You" });

/** The replies, oldest first. */
export const replies = (page: Page): Locator => page.getByRole("article", { name: "Assistant" });

/** Sends a message from the composer with Enter, as a person would. */
export async function send(page: Page, text: string): Promise<void> {
  const box = messageBox(page);
  await box.fill(text);
  await box.press("Enter");
}
