import { expect, test, type Locator } from "@playwright/test";
import { scriptReply } from "../test-support/fake-openai/client";
import { E2E } from "./support/env";
import { messageBox, replies, send } from "./support/chat-page";
import { unique } from "./support/session";

test.use({ storageState: E2E.alice.state, viewport: { width: 1000, height: 600 } });

const fake = E2E.fakeOrigin;
const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `Line ${from + i}.\n\n`).join("");

const distanceFromEnd = (scroller: Locator) => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);

test("the view follows a streaming reply until the reader scrolls up, then offers Jump to latest", async ({ page }) => {
  const token = unique("scroll");
  // Paced rather than held: a held reply runs into the provider's idle
  // timeout on a busy machine. Forty chunks at 250 ms leave the test ample
  // time to scroll up while the reply is still growing.
  const chunks = [lines(0, 40), ...Array.from({ length: 40 }, (_, i) => lines(40 + 2 * i, 42 + 2 * i)), "The end."];
  await scriptReply(fake, token, { chunks, delayMs: 250 });
  await page.goto("/");
  await send(page, `a long reply ${token}`);
  const scroller = page.locator(".chat-scroll");
  const answer = replies(page);
  await expect(answer).toContainText("Line 45.");
  // Following: the view is at the end of the reply while it grows.
  await expect.poll(() => distanceFromEnd(scroller)).toBeLessThan(30);
  await expect(page.getByRole("button", { name: "Jump to latest" })).toHaveCount(0);

  // The reader scrolls up to read: the view stays where they put it.
  const box = (await scroller.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -800);
  const jump = page.getByRole("button", { name: "Jump to latest" });
  await expect(jump).toBeVisible();
  const readingAt = await scroller.evaluate((el) => ({ top: el.scrollTop, height: el.scrollHeight }));

  await expect(answer).toContainText("The end.");
  const after = await scroller.evaluate((el) => ({ top: el.scrollTop, height: el.scrollHeight }));
  expect(after.height).toBeGreaterThan(readingAt.height);
  expect(after.top).toBe(readingAt.top);
  await expect(answer.getByText("The end.")).not.toBeInViewport();

  await jump.click();
  await expect(answer.getByText("The end.")).toBeInViewport();
  await expect(jump).toHaveCount(0);
  await expect(messageBox(page)).toBeFocused();
});
