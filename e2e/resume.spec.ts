import { expect, test, type Page } from "@playwright/test";
import { findRequests, releaseReply, scriptReply } from "../test-support/fake-openai/client";
import { E2E } from "./support/env";
import { messageBox, replies, send } from "./support/chat-page";
import {
  addAccount,
  dropDatabase,
  freshDatabase,
  killServer,
  sharedDatabaseUrl,
  startServer,
  type SharedServer,
} from "./support/shared-servers";
import { unique } from "./support/session";

/**
 * A reply lives in the store, not in the process writing it: two `next
 * start` processes share one Postgres, a reply started on one is followed
 * live on the other (after a reload, or opened there fresh), Stop from the
 * other ends it, and a server stopped mid-reply (SIGTERM) stores what it had
 * as interrupted, which it shows again once restarted.
 */

const base = process.env.DATABASE_URL;
// CI provides a Postgres server; without one there is nothing to share.
test.skip(!base, "Needs DATABASE_URL: the two servers share a Postgres database.");
test.describe.configure({ mode: "serial" });

const fake = E2E.fakeOrigin;
const database = `parley_resume_e2e_${E2E.sharedPorts[0]}`;
const account = { email: "dana@example.com", password: "dana-password-1" };
const [portA, portB] = E2E.sharedPorts;
const databaseUrl = base ? sharedDatabaseUrl(base, database) : "";
// Short, so the shutdown test does not wait long for a reply that never ends.
const serverSettings = { SHUTDOWN_GRACE_MS: "1500", PROVIDER_TIMEOUT_MS: "30000" };

let serverA: SharedServer | undefined;
let serverB: SharedServer | undefined;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  await freshDatabase(base!, database);
  addAccount(databaseUrl, account.email, account.password);
  [serverA, serverB] = await Promise.all([startServer(portA, databaseUrl, serverSettings), startServer(portB, databaseUrl, serverSettings)]);
});

test.afterAll(async () => {
  await Promise.all([killServer(serverA), killServer(serverB)]);
  if (base) await dropDatabase(base, database);
});

/** Signs in on server A; cookies go by host, so the browser is signed in on B as well. */
async function signedIn(page: Page): Promise<void> {
  await page.goto(`${serverA!.url}/sign-in`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(messageBox(page)).toBeVisible();
}

const stopButton = (page: Page) => page.getByRole("button", { name: "Stop" });
const sendButton = (page: Page) => page.getByRole("button", { name: "Send" });
const onServer = (server: SharedServer, page: Page) => `${server.url}${new URL(page.url()).pathname}`;

test("a reply started on one server is followed live on another, and Stop there ends it", async ({ context }) => {
  test.setTimeout(90_000);
  const a = await context.newPage();
  await signedIn(a);

  const token = unique("follow");
  await scriptReply(fake, token, { chunks: ["Alpha part. ", "Beta part. ", "Gamma part."], holdAfter: 1 });
  await a.goto(`${serverA!.url}/`);
  await send(a, `Tell me three things ${token}`);
  await expect(replies(a)).toContainText("Alpha part.");
  await expect(a).toHaveURL(/\/c\//);

  // Opened on the other server mid-reply: the text so far at once, still being written.
  const b = await context.newPage();
  await b.goto(onServer(serverB!, a));
  await expect(replies(b)).toContainText("Alpha part.");
  await expect(stopButton(b)).toBeVisible();

  await releaseReply(fake, token);
  await expect(replies(b)).toContainText("Alpha part. Beta part. Gamma part.");
  await expect(sendButton(b)).toBeVisible();
  await expect(replies(a)).toContainText("Gamma part.");

  // A second reply in the same conversation, started on A and stopped from B after a reload there.
  const stopToken = unique("stop-there");
  await scriptReply(fake, stopToken, { chunks: ["Only this much. ", "Never this."], stallAfter: 1 });
  await send(a, `Go on ${stopToken}`);
  await expect(replies(a).nth(1)).toContainText("Only this much.");
  await b.reload();
  await expect(replies(b).nth(1)).toContainText("Only this much.");
  await stopButton(b).click();
  await expect(replies(b).nth(1)).toContainText("Stopped");
  await expect(replies(a).nth(1)).toContainText("Stopped");
  await expect(replies(a).nth(1)).not.toContainText("Never this.");

  // Stored as stopped, whichever server is asked.
  await a.goto(onServer(serverA!, b));
  await expect(replies(a).nth(1)).toContainText("Only this much.");
  await expect(replies(a).nth(1)).toContainText("Stopped");
});

test("the reply limits hold across both servers: one per conversation, three per person", async ({ context }) => {
  test.setTimeout(90_000);
  const page = await context.newPage();
  await signedIn(page);
  const token = unique("limits");
  await scriptReply(fake, token, { chunks: ["Held ", "reply."], holdAfter: 1 }, 3);
  const chat = (server: SharedServer, conversationId: string) =>
    context.request.post(`${server.url}/api/chat`, {
      data: { trigger: "submit", conversationId, turnId: crypto.randomUUID(), text: `Hold on ${token}` },
    });

  const busy = crypto.randomUUID();
  const first = chat(serverA!, busy);
  await expect.poll(async () => (await findRequests(fake, token)).length).toBe(1);
  // The same conversation on the other server: refused.
  expect((await chat(serverB!, busy)).status()).toBe(409);

  // Six more at once, across both servers: two fit beside the first.
  let answered = 0;
  const more = Array.from({ length: 6 }, (_, i) =>
    chat(i % 2 ? serverB! : serverA!, crypto.randomUUID()).then((response) => {
      answered++;
      return response;
    }),
  );
  // The refused ones answer at once; the admitted ones are held by the provider.
  await expect.poll(() => answered).toBe(4);
  await expect.poll(async () => (await findRequests(fake, token)).length).toBe(3);
  await releaseReply(fake, token);
  const statuses = (await Promise.all([first, ...more])).map((response) => response.status());
  expect(statuses.filter((status) => status === 200)).toHaveLength(3);
  expect(statuses.filter((status) => status === 429)).toHaveLength(4);
});

test("a server stopped mid-reply stores what it had as interrupted, and shows it after a restart", async ({ context }) => {
  test.setTimeout(120_000);
  const a = await context.newPage();
  await signedIn(a);
  const token = unique("restart");
  await scriptReply(fake, token, { chunks: ["Written before the restart. ", "Never written."], stallAfter: 1 });
  await a.goto(`${serverA!.url}/`);
  await send(a, `Say something long ${token}`);
  await expect(replies(a)).toContainText("Written before the restart.");
  await expect(a).toHaveURL(/\/c\//);

  const b = await context.newPage();
  await b.goto(onServer(serverB!, a));
  await expect(replies(b)).toContainText("Written before the restart.");

  serverA!.process.kill("SIGTERM");
  // It exits on its own, after the grace period, having stored the reply.
  await serverA!.exited;
  await expect(replies(b)).toContainText("cut short because the server stopped");
  await expect(replies(b)).toContainText("Written before the restart.");

  serverA = await startServer(portA, databaseUrl, serverSettings);
  await a.goto(onServer(serverA, b));
  await expect(replies(a)).toContainText("Written before the restart.");
  await expect(replies(a)).toContainText("cut short because the server stopped");
  await expect(sendButton(a)).toBeVisible();
});
