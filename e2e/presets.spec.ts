import { expect, test } from "@playwright/test";
import { findRequests } from "../test-support/fake-openai/client";
import { E2E } from "./support/env";
import { messageBox, replies, send } from "./support/chat-page";
import { alerts, unique } from "./support/session";

// Alice's presets; her default settings are never changed here.
test.use({ storageState: E2E.alice.state });

test("presets: the built-in ones, and one's own created, edited and deleted in Settings", async ({ page }) => {
  const name = unique("Chef");
  await page.goto("/");
  await page.getByRole("button", { name: "Settings", exact: true }).click();
  const settings = page.getByRole("dialog", { name: "Settings" });
  const presets = settings.getByRole("region", { name: "Presets" });
  await expect(presets.getByRole("listitem").filter({ hasText: "Patient helper" })).toContainText("Built-in");
  await expect(presets.getByRole("listitem").filter({ hasText: "Witty sidekick" })).toContainText("Built-in");
  await expect(presets.getByRole("listitem").filter({ hasText: "Patient helper" }).getByRole("button")).toHaveCount(0);

  await presets.getByRole("button", { name: "New preset" }).click();
  const editor = page.getByRole("dialog", { name: "New preset" });
  await editor.getByRole("button", { name: "Save", exact: true }).click();
  await expect(editor.getByRole("textbox", { name: "Preset name" })).toHaveAttribute("aria-invalid", "true");
  await expect(editor.getByRole("textbox", { name: "Preset name" })).toHaveAccessibleDescription("Give the preset a name.");
  await editor.getByRole("textbox", { name: "Preset name" }).fill(name);
  await editor.getByRole("textbox", { name: "System prompt", exact: true }).fill(`You are a chef. ${name}`);
  await editor.getByRole("spinbutton", { name: "Temperature", exact: true }).fill("3");
  await editor.getByRole("button", { name: "Save", exact: true }).click();
  await expect(editor.getByRole("spinbutton", { name: "Temperature", exact: true })).toHaveAttribute("aria-invalid", "true");
  await editor.getByRole("spinbutton", { name: "Temperature", exact: true }).fill("0.4");
  await editor.getByRole("button", { name: "Save", exact: true }).click();
  await expect(editor).toBeHidden();
  const item = presets.getByRole("listitem").filter({ hasText: name });
  await expect(item).toBeVisible();

  await item.getByRole("button", { name: `Edit ${name}` }).click();
  const edit = page.getByRole("dialog", { name: "Edit preset" });
  await expect(edit.getByRole("textbox", { name: "Preset name" })).toHaveValue(name);
  await expect(edit.getByRole("textbox", { name: "System prompt", exact: true })).toHaveValue(`You are a chef. ${name}`);
  await expect(edit.getByRole("spinbutton", { name: "Temperature", exact: true })).toHaveValue("0.4");
  await edit.getByRole("textbox", { name: "Preset name" }).fill(`${name} 2`);
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(edit).toBeHidden();
  const renamed = presets.getByRole("listitem").filter({ hasText: `${name} 2` });
  await expect(renamed).toBeVisible();

  await renamed.getByRole("button", { name: `Delete ${name} 2` }).click();
  await expect(renamed).toContainText(`Delete the preset “${name} 2”?`);
  await renamed.getByRole("button", { name: "Keep it" }).click();
  await renamed.getByRole("button", { name: `Delete ${name} 2` }).click();
  await renamed.getByRole("button", { name: "Yes, delete" }).click();
  await expect(presets.getByRole("listitem").filter({ hasText: name })).toHaveCount(0);
  const listed = (await (await page.request.get("/api/presets")).json()).presets as { name: string }[];
  expect(listed.map((p) => p.name)).not.toContain(`${name} 2`);
});

test("a new chat started from a preset sends its system prompt, and keeps it as the conversation's settings", async ({ page }) => {
  const token = unique("pirate");
  const created = await page.request.post("/api/presets", {
    data: { name: `Pirate ${token}`, settings: { systemPrompt: `Talk like a pirate. ${token}`, temperature: 1.3, topP: 0.7 } },
  });
  expect(created.status()).toBe(201);

  await page.goto("/");
  const choices = page.getByRole("group", { name: "Start with a preset" });
  const choice = choices.getByRole("button", { name: `Pirate ${token}` });
  await choice.click();
  await expect(choice).toHaveAttribute("aria-pressed", "true");
  await send(page, `Ahoy ${token}`);
  await expect(replies(page)).toContainText(`Echo: Ahoy ${token}`);
  const [first] = await findRequests(E2E.fakeOrigin, `Ahoy ${token}`);
  expect(first.body).toMatchObject({ model: "gpt-4o-mini", temperature: 1.3, top_p: 0.7 });
  expect(first.body.messages[0]).toEqual({ role: "system", content: `Talk like a pirate. ${token}` });

  // The conversation keeps the preset's settings: its header says so, and the next turn uses them.
  await page.goto(page.url());
  await expect(page.getByTestId("conversation-settings-badge")).toContainText("own system prompt · temperature 1.3 · top P 0.7");
  await send(page, `Again ${token}`);
  await expect(replies(page).last()).toContainText(`Echo: Again ${token}`);
  const [second] = await findRequests(E2E.fakeOrigin, `Again ${token}`);
  expect(second.body.messages[0]).toEqual({ role: "system", content: `Talk like a pirate. ${token}` });

  // A built-in works the same way, in the person's language.
  const witty = unique("witty");
  await page.goto("/");
  await page.getByRole("group", { name: "Start with a preset" }).getByRole("button", { name: "Witty sidekick" }).click();
  await send(page, `Joke ${witty}`);
  await expect(replies(page)).toContainText(`Echo: Joke ${witty}`);
  const [builtIn] = await findRequests(E2E.fakeOrigin, `Joke ${witty}`);
  expect(builtIn.body.messages[0].role).toBe("system");
  expect(builtIn.body.messages[0].content).toContain("sarcastic");
  expect(builtIn.body.temperature).toBe(1.1);
});

test("presets are private: another person can neither see nor change them", async ({ page, browser }) => {
  const token = unique("secret");
  const created = await page.request.post("/api/presets", { data: { name: `Secret ${token}`, settings: { systemPrompt: token } } });
  const { preset } = await created.json();

  const bob = await browser.newContext({ storageState: E2E.bob.state, baseURL: E2E.appUrl });
  const theirs = (await (await bob.request.get("/api/presets")).json()).presets as { id: string }[];
  expect(theirs.map((p) => p.id)).not.toContain(preset.id);
  const put = await bob.request.put(`/api/presets/${preset.id}`, { data: { name: "Mine now", settings: {} } });
  expect(put.status()).toBe(404);
  expect((await put.json()).error.message).toBe("This preset does not exist.");
  expect((await bob.request.delete(`/api/presets/${preset.id}`)).status()).toBe(404);
  // Nor start a chat from it.
  const chat = await bob.request.post("/api/chat", {
    data: { trigger: "submit", conversationId: crypto.randomUUID(), turnId: crypto.randomUUID(), text: `Hi ${token}`, presetId: preset.id },
  });
  expect(chat.status()).toBe(404);
  expect(await findRequests(E2E.fakeOrigin, `Hi ${token}`)).toEqual([]);
  await bob.close();

  const mine = (await (await page.request.get("/api/presets")).json()).presets as { id: string; name: string }[];
  expect(mine.find((p) => p.id === preset.id)?.name).toBe(`Secret ${token}`);
});

test("the presets API validates what it is given", async ({ page }) => {
  const cases = [
    [{ name: "", settings: {} }, /name: Give the preset a name/],
    [{ name: "x", settings: { temperature: 3 } }, /settings.temperature: Temperature must be between 0 and 2/],
    [{ name: "x", settings: { topP: -1 } }, /settings.topP/],
    [{ name: "x", settings: { model: "text-embedding-3-small" } }, /not offered/],
    [{ name: "x", settings: {}, extra: 1 }, /extra|Unrecognized/i],
  ] as const;
  for (const [data, message] of cases) {
    const response = await page.request.post("/api/presets", { data });
    expect(response.status(), JSON.stringify(data)).toBe(400);
    expect((await response.json()).error.message).toMatch(message);
  }
  expect((await page.request.put("/api/presets/builtin-helper", { data: { name: "x", settings: {} } })).status()).toBe(403);
  expect((await page.request.delete("/api/presets/builtin-witty")).status()).toBe(403);
  expect((await page.request.delete(`/api/presets/${crypto.randomUUID()}`)).status()).toBe(404);
});

test("a first message the server refuses (its preset was deleted meanwhile) goes back to the composer and leaves no conversation", async ({ page }) => {
  const token = unique("gone");
  const created = await page.request.post("/api/presets", { data: { name: `Gone ${token}`, settings: { temperature: 0.4 } } });
  const { preset } = (await created.json()) as { preset: { id: string } };

  await page.goto("/");
  await page.getByRole("group", { name: "Start with a preset" }).getByRole("button", { name: `Gone ${token}` }).click();
  // Deleted from another tab before the first message is sent.
  expect((await page.request.delete(`/api/presets/${preset.id}`)).status()).toBe(204);
  await send(page, `Hello ${token}`);

  await expect(alerts(page)).toContainText("This preset does not exist any more");
  await expect(messageBox(page)).toHaveValue(`Hello ${token}`);
  await expect(page).toHaveURL(/\/$/);
  const nav = page.getByRole("navigation", { name: "Conversations" });
  await expect(nav.getByRole("link", { name: `Hello ${token}` })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "New chat" })).toHaveCount(0);
  expect(await findRequests(E2E.fakeOrigin, `Hello ${token}`)).toEqual([]);
});
