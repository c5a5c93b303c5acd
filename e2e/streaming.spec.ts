import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { E2E } from "./support/env";
import { releaseReply, scriptReply, waitForFakeRequest } from "../test-support/fake-openai/client";
import { replies } from "./support/chat-page";
import { unique } from "./support/session";

test.use({ storageState: E2E.alice.state });

const fake = `${E2E.fakeOrigin}/v1`;

test("a long silence before the first token is bridged by keep-alive comments, and the reply still arrives whole", async ({ page }) => {
  const token = unique("think");
  // The fake holds the reply before its first chunk until the test releases it.
  await scriptReply(fake, token, { chunks: ["After", " a long", " think."], holdAfter: 0 });

  let sawKeepAlive!: () => void;
  const keepAliveSeen = new Promise<void>((resolve) => (sawKeepAlive = resolve));
  await page.exposeFunction("parleySawKeepAlive", () => sawKeepAlive());
  await page.goto("/");

  const conversationId = randomUUID();
  // Read the response the way a browser receives it, from the signed-in page.
  const body = page.evaluate(
    async ({ conversationId, turnId, text }) => {
      const response = await fetch("/api/chat", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ trigger: "submit", conversationId, turnId, text }),
      });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let raw = "";
      let told = false;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        raw += decoder.decode(value, { stream: true });
        if (!told && raw.includes(": keep-alive")) {
          told = true;
          await (window as unknown as { parleySawKeepAlive: () => Promise<void> }).parleySawKeepAlive();
        }
      }
      return { status: response.status, type: response.headers.get("content-type"), raw };
    },
    { conversationId, turnId: randomUUID(), text: `Take your time ${token}` },
  );

  await waitForFakeRequest(fake, token);
  await keepAliveSeen;
  expect(await releaseReply(fake, token)).toBe(1);
  const { status, type, raw } = await body;

  expect(status).toBe(200);
  expect(type).toContain("text/event-stream");
  // Comments sit between whole events; the events themselves are intact.
  const events = raw.split("\n\n").filter(Boolean);
  expect(events.some((e) => e === ": keep-alive")).toBe(true);
  expect(events.every((e) => e === ": keep-alive" || e.startsWith("data: "))).toBe(true);
  const deltas = events
    .filter((e) => e.startsWith("data: {"))
    .map((e) => JSON.parse(e.slice("data: ".length)) as { type: string; delta?: string })
    .filter((e) => e.type === "text-delta")
    .map((e) => e.delta)
    .join("");
  expect(deltas).toBe("After a long think.");

  // And the reply the interface shows after the pause is the stored one.
  await page.goto(`/c/${conversationId}`);
  await expect(replies(page)).toContainText("After a long think.");
});
