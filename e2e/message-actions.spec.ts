import { expect, test } from "@playwright/test";
import { findRequests, scriptReply } from "../test-support/fake-openai/client";
import { E2E } from "./support/env";
import { messages, replies, send, yourMessages } from "./support/chat-page";
import { alerts, unique } from "./support/session";

test.use({ storageState: E2E.alice.state, permissions: ["clipboard-read", "clipboard-write"] });

const fake = E2E.fakeOrigin;

test("Copy puts a message's Markdown on the clipboard and says so", async ({ page }) => {
  const token = unique("copy");
  const markdown = "A **bold** claim:\n\n- one\n- two";
  await scriptReply(fake, token, { chunks: [markdown] });
  await page.goto("/");
  await send(page, `copy this ${token}`);
  const answer = replies(page);
  await expect(answer.locator("strong")).toHaveText("bold");

  const copy = answer.getByRole("button", { name: "Copy", exact: true });
  await copy.click();
  await expect(copy).toContainText("Copied");
  await expect(answer.getByRole("status")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(markdown);

  await yourMessages(page).getByRole("button", { name: "Copy", exact: true }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`copy this ${token}`);
});

test("Regenerate replaces the last reply with a new one, also after a reload", async ({ page }) => {
  const token = unique("regen");
  await scriptReply(fake, token, { chunks: ["The first answer."] });
  await page.goto("/");
  await send(page, `answer twice ${token}`);
  const answers = replies(page);
  await expect(answers).toHaveText(/The first answer\./);

  await scriptReply(fake, token, { chunks: ["A better answer."] });
  await answers.getByRole("button", { name: "Regenerate" }).click();
  await expect(answers).toHaveCount(1);
  await expect(answers).toContainText("A better answer.");
  await expect(answers).not.toContainText("The first answer.");
  expect(await findRequests(fake, token)).toHaveLength(2);

  await page.reload();
  await expect(replies(page)).toContainText("A better answer.");
  await expect(replies(page)).toHaveCount(1);
  // Only the last reply can be answered again.
  await send(page, `and another ${token}`);
  await expect(replies(page)).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Regenerate" })).toHaveCount(1);
});

test("Edit resends a message in place, says what it replaces, and the history follows", async ({ page }) => {
  const token = unique("edit");
  await page.goto("/");
  await send(page, `first question ${token}`);
  await expect(replies(page)).toContainText(`Echo: first question ${token}`);
  await send(page, `second question ${token}`);
  await expect(replies(page)).toHaveCount(2);
  await expect(replies(page).nth(1)).toContainText("Echo: second");

  const first = yourMessages(page).first();
  await first.getByRole("button", { name: "Edit" }).click();
  const editor = page.getByRole("textbox", { name: "Edit message" });
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue(`first question ${token}`);
  await expect(editor).toHaveAccessibleDescription("Sending replaces 3 later messages.");

  // Escape gives up the edit and changes nothing.
  await editor.press("Escape");
  await expect(editor).toHaveCount(0);
  await expect(messages(page)).toHaveCount(4);

  await first.getByRole("button", { name: "Edit" }).click();
  await editor.fill(`a better question ${token}`);
  await page.getByRole("button", { name: "Save and send" }).click();

  const mine = yourMessages(page);
  await expect(mine).toHaveCount(1);
  await expect(mine).toHaveText(`a better question ${token}`);
  await expect(replies(page)).toHaveCount(1);
  await expect(replies(page)).toContainText(`Echo: a better question ${token}`);

  const [request] = await findRequests(fake, `a better question ${token}`);
  expect(request.body.messages).toEqual([{ role: "user", content: `a better question ${token}` }]);

  await page.reload();
  await expect(yourMessages(page)).toHaveText(`a better question ${token}`);
  await expect(replies(page)).toHaveCount(1);
  await expect(page.getByText(`second question ${token}`)).toHaveCount(0);
});

test("an edit the server refuses leaves the conversation as it was and the edited text in its editor", async ({ page }) => {
  const token = unique("edit-refused");
  await page.goto("/");
  await send(page, `keep this ${token}`);
  await expect(replies(page)).toContainText("Echo:");

  await page.route("**/api/chat", (route) =>
    route.fulfill({
      status: 409,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "busy", message: "A reply is still being written in this conversation." } }),
    }),
  );
  await yourMessages(page).getByRole("button", { name: "Edit" }).click();
  await page.getByRole("textbox", { name: "Edit message" }).fill(`changed ${token}`);
  await page.getByRole("button", { name: "Save and send" }).click();

  await expect(alerts(page)).toContainText("still being written");
  await expect(page.getByRole("textbox", { name: "Edit message" })).toHaveValue(`changed ${token}`);
  await expect(replies(page)).toContainText(`Echo: keep this ${token}`);
});
