/**
 * Contract cases for a reasoning model's replies: the reasoning the model
 * shared (as long as it may be, in any script), how long it thought and its
 * reasoning tokens are stored with the reply and read back exactly, by a
 * conversation's messages and by an import; other messages carry none; and
 * search finds the reply by its answer, not by its reasoning.
 */
import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import type { Store, User } from "../types";

export function reasoningContract(getStore: () => Store): void {
  const store = () => getStore();

  const makeUser = (): Promise<User> =>
    store().createUser({ email: `reasoning-${randomUUID()}@example.com`, name: "Thinker", passwordHash: "hash", role: "user" });

  describe("replies with reasoning", () => {
    it("keeps the reasoning, its duration and its tokens with the reply, and reads them back", async () => {
      const user = await makeUser();
      const conversation = await store().createConversation({ userId: user.id, title: "Trains" });
      await store().appendMessage(user.id, { conversationId: conversation.id, role: "user", content: "Which train?", status: "complete" });
      const appended = await store().appendMessage(user.id, {
        conversationId: conversation.id,
        role: "assistant",
        content: "The 8:15.",
        status: "complete",
        model: "gpt-5",
        usage: { promptTokens: 12, completionTokens: 300, reasoningTokens: 256 },
        reasoning: { text: "Weighing 7:50 against 8:15 — 日本語 👩🏽‍💻.", durationMs: 4_250 },
      });
      const expected = {
        content: "The 8:15.",
        usage: { promptTokens: 12, completionTokens: 300, reasoningTokens: 256 },
        reasoning: { text: "Weighing 7:50 against 8:15 — 日本語 👩🏽‍💻.", durationMs: 4_250 },
      };
      expect(appended).toMatchObject(expected);
      const [question, reply] = await store().listMessages(user.id, conversation.id);
      expect(question).not.toHaveProperty("reasoning");
      expect(reply).toMatchObject(expected);
    });

    it("keeps reasoning shown without text (only that the model thought), a stopped reply's thinking, and a long one whole", async () => {
      const user = await makeUser();
      const conversation = await store().createConversation({ userId: user.id, title: "Long" });
      const long = "Thinking step by step. ✓ ".repeat(20_000);
      await store().appendMessage(user.id, {
        conversationId: conversation.id,
        role: "assistant",
        content: "",
        status: "stopped",
        reasoning: { text: "", durationMs: null },
      });
      await store().appendMessage(user.id, {
        conversationId: conversation.id,
        role: "assistant",
        content: "Answer after a long think.",
        status: "complete",
        reasoning: { text: long, durationMs: 61_000 },
      });
      const [silent, thorough] = await store().listMessages(user.id, conversation.id);
      expect(silent).toMatchObject({ content: "", status: "stopped", reasoning: { text: "", durationMs: null } });
      expect(thorough.content).toBe("Answer after a long think.");
      expect(thorough.reasoning?.text === long).toBe(true);
    });

    it("finds a reply by its answer, not by its reasoning", async () => {
      const user = await makeUser();
      const conversation = await store().createConversation({ userId: user.id, title: "Search" });
      const hidden = `hidden${randomUUID().slice(0, 8)}`;
      const shown = `shown${randomUUID().slice(0, 8)}`;
      await store().appendMessage(user.id, {
        conversationId: conversation.id,
        role: "assistant",
        content: `The answer is ${shown}.`,
        status: "complete",
        reasoning: { text: `I considered ${hidden}.`, durationMs: 10 },
      });
      expect((await store().searchConversations(user.id, shown, 10)).map((m) => m.snippet)).toEqual([`The answer is ${shown}.`]);
    });

    it("imports a conversation with its replies' reasoning", async () => {
      const user = await makeUser();
      const now = new Date();
      const imported = await store().importConversation({
        userId: user.id,
        title: "Imported",
        createdAt: now,
        updatedAt: now,
        messages: [
          { role: "user", content: "Q", status: "complete", createdAt: now },
          {
            role: "assistant",
            content: "A",
            status: "complete",
            usage: { promptTokens: 1, completionTokens: 9, reasoningTokens: 8 },
            reasoning: { text: "R", durationMs: 900 },
            createdAt: now,
          },
        ],
      });
      const [, reply] = await store().listMessages(user.id, imported.id);
      expect(reply).toMatchObject({ content: "A", usage: { reasoningTokens: 8 }, reasoning: { text: "R", durationMs: 900 } });
    });
  });
}
