/**
 * Contract cases for reading a conversation's messages a page at a time,
 * newest page first, as the conversation view does for long conversations:
 * pages are oldest-first within, follow one another without gaps or
 * repeats, carry long texts whole, and only ever show the owner's messages.
 */
import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import { InvalidCursorError, type Store } from "../types";

export function messagePagesContract(getStore: () => Store): void {
  const store = () => getStore();

  const conversationWith = async (contents: string[]) => {
    const user = await store().createUser({ email: `pages-${randomUUID()}@example.com`, name: "Pages", passwordHash: "hash", role: "user" });
    const conversation = await store().createConversation({ userId: user.id, title: "Pages" });
    for (const content of contents) {
      await store().appendMessage(user.id, { conversationId: conversation.id, role: content.startsWith("q") ? "user" : "assistant", content, status: "complete" });
    }
    return { user, conversation };
  };

  describe("message pages", () => {
    it("reads the newest page first, then earlier pages back to the first message", async () => {
      const contents = Array.from({ length: 23 }, (_, i) => `${i % 2 === 0 ? "q" : "a"}${i}`);
      const { user, conversation } = await conversationWith(contents);

      const seen: string[][] = [];
      let before: string | undefined;
      for (;;) {
        const page = await store().listRecentMessages(user.id, conversation.id, { limit: 10, before });
        seen.push(page.items.map((m) => m.content));
        if (!page.earlier) break;
        before = page.earlier;
      }
      expect(seen).toEqual([contents.slice(13), contents.slice(3, 13), contents.slice(0, 3)]);
    });

    it("says there is nothing earlier when the page holds exactly everything", async () => {
      const { user, conversation } = await conversationWith(["q0", "a1", "q2", "a3"]);
      const page = await store().listRecentMessages(user.id, conversation.id, { limit: 4 });
      expect(page.items.map((m) => m.content)).toEqual(["q0", "a1", "q2", "a3"]);
      expect(page.earlier).toBeNull();
    });

    it("carries a long message whole on both sides of a page boundary", async () => {
      const long = `a${"long text ".repeat(80_000)}end`;
      const { user, conversation } = await conversationWith(["q0", long, "q2", long, "q4"]);
      const newest = await store().listRecentMessages(user.id, conversation.id, { limit: 2 });
      expect(newest.items.map((m) => m.content)).toEqual([long, "q4"]);
      const earlier = await store().listRecentMessages(user.id, conversation.id, { limit: 2, before: newest.earlier! });
      expect(earlier.items.map((m) => m.content)).toEqual([long, "q2"]);
      const first = await store().listRecentMessages(user.id, conversation.id, { limit: 2, before: earlier.earlier! });
      expect(first).toEqual({ items: [expect.objectContaining({ content: "q0" })], earlier: null });
    });

    it("shows nothing of someone else's conversation, and refuses a made-up cursor", async () => {
      const { conversation } = await conversationWith(["q0", "a1"]);
      const other = await store().createUser({ email: `pages-${randomUUID()}@example.com`, name: "Other", passwordHash: "hash", role: "user" });
      expect(await store().listRecentMessages(other.id, conversation.id, { limit: 10 })).toEqual({ items: [], earlier: null });
      await expect(store().listRecentMessages(other.id, conversation.id, { limit: 10, before: "not-a-cursor" })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
    });
  });
}
