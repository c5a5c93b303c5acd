import { expect, test } from "@playwright/test";
import { findRequests } from "./support/fake-openai-client";
import { E2E } from "./support/env";
import { send, unique } from "./support/session";

// Bob's settings only, so other specs (signed in as Alice) keep the defaults.
test.use({ storageState: E2E.bob.state });

test("settings are saved per person and reach the provider request", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Settings" }).click();
  const dialog = page.getByRole("dialog", { name: "Settings" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Model", { exact: true })).toHaveValue("gpt-4o-mini");

  await dialog.getByLabel("Temperature").fill("5");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByRole("alert")).toContainText("between 0 and 2");

  await dialog.getByLabel("Model", { exact: true }).fill("fake-small");
  await dialog.getByLabel("System prompt").fill("You are terse.");
  await dialog.getByLabel("Temperature").fill("0.3");
  await dialog.getByLabel("Max tokens").fill("123");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  const token = unique("settings");
  await send(page, `Use my settings ${token}`);
  await expect(page.getByRole("article", { name: "Assistant" })).toContainText("Echo:");
  const [request] = await findRequests(E2E.fakeOrigin, token);
  expect(request.body).toMatchObject({
    model: "fake-small",
    temperature: 0.3,
    max_tokens: 123,
    stream: true,
    messages: [
      { role: "system", content: "You are terse." },
      { role: "user", content: `Use my settings ${token}` },
    ],
  });

  // They come back on another device (a fresh browser context).
  const other = await page.context().browser()!.newContext({ storageState: E2E.bob.state, baseURL: E2E.appUrl });
  const elsewhere = await other.newPage();
  await elsewhere.goto("/");
  await elsewhere.getByRole("button", { name: "Settings" }).click();
  const again = elsewhere.getByRole("dialog", { name: "Settings" });
  await expect(again.getByLabel("Model", { exact: true })).toHaveValue("fake-small");
  await expect(again.getByLabel("System prompt")).toHaveValue("You are terse.");
  await expect(again.getByLabel("Temperature")).toHaveValue("0.3");
  await expect(again.getByLabel("Max tokens")).toHaveValue("123");
  await other.close();
});
