import { expect, test } from "@playwright/test";
import { findRequests, scriptReply } from "../test-support/fake-openai/client";
import { E2E } from "./support/env";
import { replies, send } from "./support/chat-page";
import { alerts, unique } from "./support/session";

test.use({ storageState: E2E.alice.state });

const fake = E2E.fakeOrigin;

test("a reply cut by the content filter keeps its text and says why; the conversation's tokens add up", async ({ page }) => {
  const token = unique("filter");
  await scriptReply(fake, token, {
    azure: true,
    chunks: ["What I can say", " is this"],
    finishReason: "content_filter",
    usage: { prompt_tokens: 30, completion_tokens: 4 },
  });
  await page.goto("/");
  await send(page, `Tell me something risky ${token}`);

  const reply = replies(page);
  await expect(reply).toContainText("What I can say is this");
  await expect(alerts(page)).toContainText("content filter stopped this reply");
  await expect(page.getByTestId("usage-total")).toHaveText("34 tokens in this conversation (30 sent, 4 received)");

  await page.reload();
  await expect(replies(page)).toContainText("What I can say is this");
  await expect(replies(page)).toContainText("content filter stopped this reply");
});

test("a new conversation is named by the model", async ({ page }) => {
  const token = unique("title");
  await scriptReply(fake, token, { for: "title", chunks: [`Garden planning ${token}`] });
  await page.goto("/");
  await send(page, `What should I plant in a small shady garden? ${token}`);
  await expect(replies(page)).toContainText("Echo:");

  expect(await findRequests(fake, token, "title")).toHaveLength(1);
  // The sidebar and the heading take the title as it arrives, then keep it after a reload.
  const link = page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: `Garden planning ${token}` });
  await expect(link).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Garden planning ${token}`);
  await page.reload();
  await expect(link).toBeVisible();
});
