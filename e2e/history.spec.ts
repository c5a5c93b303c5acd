import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { E2E } from "./support/env";
import { messageBox, messages, replies, yourMessages } from "./support/chat-page";
import { alerts, unique } from "./support/session";

// The history as a person finds it again: grouped by date, paged as they
// scroll, renamed, deleted, searched, exported and imported. Conversations are
// seeded through the import API, with the dates the test needs.
test.use({ storageState: E2E.alice.state, timezoneId: "Asia/Shanghai" });

const DAY = 86_400_000;

interface SeedMessage {
  role: "user" | "assistant";
  content: string;
  status?: "complete" | "stopped" | "error";
}

function conversationFile(title: string, updatedAt: Date, messages: SeedMessage[] = []) {
  const start = new Date(updatedAt.getTime() - messages.length * 1000);
  return {
    format: "parley.conversation",
    version: 1,
    title,
    createdAt: start.toISOString(),
    updatedAt: updatedAt.toISOString(),
    messages: messages.map((m, i) => ({
      role: m.role,
      content: m.content,
      status: m.status ?? "complete",
      errorKind: null,
      model: m.role === "assistant" ? "gpt-4o-mini" : null,
      usage: m.role === "assistant" ? { promptTokens: 10, completionTokens: 5 } : null,
      createdAt: new Date(start.getTime() + (i + 1) * 1000).toISOString(),
    })),
  };
}

async function seed(request: APIRequestContext, title: string, updatedAt = new Date(), messages?: SeedMessage[]) {
  const response = await request.post("/api/conversations/import", { data: conversationFile(title, updatedAt, messages) });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).conversation as { id: string; title: string; updatedAt: string };
}

/** Noon, `daysAgo` calendar days back, in the browser's time zone (Shanghai, UTC+8 all year). */
function shanghaiNoon(daysAgo: number): Date {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  return new Date(new Date(`${today}T12:00:00+08:00`).getTime() - daysAgo * DAY);
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Conversations" });
const entry = (page: Page, title: string) => nav(page).getByRole("listitem").filter({ has: page.getByRole("link", { name: title, exact: true }) });

async function openActions(page: Page, title: string) {
  const item = entry(page, title);
  await item.hover();
  await item.getByRole("button", { name: "Conversation actions" }).click();
  return page.getByRole("menu", { name: "Conversation actions" });
}

test("conversations are grouped by date in the browser's time zone", async ({ page, request }) => {
  const token = unique("groups");
  const seeded = [
    { title: `Now ${token}`, at: new Date(), group: "Today" },
    { title: `Yesterday ${token}`, at: shanghaiNoon(1), group: "Yesterday" },
    { title: `Three days ${token}`, at: shanghaiNoon(3), group: "Previous 7 days" },
    { title: `Two weeks ${token}`, at: shanghaiNoon(15), group: "Previous 30 days" },
  ];
  const old = shanghaiNoon(100);
  const month = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Shanghai", month: "long", year: "numeric" }).format(old);
  seeded.push({ title: `Long ago ${token}`, at: old, group: month });
  for (const s of seeded) await seed(request, s.title, s.at);

  await page.goto("/");
  for (const s of seeded) {
    await expect(nav(page).getByRole("group", { name: s.group }).getByRole("link", { name: s.title, exact: true })).toBeVisible();
  }
  // Groups run newest first.
  const labels = await nav(page).locator(".conversation-group-label").allTextContents();
  const order = seeded.map((s) => labels.indexOf(s.group));
  expect(order.every((index) => index >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
});

test("scrolling to the end of the list loads the next page with a cursor", async ({ page, request }) => {
  test.slow(); // 55 imports first
  const token = unique("page");
  // Older than anything else, so they fill the end of the list.
  for (let batch = 0; batch < 55; batch += 11) {
    await Promise.all(
      Array.from({ length: 11 }, (_, k) => batch + k).map((i) =>
        seed(request, `Archive ${String(i).padStart(2, "0")} ${token}`, new Date(Date.UTC(2001, 0, 1) + i * 60_000)),
      ),
    );
  }
  const oldest = `Archive 00 ${token}`;

  await page.goto("/");
  await expect(nav(page).getByRole("button", { name: "Show more" })).toBeVisible();
  await expect(nav(page).getByRole("link", { name: oldest, exact: true })).toHaveCount(0);

  const pageRequest = page.waitForRequest((r) => r.url().includes("/api/conversations?") && new URL(r.url()).searchParams.has("cursor"));
  await expect(async () => {
    await nav(page).evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await expect(nav(page).getByRole("link", { name: oldest, exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass();
  const used = await pageRequest;
  expect(new URL(used.url()).searchParams.get("cursor")).toBeTruthy();
  // Nothing listed twice.
  await expect(nav(page).getByRole("link", { name: `Archive 30 ${token}`, exact: true })).toHaveCount(1);
});

test("a conversation is renamed in place; Escape cancels; the new title survives a reload", async ({ page, request }) => {
  const token = unique("rename");
  const before = `Before ${token}`;
  const after = `After ${token}`;
  const conversation = await seed(request, before);
  await page.goto("/");

  await (await openActions(page, before)).getByRole("menuitem", { name: "Rename" }).click();
  const field = nav(page).getByRole("textbox", { name: "Conversation title" });
  await expect(field).toBeFocused();
  await field.fill("Never saved");
  await field.press("Escape");
  await expect(nav(page).getByRole("link", { name: before, exact: true })).toBeVisible();

  await (await openActions(page, before)).getByRole("menuitem", { name: "Rename" }).click();
  await field.fill(`  ${after}  `);
  await field.press("Enter");
  await expect(nav(page).getByRole("link", { name: after, exact: true })).toBeVisible();
  await expect(nav(page).getByRole("link", { name: before, exact: true })).toHaveCount(0);

  await page.reload();
  await expect(nav(page).getByRole("link", { name: after, exact: true })).toBeVisible();
  await expect(nav(page).getByRole("link", { name: "Never saved" })).toHaveCount(0);

  // The API validates titles.
  for (const title of ["   ", "x".repeat(201)]) {
    const response = await request.patch(`/api/conversations/${conversation.id}`, { data: { title } });
    expect(response.status()).toBeGreaterThanOrEqual(400);
    expect(response.status()).toBeLessThan(500);
    expect((await response.json()).error.message).toBeTruthy();
  }
  expect((await (await request.get(`/api/conversations/${conversation.id}`)).json()).conversation.title).toBe(after);
});

test("deleting asks first, removes the open conversation, goes to a new chat, and lasts", async ({ page, request }) => {
  const token = unique("delete");
  const title = `Delete me ${token}`;
  const conversation = await seed(request, title, new Date(), [
    { role: "user", content: `Hello ${token}` },
    { role: "assistant", content: "Hi there" },
  ]);
  await page.goto(`/c/${conversation.id}`);
  await expect(yourMessages(page)).toHaveText(`Hello ${token}`);

  await (await openActions(page, title)).getByRole("menuitem", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete conversation?" });
  await expect(dialog).toContainText(title);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(nav(page).getByRole("link", { name: title, exact: true })).toBeVisible();

  await (await openActions(page, title)).getByRole("menuitem", { name: "Delete" }).click();
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(dialog).toBeHidden();
  await expect(nav(page).getByRole("link", { name: title, exact: true })).toHaveCount(0);
  await expect(page).toHaveURL(/\/$/);
  await expect(messageBox(page)).toBeVisible();
  await expect(messages(page)).toHaveCount(0);

  await page.reload();
  await expect(nav(page).getByRole("link", { name: title, exact: true })).toHaveCount(0);
  expect((await request.get(`/api/conversations/${conversation.id}`)).status()).toBe(404);
  expect((await request.delete(`/api/conversations/${conversation.id}`)).status()).toBe(404);
});

test("search finds conversations by title and by message text, with a snippet; Escape clears it", async ({ page, request }) => {
  const token = unique("search");
  const byTitle = `Walrus facts ${token}`;
  const byText = `Plain title ${unique("other")}`;
  await seed(request, byTitle, new Date(), [{ role: "user", content: "tell me something" }]);
  await seed(request, byText, new Date(), [
    { role: "user", content: "What do you know about oceans?" },
    { role: "assistant", content: `The narwhal ${token} lives in Arctic waters and has a long tusk.` },
  ]);
  await page.goto("/");
  const box = page.getByRole("searchbox", { name: "Search conversations" });

  await box.fill(`walrus FACTS ${token}`);
  const results = nav(page).getByRole("group", { name: "Search results" });
  await expect(results.getByRole("link", { name: byTitle, exact: true })).toBeVisible();
  await expect(results.getByRole("link")).toHaveCount(1);

  await box.fill(`narwhal ${token}`);
  const hit = results.getByRole("link", { name: byText, exact: true });
  await expect(hit).toBeVisible();
  await expect(hit).toHaveAccessibleDescription(/The narwhal .* lives in Arctic waters/);
  await expect(results.getByRole("link")).toHaveCount(1);
  await expect(results.locator("mark").first()).toHaveText(new RegExp(`narwhal ${token}`, "i"));

  await box.fill(`nothing-like-this-${token}`);
  await expect(results.getByRole("status")).toContainText("No conversations match");

  await box.press("Escape");
  await expect(box).toHaveValue("");
  await expect(nav(page).getByRole("group", { name: "Search results" })).toHaveCount(0);
  await expect(nav(page).getByRole("group", { name: "Today" }).getByRole("link", { name: byTitle, exact: true })).toBeVisible();

  // Opening a result goes to the conversation.
  await box.fill(`narwhal ${token}`);
  await results.getByRole("link", { name: byText, exact: true }).click();
  await expect(replies(page)).toContainText(`The narwhal ${token}`);

  expect((await request.get("/api/conversations/search?q=")).status()).toBe(400);
  expect((await request.get(`/api/conversations/search?q=${"x".repeat(201)}`)).status()).toBe(400);
});

test("a conversation exports as Markdown and JSON, and the JSON imports back as an equal conversation", async ({ page, request }) => {
  const token = unique("export");
  const title = `Export me ${token}`;
  const original = await seed(request, title, new Date(), [
    { role: "user", content: `Give me a list ${token}` },
    { role: "assistant", content: "Sure:\n\n- **one**\n- two" },
    { role: "user", content: "And more?" },
    { role: "assistant", content: "Partial answ", status: "stopped" },
  ]);
  await page.goto("/");

  const markdownDownload = page.waitForEvent("download");
  await (await openActions(page, title)).getByRole("menuitem", { name: "Export as Markdown" }).click();
  const markdown = await markdownDownload;
  expect(markdown.suggestedFilename()).toBe(`${title}.md`);
  expect(await readFile(await markdown.path(), "utf8")).toBe(
    [
      `# ${title}`,
      "## You",
      `Give me a list ${token}`,
      "## Assistant · gpt-4o-mini",
      "Sure:\n\n- **one**\n- two",
      "## You",
      "And more?",
      "## Assistant · gpt-4o-mini",
      "Partial answ",
      "*Stopped*",
    ].join("\n\n") + "\n",
  );

  const jsonDownload = page.waitForEvent("download");
  await (await openActions(page, title)).getByRole("menuitem", { name: "Export as JSON" }).click();
  const json = await jsonDownload;
  expect(json.suggestedFilename()).toBe(`${title}.json`);
  const jsonPath = await json.path();
  const exported = JSON.parse(await readFile(jsonPath, "utf8"));
  expect(exported).toMatchObject({ format: "parley.conversation", version: 1, title, updatedAt: original.updatedAt });
  expect(exported.messages.map((m: { role: string; content: string; status: string }) => [m.role, m.content, m.status])).toEqual([
    ["user", `Give me a list ${token}`, "complete"],
    ["assistant", "Sure:\n\n- **one**\n- two", "complete"],
    ["user", "And more?", "complete"],
    ["assistant", "Partial answ", "stopped"],
  ]);

  // Import the downloaded file from the sidebar: a new conversation opens.
  await page.getByLabel("Import conversation").setInputFiles(jsonPath);
  await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);
  const copyId = page.url().split("/c/")[1];
  expect(copyId).not.toBe(original.id);
  await expect(yourMessages(page)).toHaveText([`Give me a list ${token}`, "And more?"]);
  await expect(replies(page).nth(1)).toContainText("Partial answ");
  await expect(nav(page).getByRole("link", { name: title, exact: true })).toHaveCount(2);

  const again = await (await request.get(`/api/conversations/${copyId}/export?format=json`)).json();
  expect({ ...again, exportedAt: null }).toEqual({ ...exported, exportedAt: null });
});

test("a bad import file gets a clear message and stores nothing", async ({ page, request }) => {
  const post = (body: string) => request.post("/api/conversations/import", { headers: { "content-type": "application/json" }, data: Buffer.from(body) });
  const file = conversationFile("Fine", new Date(), [{ role: "user", content: "hi" }]);
  const cases: { body: string; status: number; message: RegExp }[] = [
    { body: "{not json", status: 400, message: /not valid JSON/ },
    { body: JSON.stringify({ hello: "world" }), status: 400, message: /not a Parley conversation file/ },
    { body: JSON.stringify({ ...file, version: 7 }), status: 422, message: /newer version .*7/ },
    { body: JSON.stringify({ ...file, title: "" }), status: 400, message: /title/ },
    { body: JSON.stringify({ ...file, messages: [{ ...file.messages[0], role: "system" }] }), status: 400, message: /messages\.0\.role/ },
    { body: JSON.stringify({ ...file, messages: [{ ...file.messages[0], content: "x".repeat(6 * 1024 * 1024) }] }), status: 413, message: /too large/ },
  ];
  for (const c of cases) {
    const response = await post(c.body);
    expect(response.status(), c.body.slice(0, 60)).toBe(c.status);
    expect((await response.json()).error.message, c.body.slice(0, 60)).toMatch(c.message);
  }
  expect((await request.post("/api/conversations/import", { headers: { "content-type": "text/plain" }, data: JSON.stringify(file) })).status()).toBe(415);

  await page.goto("/");
  await page.getByLabel("Import conversation").setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from('{"notes":[]}') });
  await expect(alerts(page)).toContainText("not a Parley conversation file");
  await expect(page).toHaveURL(/\/$/);
  const titles = (await (await request.get("/api/conversations?limit=100")).json()).items.map((c: { title: string }) => c.title);
  expect(titles).not.toContain("Fine");
});

test("another person gets 404 on rename, delete and export, and never finds the conversation", async ({ browser, request }) => {
  const token = unique("owner");
  const title = `Alice private ${token}`;
  const conversation = await seed(request, title, new Date(), [{ role: "user", content: `secret ${token}` }]);

  const bob = await browser.newContext({ storageState: E2E.bob.state, baseURL: E2E.appUrl });
  const api = bob.request;
  expect((await api.patch(`/api/conversations/${conversation.id}`, { data: { title: "Bob was here" } })).status()).toBe(404);
  expect((await api.delete(`/api/conversations/${conversation.id}`)).status()).toBe(404);
  for (const format of ["md", "json"]) {
    const response = await api.get(`/api/conversations/${conversation.id}/export?format=${format}`);
    expect(response.status()).toBe(404);
    expect(await response.text()).not.toContain(token);
  }
  expect((await (await api.get(`/api/conversations/search?q=${token}`)).json()).results).toEqual([]);
  await bob.close();

  // Still Alice's, untouched.
  const mine = await (await request.get(`/api/conversations/${conversation.id}`)).json();
  expect(mine.conversation.title).toBe(title);
  expect((await request.get(`/api/conversations/${conversation.id}/export?format=xml`)).status()).toBe(400);
  expect((await request.get(`/api/conversations/not-a-uuid/export?format=md`)).status()).toBe(404);
});
