import { expect, test, type Browser, type Page } from "@playwright/test";
import { scriptReply } from "../test-support/fake-openai/client";
import { E2E } from "./support/env";
import { messageBox, replies, send } from "./support/chat-page";
import { alerts, unique } from "./support/session";

// Alice made the first account from the command line, so she is the administrator.
test.use({ storageState: E2E.alice.state });
// Each flow signs a second person in and out in their own browser, with a
// password hashed at every step: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 60_000 });

const PASSWORD = "a-fresh-password-1";

/** Adds a member through "Add user" and answers their invite link, as the admin sees it. */
async function addUser(page: Page, who: { name: string; email: string }): Promise<string> {
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add user" });
  await dialog.getByLabel("Name").fill(who.name);
  await dialog.getByLabel("Email").fill(who.email);
  await dialog.getByLabel("Role").selectOption({ label: "Member" });
  await dialog.getByRole("button", { name: "Create" }).click();
  const link = dialog.getByRole("textbox", { name: "Invite link" });
  await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(link).toHaveAttribute("readonly", "");
  const url = await link.inputValue();
  await dialog.getByRole("button", { name: "Close" }).click();
  return url;
}

/** Opens a link in a fresh browser (nobody signed in) and chooses the password there. */
async function setPasswordThrough(browser: Browser, url: string) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat password").fill(PASSWORD);
  await page.getByRole("button", { name: "Set password" }).click();
  return { context, page };
}

function row(page: Page, email: string) {
  return page.getByRole("row").filter({ has: page.getByRole("cell", { name: email, exact: true }) });
}

async function act(page: Page, email: string, action: string) {
  await row(page, email).getByRole("button", { name: "User actions" }).click();
  await page.getByRole("menuitem", { name: action }).click();
}

test("the admin adds someone while the app runs; the invite link lets them in once, and they chat", async ({ page, browser }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Users" })).toHaveAttribute("aria-current", "page");

  const who = { name: "Dana Newcomer", email: `${unique("dana")}@example.com` };
  const url = await addUser(page, who);
  await expect(row(page, who.email)).toContainText("Never");

  const { context, page: newcomer } = await setPasswordThrough(browser, url);
  // Signed in with the new password at once.
  await expect(messageBox(newcomer)).toBeVisible();
  const token = unique("hello");
  await scriptReply(E2E.fakeOrigin, token, { chunks: ["Welcome aboard."] });
  await send(newcomer, `Hi ${token}`);
  await expect(replies(newcomer)).toContainText("Welcome aboard.");

  // Used links say so.
  await newcomer.goto(url);
  await expect(newcomer.getByRole("alert").filter({ hasText: /already been used/ })).toBeVisible();
  await context.close();

  // The directory finds them and shows they were active; the audit log says who added them.
  await page.getByRole("searchbox", { name: "Search users" }).fill(who.email.slice(0, 12).toUpperCase());
  await expect(page).toHaveURL(/q=/);
  await expect(row(page, who.email)).toContainText("UTC");
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("row").filter({ hasText: who.email }).first()).toContainText(E2E.alice.email);
});

test("disabling someone signs their open page out within seconds; enabling lets them back", async ({ page, browser }) => {
  const who = { name: "Eve Disabled", email: `${unique("eve")}@example.com` };
  const url = await addUser(page, who);
  const { context, page: person } = await setPasswordThrough(browser, url);
  await expect(messageBox(person)).toBeVisible();

  await act(page, who.email, "Disable");
  await expect(row(page, who.email)).toContainText("Disabled");
  // No click needed on their side: the open page notices.
  await expect(person).toHaveURL(/\/sign-in/, { timeout: 20_000 });
  await person.getByLabel("Email").fill(who.email);
  await person.getByLabel("Password").fill(PASSWORD);
  await person.getByRole("button", { name: "Sign in" }).click();
  await expect(alerts(person)).toHaveText(/disabled/);

  await act(page, who.email, "Enable");
  await expect(row(page, who.email)).toContainText("Active");
  await person.getByLabel("Password").fill(PASSWORD);
  await person.getByRole("button", { name: "Sign in" }).click();
  await expect(messageBox(person)).toBeVisible();
  await context.close();
});

test("a reset link ends the sessions at once and works exactly once", async ({ page, browser }) => {
  const who = { name: "Finn Reset", email: `${unique("finn")}@example.com` };
  const { context, page: person } = await setPasswordThrough(browser, await addUser(page, who));
  await expect(messageBox(person)).toBeVisible();

  await act(page, who.email, "Reset password");
  const dialog = page.getByRole("dialog", { name: "Reset password" });
  const url = await dialog.getByRole("textbox", { name: "Invite link" }).inputValue();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(person).toHaveURL(/\/sign-in/, { timeout: 20_000 });
  await context.close();

  const first = await setPasswordThrough(browser, url);
  await expect(messageBox(first.page)).toBeVisible();
  await first.context.close();
  const second = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const again = await second.newPage();
  await again.goto(url);
  await expect(again.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
  await expect(again.getByRole("alert").filter({ hasText: /already been used/ })).toBeVisible();
  await expect(again.getByRole("button", { name: "Set password" })).toHaveCount(0);
  await second.close();
});

// The last-admin rule (refused demotion, disabling, removal; two admins demoting
// each other at once) is tested against the store in lib/admin/people.test.ts:
// the e2e accounts include a second admin that other specs rely on.
test("remove asks for the email, then deletes the person", async ({ page }) => {
  const who = { name: "Gus Removed", email: `${unique("gus")}@example.com` };
  await addUser(page, who);
  await act(page, who.email, "Remove");
  const dialog = page.getByRole("dialog", { name: "Remove user" });
  const confirm = dialog.getByRole("button", { name: "Remove" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Email").fill("someone-else@example.com");
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Email").fill(who.email);
  await confirm.click();
  await expect(row(page, who.email)).toHaveCount(0);
});

test.describe("a member", () => {
  test.use({ storageState: E2E.bob.state });

  test("gets 404 on every admin page and admin API route, and sees no Admin link", async ({ page, request }) => {
    await page.goto("/");
    await expect(messageBox(page)).toBeVisible();
    await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);

    for (const path of ["/admin", "/admin/users", "/admin/audit-log", "/admin/usage", "/admin/limits"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
    const someone = "6b0f1c1e-8a8f-4a4e-9d63-1f2a3b4c5d6e";
    for (const [method, path, data] of [
      ["GET", "/api/admin/users", undefined],
      ["POST", "/api/admin/users", { name: "X", email: "x@example.com", role: "admin" }],
      ["PATCH", `/api/admin/users/${someone}`, { role: "admin" }],
      ["DELETE", `/api/admin/users/${someone}`, { confirmEmail: "x@example.com" }],
      ["POST", `/api/admin/users/${someone}/reset-link`, undefined],
      ["GET", "/api/admin/audit-log", undefined],
    ] as const) {
      const response = await request.fetch(path, { method, data });
      expect(response.status(), `${method} ${path}`).toBe(404);
    }
  });
});
