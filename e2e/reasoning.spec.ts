import { expect, test, type Page } from "@playwright/test";
import { findRequests, releaseReply, scriptReply } from "../test-support/fake-openai/client";
import { E2E } from "./support/env";
import { replies, send } from "./support/chat-page";
import { unique } from "./support/session";

// The server describes fake-small as a gpt-5 reasoning model (MODEL_CAPABILITIES in playwright.config.ts).
test.use({ storageState: E2E.alice.state });

const fake = `${E2E.fakeOrigin}/v1`;

/** Opens the conversation's own settings (so other specs keep Alice's defaults); its header shows once the page is the conversation's. */
async function conversationSettings(page: Page) {
  await page.goto(page.url());
  await page.locator(".chat-header").getByRole("button", { name: "Conversation settings", exact: true }).click();
  return page.getByRole("dialog", { name: "Conversation settings" });
}

test("a reasoning model: Temperature disabled with its reason, Reasoning effort sent, Thinking streamed before the answer and kept", async ({ page }) => {
  const first = unique("reasoning-first");
  await page.goto("/");
  await send(page, `Hello ${first}`);
  await expect(replies(page).last()).toContainText(`Echo: Hello ${first}`);

  const dialog = await conversationSettings(page);
  const model = dialog.getByRole("combobox", { name: "Model", exact: true });
  const temperature = dialog.getByRole("spinbutton", { name: "Temperature", exact: true });
  const effort = dialog.getByRole("combobox", { name: "Reasoning effort", exact: true });
  await expect(effort).toBeDisabled();
  await expect(effort).toHaveAccessibleDescription("This model has no reasoning effort to set.");
  await expect(dialog.getByRole("combobox", { name: "Verbosity", exact: true })).toHaveCount(0);
  await temperature.fill("0.7");

  await model.selectOption("fake-small");
  await expect(temperature).toBeDisabled();
  await expect(temperature).toHaveAccessibleDescription("This model sets its own temperature.");
  await expect(dialog.getByRole("spinbutton", { name: "Top P", exact: true })).toBeDisabled();
  await expect(effort).toBeEnabled();
  await expect(effort.locator("option")).toHaveText(["Provider default", "Minimal", "Low", "Medium", "High"]);
  await expect(dialog.getByRole("combobox", { name: "Verbosity", exact: true })).toBeEnabled();

  // Back to a model that takes a temperature: the person's value is still there.
  await model.selectOption("gpt-4o-mini");
  await expect(temperature).toBeEnabled();
  await expect(temperature).toHaveValue("0.7");
  await model.selectOption("fake-small");
  await effort.selectOption("high");
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();

  const token = unique("reasoning");
  // Held after the reasoning: the answer waits until the test has seen the Thinking.
  await scriptReply(fake, token, { reasoning: ["Weighing ", "the options."], chunks: ["The ", "answer."], holdAfter: 2 });
  await send(page, `Think about ${token}`);
  const reply = replies(page).last();
  const thinking = reply.getByRole("button", { name: "Thinking", exact: true });
  await expect(thinking).toHaveAttribute("aria-expanded", "true");
  await expect(reply).toContainText("Weighing the options.");
  await expect(reply).not.toContainText("The answer.");

  const [request] = await findRequests(E2E.fakeOrigin, token);
  expect(request.body).toMatchObject({ model: "fake-small", reasoning_effort: "high", messages: [{ role: "user" }, { role: "assistant" }, { role: "user" }] });
  expect(request.body).not.toHaveProperty("temperature");
  expect(request.body).not.toHaveProperty("top_p");

  await releaseReply(fake, token);
  await expect(reply).toContainText("The answer.");
  // The answer began: Thinking folds away, saying how long it took; it opens again on demand.
  await expect(thinking).toHaveAttribute("aria-expanded", "false");
  await expect(reply.getByText("Weighing the options.")).toBeHidden();
  await expect(thinking).toHaveAccessibleDescription(/^Thought for/);
  await thinking.click();
  await expect(reply.getByText("Weighing the options.")).toBeVisible();

  await page.reload();
  const again = replies(page).last();
  await expect(again).toContainText("The answer.");
  const kept = again.getByRole("button", { name: "Thinking", exact: true });
  await expect(kept).toHaveAttribute("aria-expanded", "false");
  await expect(kept).toHaveAccessibleDescription(/^Thought for/);
  await kept.click();
  await expect(again.getByText("Weighing the options.")).toBeVisible();
});

test("a reply that spends the whole token limit thinking says so plainly", async ({ page }) => {
  const token = unique("reasoning-budget");
  await page.goto("/");
  await send(page, `Start ${token}`);
  await expect(replies(page).last()).toContainText(`Echo: Start ${token}`);
  const dialog = await conversationSettings(page);
  await dialog.getByRole("combobox", { name: "Model", exact: true }).selectOption("fake-small");
  await dialog.getByRole("spinbutton", { name: "Max tokens", exact: true }).fill("300");
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();

  await scriptReply(fake, `Again ${token}`, { reasoning: ["Hmm…"], chunks: [], finishReason: "length", reasoningTokens: 300 });
  await send(page, `Again ${token}`);
  const reply = replies(page).last();
  await expect(reply.getByRole("alert")).toContainText("The model used all 300 tokens thinking; raise Max tokens.");
  await expect(reply.getByRole("button", { name: "Thinking", exact: true })).toBeVisible();
  const [request] = await findRequests(E2E.fakeOrigin, `Again ${token}`);
  expect(request.body.max_completion_tokens).toBe(300);
  expect(request.body).not.toHaveProperty("max_tokens");
});
