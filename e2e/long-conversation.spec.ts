import { expect, test } from "@playwright/test";
import { E2E } from "./support/env";
import { messages, replies, yourMessages } from "./support/chat-page";

// A long conversation opens at its newest page and loads earlier pages as the
// reader scrolls up, without moving what they are reading.
test.use({ storageState: E2E.alice.state, viewport: { width: 1000, height: 700 } });

const COUNT = 130;
const PAGE = 50;

function longConversation() {
  const start = Date.now() - COUNT * 1000;
  return {
    format: "parley.conversation",
    version: 1,
    title: "A long conversation",
    createdAt: new Date(start).toISOString(),
    updatedAt: new Date(start + COUNT * 1000).toISOString(),
    messages: Array.from({ length: COUNT }, (_, i) => ({
      role: i % 2 === 0 ? "user" : "assistant",
      content: i % 2 === 0 ? `Question ${i}` : `Answer ${i}`,
      status: "complete",
      errorKind: null,
      model: i % 2 === 0 ? null : "gpt-4o-mini",
      usage: i % 2 === 0 ? null : { promptTokens: 10, completionTokens: 5 },
      createdAt: new Date(start + (i + 1) * 1000).toISOString(),
    })),
  };
}

test("a long conversation shows its newest messages first and earlier ones as the reader scrolls up", async ({ page, request }) => {
  const imported = await request.post("/api/conversations/import", { data: longConversation() });
  expect(imported.status()).toBe(201);
  const { conversation } = (await imported.json()) as { conversation: { id: string } };

  await page.goto(`/c/${conversation.id}`);
  await expect(replies(page).last()).toContainText(`Answer ${COUNT - 1}`);
  await expect(replies(page).last()).toBeInViewport();
  await expect(messages(page)).toHaveCount(PAGE);
  // A total over part of the conversation would mislead.
  await expect(page.getByTestId("usage-total")).toHaveCount(0);

  // Scrolling to the top loads the page before, and the message that was at
  // the top stays where the reader left it.
  const firstShown = yourMessages(page).filter({ hasText: `Question ${COUNT - PAGE}` });
  await page.locator(".chat-scroll").evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(messages(page)).toHaveCount(2 * PAGE);
  await expect(firstShown).toBeInViewport();

  // The button does the same from the keyboard; the last page holds the first message.
  await page.getByRole("button", { name: "Show earlier messages" }).click();
  await expect(messages(page)).toHaveCount(COUNT);
  await expect(yourMessages(page).first()).toHaveText(/Question 0/);
  await expect(page.getByRole("button", { name: "Show earlier messages" })).toHaveCount(0);
  await expect(page.getByTestId("usage-total")).toContainText(String((COUNT / 2) * 15));
});

test("pages of someone else's conversation, or from a made-up cursor, are refused", async ({ request, browser }) => {
  const imported = await request.post("/api/conversations/import", { data: longConversation() });
  const { conversation } = (await imported.json()) as { conversation: { id: string } };

  const first = await request.get(`/api/conversations/${conversation.id}/messages`);
  expect(first.status()).toBe(200);
  const page = (await first.json()) as { messages: { id: string }[]; earlier: string | null };
  expect(page.messages).toHaveLength(PAGE);
  expect(page.earlier).toEqual(expect.any(String));

  const madeUp = await request.get(`/api/conversations/${conversation.id}/messages?before=bogus`);
  expect(madeUp.status()).toBe(400);
  expect((await madeUp.json()).error.message).toBe("The page cursor is not valid. Reload the list.");

  const bob = await browser.newContext({ storageState: E2E.bob.state, baseURL: E2E.appUrl });
  const foreign = await bob.request.get(`/api/conversations/${conversation.id}/messages?before=${page.earlier}`);
  expect(foreign.status()).toBe(404);
  await bob.close();
});
