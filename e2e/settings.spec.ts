import { expect, test, type Page } from "@playwright/test";
import { findRequests } from "../test-support/fake-openai/client";
import { E2E } from "./support/env";
import { replies, send } from "./support/chat-page";
import { unique } from "./support/session";

// Bob's settings only, so other specs (signed in as Alice) keep the defaults.
// One after another: each test starts from the settings the previous one saved.
test.use({ storageState: E2E.bob.state });
test.describe.configure({ mode: "serial" });

async function openSettings(page: Page) {
  await page.getByRole("button", { name: "Settings", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Settings" });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Sends a message and waits for the reply; answers with what reached the provider. */
async function turn(page: Page, label: string) {
  const token = unique(label);
  await send(page, `Message ${token}`);
  await expect(replies(page).last()).toContainText(`Echo: Message ${token}`);
  const [request] = await findRequests(E2E.fakeOrigin, token);
  return request.body;
}

test("the Settings dialog shows every control, with the defaults and the offered models", async ({ page }) => {
  await page.goto("/");
  const dialog = await openSettings(page);
  const model = dialog.getByRole("combobox", { name: "Model", exact: true });
  await expect(model).toHaveValue("gpt-4o-mini");
  // The fake lists five models; ALLOWED_MODELS keeps three of them (and names one it does not list).
  await expect(model.locator("option")).toHaveText(["gpt-4o-mini (default)", "gpt-4o", "fake-small", "fake-large"]);
  await expect(dialog.getByRole("textbox", { name: "System prompt", exact: true })).toHaveValue("");
  await expect(dialog.getByRole("spinbutton", { name: "Temperature", exact: true })).toHaveValue("1");
  await expect(dialog.getByRole("spinbutton", { name: "Top P", exact: true })).toHaveValue("1");
  await expect(dialog.getByRole("spinbutton", { name: "Max tokens", exact: true })).toHaveValue("");
  await expect(dialog.getByRole("spinbutton", { name: "Presence penalty", exact: true })).toHaveValue("0");
  await expect(dialog.getByRole("spinbutton", { name: "Frequency penalty", exact: true })).toHaveValue("0");
  const language = dialog.getByRole("combobox", { name: "Language", exact: true });
  await expect(language).toHaveValue("auto");
  await expect(language.locator("option")).toHaveText(["Follow the browser", "English", "简体中文"]);
  await expect(dialog.getByRole("button", { name: "Save", exact: true })).toBeVisible();

  const models = await (await page.request.get("/api/models")).json();
  expect(models).toEqual({ models: ["gpt-4o-mini", "gpt-4o", "fake-small", "fake-large"], defaultModel: "gpt-4o-mini", listed: true });
});

test("invalid values are refused by the form, field by field, and by the API", async ({ page }) => {
  await page.goto("/");
  const dialog = await openSettings(page);
  const cases = [
    ["Temperature", "5", "Temperature must be a number between 0 and 2."],
    ["Top P", "1.5", "Top P must be a number between 0 and 1."],
    ["Max tokens", "0", "Max tokens must be a whole number from 1 to 1,000,000, or empty."],
    ["Presence penalty", "3", "Presence penalty must be a number between -2 and 2."],
    ["Frequency penalty", "-2.5", "Frequency penalty must be a number between -2 and 2."],
  ] as const;
  for (const [name, value] of cases) await dialog.getByRole("spinbutton", { name, exact: true }).fill(value);
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Some settings need a fix: see the marked fields.");
  for (const [name, , message] of cases) {
    const field = dialog.getByRole("spinbutton", { name, exact: true });
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  }
  await expect(dialog.getByRole("spinbutton", { name: "Temperature", exact: true })).toBeFocused();
  // Correcting a field clears its mark.
  await dialog.getByRole("spinbutton", { name: "Temperature", exact: true }).fill("1");
  await expect(dialog.getByRole("spinbutton", { name: "Temperature", exact: true })).not.toHaveAttribute("aria-invalid", "true");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  const before = await (await page.request.get("/api/settings")).json();
  const refused = [
    [{ topP: 1.5 }, /topP: Top P must be between 0 and 1/],
    [{ presencePenalty: -3 }, /presencePenalty: Presence penalty must be between -2 and 2/],
    [{ frequencyPenalty: "high" }, /frequencyPenalty: Frequency penalty must be a number/],
    [{ temperature: 2.5 }, /temperature: Temperature must be between 0 and 2/],
    [{ language: "fr" }, /language/],
    [{ model: "text-embedding-3-small" }, /model: This model is not offered here/],
    [{ colour: "red" }, /colour|Unrecognized/i],
  ] as const;
  for (const [data, message] of refused) {
    const response = await page.request.put("/api/settings", { data });
    expect(response.status(), JSON.stringify(data)).toBe(400);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect((await response.json()).error.message).toMatch(message);
  }
  expect(await (await page.request.get("/api/settings")).json()).toEqual(before);
});

test("saved settings reach the provider exactly and come back on another device", async ({ page, browser }) => {
  await page.goto("/");
  const dialog = await openSettings(page);
  await dialog.getByRole("combobox", { name: "Model", exact: true }).selectOption("fake-large");
  await dialog.getByRole("textbox", { name: "System prompt", exact: true }).fill("You are terse.");
  await dialog.getByRole("spinbutton", { name: "Temperature", exact: true }).fill("0.3");
  await dialog.getByRole("spinbutton", { name: "Top P", exact: true }).fill("0.8");
  await dialog.getByRole("spinbutton", { name: "Max tokens", exact: true }).fill("123");
  await dialog.getByRole("spinbutton", { name: "Presence penalty", exact: true }).fill("0.5");
  await dialog.getByRole("spinbutton", { name: "Frequency penalty", exact: true }).fill("-0.5");
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();

  const body = await turn(page, "defaults");
  expect(body).toMatchObject({
    model: "fake-large",
    temperature: 0.3,
    top_p: 0.8,
    presence_penalty: 0.5,
    frequency_penalty: -0.5,
    max_tokens: 123,
    stream: true,
  });
  expect(body.messages).toEqual([
    { role: "system", content: "You are terse." },
    { role: "user", content: expect.stringContaining("Message defaults-") },
  ]);

  // They come back on another device (a fresh browser context).
  const other = await browser.newContext({ storageState: E2E.bob.state, baseURL: E2E.appUrl });
  const elsewhere = await other.newPage();
  await elsewhere.goto("/");
  const again = await openSettings(elsewhere);
  await expect(again.getByRole("combobox", { name: "Model", exact: true })).toHaveValue("fake-large");
  await expect(again.getByRole("textbox", { name: "System prompt", exact: true })).toHaveValue("You are terse.");
  await expect(again.getByRole("spinbutton", { name: "Temperature", exact: true })).toHaveValue("0.3");
  await expect(again.getByRole("spinbutton", { name: "Top P", exact: true })).toHaveValue("0.8");
  await expect(again.getByRole("spinbutton", { name: "Max tokens", exact: true })).toHaveValue("123");
  await expect(again.getByRole("spinbutton", { name: "Presence penalty", exact: true })).toHaveValue("0.5");
  await expect(again.getByRole("spinbutton", { name: "Frequency penalty", exact: true })).toHaveValue("-0.5");
  await other.close();
});

test("a conversation's own settings change only its requests, show in its header, and can go back to the defaults", async ({ page }) => {
  // Conversation A, following the defaults saved above.
  await page.goto("/");
  expect(await turn(page, "first-a")).toMatchObject({ model: "fake-large", temperature: 0.3 });
  const conversationA = page.url();
  await page.goto(conversationA);
  const header = page.locator(".chat-header");
  await expect(header.getByRole("heading", { level: 1 })).toContainText("Message first-a");
  await expect(page.getByTestId("conversation-settings-badge")).toHaveCount(0);

  await header.getByRole("button", { name: "Conversation settings", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Conversation settings" });
  await expect(dialog.getByRole("combobox", { name: "Model", exact: true })).toHaveValue("fake-large");
  await expect(dialog.getByRole("button", { name: "Use my defaults" })).toHaveCount(0);
  await dialog.getByRole("combobox", { name: "Model", exact: true }).selectOption("gpt-4o");
  await dialog.getByRole("spinbutton", { name: "Temperature", exact: true }).fill("0.2");
  await dialog.getByRole("spinbutton", { name: "Temperature", exact: true }).press("Enter");
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("conversation-settings-badge")).toHaveText(
    "This conversation's settings differ from your defaults: gpt-4o · temperature 0.2",
  );
  expect(await turn(page, "second-a")).toMatchObject({ model: "gpt-4o", temperature: 0.2, top_p: 0.8, max_tokens: 123 });

  // The override survives a reload, and a new conversation still follows the defaults.
  await page.reload();
  await expect(page.getByTestId("conversation-settings-badge")).toContainText("gpt-4o · temperature 0.2");
  await page.goto("/");
  expect(await turn(page, "first-b")).toMatchObject({ model: "fake-large", temperature: 0.3 });

  // "Use my defaults" clears the override.
  await page.goto(conversationA);
  await page.getByRole("button", { name: "Conversation settings", exact: true }).click();
  await page.getByRole("dialog", { name: "Conversation settings" }).getByRole("button", { name: "Use my defaults" }).click();
  await expect(page.getByRole("dialog", { name: "Conversation settings" })).toBeHidden();
  await expect(page.getByTestId("conversation-settings-badge")).toHaveCount(0);
  expect(await turn(page, "third-a")).toMatchObject({ model: "fake-large", temperature: 0.3 });

  // The API keeps it to its owner and checks what it is given.
  const id = conversationA.split("/c/")[1];
  expect((await page.request.get(`/api/conversations/${id}/settings`)).status()).toBe(200);
  const bad = await page.request.put(`/api/conversations/${id}/settings`, {
    data: { model: "gpt-4o", systemPrompt: "", temperature: 1, topP: 2, maxTokens: null, presencePenalty: 0, frequencyPenalty: 0 },
  });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toMatch(/topP/);
  const alice = await page.context().browser()!.newContext({ storageState: E2E.alice.state, baseURL: E2E.appUrl });
  expect((await alice.request.get(`/api/conversations/${id}/settings`)).status()).toBe(404);
  expect((await alice.request.delete(`/api/conversations/${id}/settings`)).status()).toBe(404);
  await alice.close();
});

test("the language chosen in Settings applies at once", async ({ page }) => {
  await page.goto("/");
  let dialog = await openSettings(page);
  await dialog.getByRole("combobox", { name: "Language", exact: true }).selectOption("zh-CN");
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "设置", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "设置", exact: true }).click();
  dialog = page.getByRole("dialog", { name: "设置" });
  await expect(dialog.getByRole("spinbutton", { name: "温度", exact: true })).toHaveValue("0.3");
  await dialog.getByRole("combobox", { name: "语言", exact: true }).selectOption("auto");
  await dialog.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("button", { name: "Settings", exact: true })).toBeVisible();
});
