import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { E2E } from "./support/env";
import { replies, send } from "./support/chat-page";
import { unique } from "./support/session";

test("another person's conversation cannot be reached", async ({ browser }) => {
  const alice = await browser.newContext({ storageState: E2E.alice.state, baseURL: E2E.appUrl });
  const page = await alice.newPage();
  const token = unique("private");
  await page.goto("/");
  await send(page, `Alice's secret ${token}`);
  await expect(replies(page)).toContainText("Echo:");
  const url = page.url();
  const id = url.split("/c/")[1];
  await alice.close();

  const bob = await browser.newContext({ storageState: E2E.bob.state, baseURL: E2E.appUrl });
  const bobPage = await bob.newPage();
  const response = await bobPage.goto(`/c/${id}`);
  expect(response?.status()).toBe(404);
  await expect(bobPage.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(bobPage.getByText(token)).toHaveCount(0);
  await expect(bobPage.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: new RegExp(token) })).toHaveCount(0);

  const api = bobPage.request;
  expect((await api.get(`/api/conversations/${id}`)).status()).toBe(404);
  const list = await (await api.get("/api/conversations")).json();
  expect(JSON.stringify(list)).not.toContain(token);
  const chat = await api.post("/api/chat", { data: { trigger: "submit", conversationId: id, turnId: randomUUID(), text: "let me in" } });
  expect(chat.status()).toBe(404);
  const regen = await api.post("/api/chat", { data: { trigger: "regenerate", conversationId: id, turnId: randomUUID() } });
  expect(regen.status()).toBe(404);
  await bob.close();
});
