import { expect, test } from "@playwright/test";
import OpenAI from "openai";
import { openaiFor } from "./support/api-keys";
import { E2E } from "./support/env";
import { unique } from "./support/session";

test.use({ storageState: E2E.bob.state });

test("a key made in Settings lets a program chat into the sidebar, until it is revoked there", async ({ page }) => {
  const name = unique("Family bot");
  await page.goto("/");
  await page.getByRole("button", { name: "Settings", exact: true }).click();
  const settings = page.getByRole("dialog", { name: "Settings" });
  const keys = settings.getByRole("region", { name: "API keys" });

  await keys.getByRole("button", { name: "Create key" }).click();
  await expect(keys.getByRole("alert")).toHaveText("Give the key a name.");
  await keys.getByRole("textbox", { name: "Key name" }).fill(name);
  await keys.getByRole("button", { name: "Create key" }).click();
  const shown = keys.getByRole("textbox", { name: "New API key" });
  await expect(shown).toHaveValue(/^pk_[A-Za-z0-9_-]{43}$/);
  await expect(shown).toHaveAttribute("readonly", "");
  const secret = await shown.inputValue();
  const row = keys.getByRole("listitem").filter({ hasText: name });
  await expect(row).toContainText(secret.slice(0, 10));
  await expect(row).toContainText("Never used");
  await expect(row).not.toContainText(secret.slice(10));

  // A program uses it: the conversation appears in the web chat's sidebar.
  const tag = unique("from-a-bot");
  const { response } = await openaiFor(secret)
    .chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: `Hello ${tag}` }] }, { headers: { "X-Parley-Conversation": "new" } })
    .withResponse();
  const id = response.headers.get("x-parley-conversation");
  await page.keyboard.press("Escape");
  await page.reload();
  const link = page.locator(`a[href="/c/${id}"]`);
  await expect(link).toBeVisible();
  await link.click();
  await expect(page.getByRole("article", { name: "You" })).toContainText(`Hello ${tag}`);
  await expect(page.getByRole("article", { name: "Assistant" })).toContainText(`Echo: Hello ${tag}`);

  // The list shows it was used; Revoke (confirmed) ends it for the very next call.
  await page.getByRole("button", { name: "Settings", exact: true }).click();
  const used = page.getByRole("dialog", { name: "Settings" }).getByRole("region", { name: "API keys" }).getByRole("listitem").filter({ hasText: name });
  await expect(used).toContainText("Last used");
  await used.getByRole("button", { name: `Revoke ${name}` }).click();
  await used.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(used).toBeHidden();
  const refused = openaiFor(secret).chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "still there?" }] });
  await expect(refused).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  await expect(refused).rejects.toMatchObject({ status: 401, code: "api_key_invalid" });
});
