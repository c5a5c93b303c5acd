/**
 * Contract cases for very long replies. A model can write far more than
 * DynamoDB's 400 KB item limit, and none of it may be lost: such a
 * reply is stored and read back exactly, found by search, and removed
 * completely with its message, conversation or owner.
 */
import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import type { Store, User } from "../types";

const KB = 1024;

/** Text of at least `bytes` UTF-8 bytes, with `unit` repeated (then a marker, for search). */
const textOf = (unit: string, bytes: number, marker = ""): string =>
  unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit))) + marker;

// Every width of UTF-8 (1 to 4 bytes, surrogate pairs, a combining sequence),
// so any cut the store makes falls next to or inside a multi-byte character.
const MIXED = "a é ✓ 日本語 👩🏽‍💻 𝔘 — ";

export function largeContentContract(getStore: () => Store): void {
  const store = () => getStore();

  const makeUser = (): Promise<User> =>
    store().createUser({
      email: `large-${randomUUID()}@example.com`,
      name: "Verbose Person",
      passwordHash: "hash",
      role: "user",
    });

  const reply = (conversationId: string, content: string) => ({
    conversationId,
    role: "assistant" as const,
    content,
    status: "complete" as const,
    model: "gpt-4o",
    usage: { promptTokens: 10, completionTokens: 250_000 },
  });

  describe("very long replies", () => {
    it("stores replies just under and well over 400 KB exactly", async () => {
      const user = await makeUser();
      const conversation = await store().createConversation({ userId: user.id, title: "Long" });
      const near = textOf("The quick brown fox jumps over the lazy dog.\n", 390 * KB);
      const huge = textOf(MIXED, 1024 * KB, " needle-at-the-end");
      expect(Buffer.byteLength(huge)).toBeGreaterThan(1000 * KB);

      const question = await store().appendMessage(user.id, {
        conversationId: conversation.id,
        role: "user",
        content: "Tell me everything.",
        status: "complete",
      });
      const first = await store().appendMessage(user.id, reply(conversation.id, near));
      const second = await store().appendMessage(user.id, reply(conversation.id, huge));
      const after = await store().appendMessage(user.id, { ...reply(conversation.id, "short"), usage: null });
      expect(first!.content).toBe(near);
      expect(second!.content).toBe(huge);

      const listed = await store().listMessages(user.id, conversation.id);
      expect(listed).toEqual([question, first, second, after]);
      // Compared as strings too: a mismatch report of two 1 MB texts is useless.
      expect(listed[2]!.content.length).toBe(huge.length);
      expect(listed[2]!.content === huge).toBe(true);
    });

    it("finds text at the very end of a long reply", async () => {
      const user = await makeUser();
      const conversation = await store().createConversation({ userId: user.id, title: "Haystack" });
      await store().appendMessage(user.id, reply(conversation.id, textOf(MIXED, 700 * KB, " The NEEDLE is here.")));
      const found = await store().searchConversations(user.id, "needle", 10);
      expect(found.map((m) => m.conversation.id)).toEqual([conversation.id]);
      expect(found[0]!.snippet).toContain("NEEDLE is here.");
    });

    it("imports a conversation with a long reply", async () => {
      const user = await makeUser();
      const long = textOf(MIXED, 600 * KB);
      const at = new Date("2025-06-01T08:00:00.000Z");
      const imported = await store().importConversation({
        userId: user.id,
        title: "Imported long",
        createdAt: at,
        updatedAt: at,
        messages: [
          { role: "user", content: "Go on.", status: "complete", createdAt: at },
          { role: "assistant", content: long, status: "stopped", createdAt: at },
          { role: "user", content: "Thanks.", status: "complete", createdAt: at },
        ],
      });
      const listed = await store().listMessages(user.id, imported.id);
      expect(listed.map((m) => m.content.length)).toEqual([6, long.length, 7]);
      expect(listed[1]!.content === long).toBe(true);
    });

    it("removes a long reply completely, alone or from an edit on", async () => {
      const user = await makeUser();
      const conversation = await store().createConversation({ userId: user.id, title: "Regenerate" });
      const question = await store().appendMessage(user.id, { ...reply(conversation.id, "Why?"), role: "user", usage: null });
      const long = await store().appendMessage(user.id, reply(conversation.id, textOf(MIXED, 500 * KB)));
      expect(await store().deleteMessage(user.id, conversation.id, long!.id)).toBe(true);
      expect(await store().listMessages(user.id, conversation.id)).toEqual([question]);

      const again = await store().appendMessage(user.id, reply(conversation.id, textOf(MIXED, 500 * KB, "second")));
      const last = await store().appendMessage(user.id, reply(conversation.id, "tail"));
      expect(await store().deleteMessagesFrom(user.id, conversation.id, again!.id)).toBe(2);
      expect(await store().listMessages(user.id, conversation.id)).toEqual([question]);
      expect(last).not.toBeNull();
    });

    it("deletes a conversation with its long replies, leaving nothing behind", async () => {
      const user = await makeUser();
      const conversation = await store().createConversation({ userId: user.id, title: "Gone" });
      await store().appendMessage(user.id, reply(conversation.id, textOf(MIXED, 900 * KB)));
      await store().appendMessage(user.id, reply(conversation.id, "after the long one"));
      expect(await store().deleteConversation(user.id, conversation.id)).toBe(true);
      expect(await store().listMessages(user.id, conversation.id)).toEqual([]);

      // Not hidden behind the missing conversation: really gone.
      await store().createConversation({ id: conversation.id, userId: user.id, title: "Reborn" });
      expect(await store().listMessages(user.id, conversation.id)).toEqual([]);
      expect(await store().searchConversations(user.id, "after the long", 10)).toEqual([]);
    });

    it("goes with its owner", async () => {
      const user = await makeUser();
      const conversation = await store().createConversation({ userId: user.id, title: "Owner leaves" });
      await store().appendMessage(user.id, reply(conversation.id, textOf(MIXED, 800 * KB)));
      expect(await store().deleteUser(user.id)).toBe(true);
      expect(await store().listMessages(user.id, conversation.id)).toEqual([]);
      expect(await store().searchConversations(user.id, "a", 10)).toEqual([]);
    });
  });
}
