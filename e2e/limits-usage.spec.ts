import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { scriptReply } from "../test-support/fake-openai/client";
import { messageBox, replies, send } from "./support/chat-page";
import { E2E } from "./support/env";
import { alerts, unique } from "./support/session";

// Dave's usage is checked to the token: the steps build on each other.
test.describe.configure({ mode: "serial" });

async function pageAs(browser: Browser, who: { state: string }): Promise<Page> {
  const context = await browser.newContext({ storageState: who.state });
  return context.newPage();
}

/** The cells of a table row named by its first cell. */
async function rowCells(page: Page, name: string): Promise<string[]> {
  return page.getByRole("row", { name }).getByRole("cell").allTextContents();
}

// Reported by the fake provider for Dave's one reply (gpt-4o-mini: $0.15 / $0.60 per 1M).
const PROMPT = 300;
const COMPLETION = 200;

test("the admin saves everyone's limits; they are shown again after a reload", async ({ browser }) => {
  const page = await pageAs(browser, E2E.admin);
  await page.goto("/admin/limits");
  await expect(page.getByText("Days roll over at 00:00 UTC", { exact: false })).toBeVisible();
  // Generous values: other specs chat on this server at the same time.
  await page.getByLabel("Tokens per day", { exact: true }).fill("1000000000");
  await page.getByLabel("Replies per hour", { exact: true }).fill("100000");
  await page.getByLabel("Replies at once", { exact: true }).fill("3");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Tokens per day", { exact: true })).toHaveValue("1000000000");
  await expect(page.getByLabel("Replies per hour", { exact: true })).toHaveValue("100000");

  // Empty is no limit.
  await page.getByLabel("Tokens per day", { exact: true }).fill("");
  await page.getByLabel("Replies per hour", { exact: true }).fill("");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Tokens per day", { exact: true })).toHaveValue("");
  await page.context().close();
});

test("a person over their daily tokens is told which limit and when it resets, and keeps their text", async ({ browser }) => {
  const admin = await pageAs(browser, E2E.admin);
  await admin.goto("/admin/limits");
  await admin.getByLabel("Person's email").fill(E2E.dave.email);
  await admin.getByLabel("Tokens per day for this person").fill("400");
  await admin.getByRole("button", { name: "Set limits" }).click();
  await expect(admin.getByRole("row", { name: E2E.dave.email })).toContainText("400");

  const dave = await pageAs(browser, E2E.dave);
  await dave.goto("/");
  const first = unique("first");
  await scriptReply(E2E.fakeOrigin, first, { chunks: ["Within ", "the limit."], usage: { prompt_tokens: PROMPT, completion_tokens: COMPLETION } });
  await send(dave, first);
  await expect(replies(dave).last()).toContainText("Within the limit.");

  // 500 tokens used of 400: the next message is refused before anything is sent.
  const second = `second ${unique("over")}`;
  await send(dave, second);
  await expect(alerts(dave)).toContainText("You have used today's allowance of 400 tokens. It renews at 00:00 UTC");
  await expect(messageBox(dave)).toHaveValue(second);
  await expect(replies(dave)).toHaveCount(1);

  // Settings shows the same, with the UTC reset.
  await dave.getByRole("button", { name: "Settings" }).click();
  const dialog = dave.getByRole("dialog", { name: "Settings" });
  const usage = dialog.getByRole("region", { name: "Your usage" });
  await expect(usage).toContainText("Today: 500 tokens.");
  await expect(usage).toContainText("This month: 500 tokens; replies: 1.");
  await expect(usage).toContainText("0 of 400 tokens left today.");
  await expect(usage).toContainText("00:00 UTC");
  await dave.context().close();

  // Back to everyone's limits.
  await admin.getByRole("button", { name: `Remove own limits of ${E2E.dave.email}` }).click();
  await expect(admin.getByRole("row", { name: E2E.dave.email })).toHaveCount(0);
  await admin.context().close();
});

test("the usage page shows what the provider reported for the person's replies, and downloads it as CSV", async ({ browser }) => {
  const page = await pageAs(browser, E2E.admin);
  await page.goto("/admin/usage");
  await expect(page.getByRole("heading", { name: "Per person" })).toBeVisible();
  // Prompt, completion, total, replies, estimated cost.
  expect(await rowCells(page, E2E.dave.email)).toEqual([
    String(PROMPT),
    String(COMPLETION),
    String(PROMPT + COMPLETION),
    "1",
    "$0.000165",
  ]);
  await expect(page.getByRole("figure", { name: /^Tokens per day, \d{4}-\d{2}$/ })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^parley-usage-\d{4}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), "utf8");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe("section,key,name,prompt_tokens,completion_tokens,total_tokens,replies,estimated_cost_usd");
  expect(lines).toContain(`person,${E2E.dave.email},Dave,${PROMPT},${COMPLETION},${PROMPT + COMPLETION},1,0.000165`);
  await page.context().close();
});

test("members get 404 from the Limits and Usage pages and their API", async ({ browser }) => {
  const page = await pageAs(browser, E2E.bob);
  for (const path of ["/admin/limits", "/admin/usage"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
  for (const [method, path] of [
    ["GET", "/api/admin/limits"],
    ["PUT", "/api/admin/limits"],
    ["PUT", "/api/admin/limits/people"],
    ["DELETE", "/api/admin/limits/people/00000000-0000-4000-8000-000000000000"],
    ["GET", "/api/admin/usage/csv"],
  ] as const) {
    const response = await page.request.fetch(path, { method, headers: { "content-type": "application/json" }, data: method === "PUT" ? {} : undefined });
    expect(response.status(), `${method} ${path}`).toBe(404);
  }
  await page.context().close();
});
