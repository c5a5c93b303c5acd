/**
 * What a browser downloads and waits for: the JavaScript (gzip) of the
 * sign-in page, the new-chat page and a conversation page on first load,
 * and how long Chromium takes to show the last message of a 5,000-message
 * conversation, on the production build with the fake provider.
 *
 *   npx next build && npx tsx --conditions=react-server bench/pages.ts
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { startFakeOpenAI } from "@/test-support/fake-openai";
import { longConversationFile } from "./speed/long-conversation";
import { PASSWORD, seedAccounts, startServer } from "./speed/server";
import { ms, percentile, printTable, type Row } from "./speed/stats";

const LONG_CONVERSATION = 5_000;
const RUNS = 3;

if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
  console.error("No production build in .next: run `npx next build` first.");
  process.exit(1);
}
const executablePath = process.env.CHROMIUM_PATH ?? ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].find((p) => existsSync(p));
if (!executablePath) {
  console.error("Chromium not found (Debian: apt-get install -y chromium), or set CHROMIUM_PATH.");
  process.exit(1);
}

/** Loads `url` in a fresh cache and answers the JavaScript it fetched: files and gzip bytes. */
async function scriptWeight(context: BrowserContext, url: string, ready: (page: Page) => Promise<unknown>) {
  const page = await context.newPage();
  const scripts = new Map<string, Promise<number>>();
  page.on("response", (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (!type.includes("javascript") || scripts.has(response.url())) return;
    scripts.set(
      response.url(),
      response.body().then((body) => gzipSync(body).byteLength, () => 0),
    );
  });
  await page.goto(url);
  await ready(page);
  await page.waitForLoadState("networkidle");
  const sizes = await Promise.all(scripts.values());
  await page.close();
  return { files: sizes.length, kB: sizes.reduce((a, b) => a + b, 0) / 1000 };
}

const dataDir = mkdtempSync(path.join(tmpdir(), "parley-pages-"));
const fake = await startFakeOpenAI();
const rows: Row[] = [];
let stopServer: (() => Promise<void>) | undefined;
const browser = await chromium.launch({ executablePath });
try {
  const [email] = await seedAccounts(dataDir, 1);
  const server = await startServer(dataDir, fake.url);
  stopServer = server.stop;
  const fresh = () => browser.newContext({ baseURL: server.origin });

  const anonymous = await fresh();
  const signIn = await scriptWeight(anonymous, "/sign-in", (page) => page.getByRole("button", { name: "Sign in" }).waitFor());
  rows.push(["sign-in page JavaScript (gzip)", `${signIn.kB.toFixed(0)} kB in ${signIn.files} files`]);

  const signedIn = await fresh();
  const page = await signedIn.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  const state = await signedIn.storageState();
  const imported = await page.request.post("/api/conversations/import", { data: longConversationFile(LONG_CONVERSATION) });
  if (imported.status() !== 201) throw new Error(`import failed: HTTP ${imported.status()} ${await imported.text()}`);
  const { conversation } = (await imported.json()) as { conversation: { id: string } };
  await page.close();

  const signedInFresh = () => browser.newContext({ baseURL: server.origin, storageState: state });
  const chat = await scriptWeight(await signedInFresh(), "/", (p) => p.getByRole("textbox", { name: "Message" }).waitFor());
  rows.push(["new-chat page JavaScript (gzip)", `${chat.kB.toFixed(0)} kB in ${chat.files} files`]);

  const last = `The number ${LONG_CONVERSATION - 1} is`;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await signedInFresh();
    const view = await context.newPage();
    const started = performance.now();
    await view.goto(`/c/${conversation.id}`, { waitUntil: "commit" });
    await view.getByRole("article", { name: "Assistant" }).filter({ hasText: last }).waitFor({ state: "visible", timeout: 120_000 });
    times.push(performance.now() - started);
    const rendered = await view.getByRole("article").count();
    if (i === 0) rows.push([`${LONG_CONVERSATION.toLocaleString("en")}-message conversation: articles in the page`, String(rendered)]);
    await context.close();
  }
  rows.push([`${LONG_CONVERSATION.toLocaleString("en")}-message conversation: until the last message is visible (median of ${RUNS})`, ms(percentile(times, 50))]);
  const conversationWeight = await scriptWeight(await signedInFresh(), `/c/${conversation.id}`, (p) =>
    p.getByRole("article", { name: "Assistant" }).filter({ hasText: last }).waitFor({ timeout: 120_000 }),
  );
  rows.push(["conversation page JavaScript (gzip)", `${conversationWeight.kB.toFixed(0)} kB in ${conversationWeight.files} files`]);
} finally {
  await browser.close();
  await stopServer?.().catch(() => undefined);
  await fake.close().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
}

console.log("Parley pages, production build, Chromium, first load with an empty cache");
printTable(rows);
