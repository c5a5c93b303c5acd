/**
 * Contract cases for what the full chat interface needs from a store:
 * per-conversation settings, conditional renames, search, import, editing
 * (deleting from a message on), presets and stop requests. Called from
 * runStoreContract with the suite's store.
 */
import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import type { NewUser, Store, User } from "../types";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const TICK_MS = 4;

export function featureContract(getStore: () => Store): void {
  const store = () => getStore();

  const makeUser = (overrides: Partial<NewUser> = {}): Promise<User> =>
    store().createUser({
      email: `feature-${randomUUID()}@example.com`,
      name: "Feature Person",
      passwordHash: "hash",
      role: "user",
      ...overrides,
    });

  const say = (userId: string, conversationId: string, content: string, role: "user" | "assistant" = "user") =>
    store().appendMessage(userId, { conversationId, role, content, status: "complete" });

  describe("conversation settings", () => {
    it("starts without an override unless created with one", async () => {
      const user = await makeUser();
      const plain = await store().createConversation({ userId: user.id, title: "Plain" });
      const tuned = await store().createConversation({
        userId: user.id,
        title: "Tuned",
        settings: { temperature: 0.2, model: "gpt-4o" },
      });
      expect(plain.settings).toBeNull();
      expect(tuned.settings).toEqual({ temperature: 0.2, model: "gpt-4o" });
      expect((await store().getConversation(user.id, tuned.id))?.settings).toEqual({ temperature: 0.2, model: "gpt-4o" });
    });

    it("sets and clears the override without counting as activity, only for the owner", async () => {
      const user = await makeUser();
      const other = await makeUser();
      const conversation = await store().createConversation({ userId: user.id, title: "Chat" });
      expect(await store().setConversationSettings(user.id, conversation.id, { topP: 0.5 })).toBe(true);
      const set = await store().getConversation(user.id, conversation.id);
      expect(set?.settings).toEqual({ topP: 0.5 });
      expect(set?.updatedAt.getTime()).toBe(conversation.updatedAt.getTime());
      expect(await store().setConversationSettings(other.id, conversation.id, { topP: 1 })).toBe(false);
      expect(await store().setConversationSettings(user.id, randomUUID(), { topP: 1 })).toBe(false);
      expect(await store().setConversationSettings(user.id, conversation.id, null)).toBe(true);
      expect((await store().getConversation(user.id, conversation.id))?.settings).toBeNull();
    });

    it("lists conversations with their overrides", async () => {
      const user = await makeUser();
      await store().createConversation({ userId: user.id, title: "Tuned", settings: { model: "m" } });
      const page = await store().listConversations(user.id, { limit: 5 });
      expect(page.items[0]?.settings).toEqual({ model: "m" });
    });
  });

  describe("renaming only while the title is unchanged", () => {
    it("renames when the title still matches and leaves a changed one alone", async () => {
      const user = await makeUser();
      const conversation = await store().createConversation({ userId: user.id, title: "first words" });
      expect(await store().renameConversation(user.id, conversation.id, "Generated", { onlyIfTitle: "first words" })).toBe(true);
      expect((await store().getConversation(user.id, conversation.id))?.title).toBe("Generated");
      expect(await store().renameConversation(user.id, conversation.id, "Late", { onlyIfTitle: "first words" })).toBe(false);
      expect((await store().getConversation(user.id, conversation.id))?.title).toBe("Generated");
    });
  });

  describe("search", () => {
    it("finds titles and message text in any case, each conversation once, newest first", async () => {
      const user = await makeUser();
      const byTitle = await store().createConversation({ userId: user.id, title: "Paris trip plans" });
      await sleep(TICK_MS);
      const byMessages = await store().createConversation({ userId: user.id, title: "Untitled" });
      await say(user.id, byMessages.id, "What should I pack?");
      await say(user.id, byMessages.id, "For PARIS in spring, pack layers and an umbrella.", "assistant");
      await say(user.id, byMessages.id, "And Paris again, a second hit in the same conversation.");
      await sleep(TICK_MS);
      const unrelated = await store().createConversation({ userId: user.id, title: "Rome" });
      await say(user.id, unrelated.id, "Nothing to see here");

      const found = await store().searchConversations(user.id, "paris", 10);
      expect(found.map((m) => m.conversation.id)).toEqual([byMessages.id, byTitle.id]);
      expect(found[0]?.snippet).toContain("PARIS in spring");
      expect(found[1]?.snippet).toBeNull();
    });

    it("takes LIKE wildcards literally and respects the limit", async () => {
      const user = await makeUser();
      const percent = await store().createConversation({ userId: user.id, title: "Growth of 100% a year" });
      await store().createConversation({ userId: user.id, title: "Growth of 100 a year" });
      await store().createConversation({ userId: user.id, title: "snake_case names" });
      await store().createConversation({ userId: user.id, title: "snakeXcase names" });
      expect((await store().searchConversations(user.id, "100%", 10)).map((m) => m.conversation.id)).toEqual([percent.id]);
      expect(await store().searchConversations(user.id, "snake_case", 10)).toHaveLength(1);
      expect(await store().searchConversations(user.id, "growth", 1)).toHaveLength(1);
    });

    it("never returns someone else's conversations", async () => {
      const user = await makeUser();
      const other = await makeUser();
      const theirs = await store().createConversation({ userId: other.id, title: "Secret zebra" });
      await say(other.id, theirs.id, "zebra stripes");
      expect(await store().searchConversations(user.id, "zebra", 10)).toEqual([]);
      expect(await store().searchConversations(other.id, "zebra", 10)).toHaveLength(1);
    });
  });

  describe("import", () => {
    it("writes a whole conversation with its original times and order, under fresh ids", async () => {
      const user = await makeUser();
      const createdAt = new Date("2024-03-01T10:00:00.000Z");
      const updatedAt = new Date("2024-03-01T10:05:00.000Z");
      const imported = await store().importConversation({
        userId: user.id,
        title: "Imported chat",
        settings: { model: "gpt-4o" },
        createdAt,
        updatedAt,
        messages: [
          { role: "user", content: "Hi", status: "complete", createdAt },
          {
            role: "assistant",
            content: "Hello!",
            status: "complete",
            model: "gpt-4o",
            usage: { promptTokens: 5, completionTokens: 2 },
            createdAt: new Date("2024-03-01T10:00:01.000Z"),
          },
          { role: "user", content: "Same instant", status: "complete", createdAt: new Date("2024-03-01T10:00:01.000Z") },
          { role: "assistant", content: "Cut", status: "error", errorKind: "timeout", createdAt: updatedAt },
        ],
      });
      expect(imported).toMatchObject({ title: "Imported chat", settings: { model: "gpt-4o" } });
      expect(imported.createdAt.toISOString()).toBe(createdAt.toISOString());
      expect(imported.updatedAt.toISOString()).toBe(updatedAt.toISOString());
      const messages = await store().listMessages(user.id, imported.id);
      expect(messages.map((m) => m.content)).toEqual(["Hi", "Hello!", "Same instant", "Cut"]);
      expect(messages[1]).toMatchObject({ model: "gpt-4o", usage: { promptTokens: 5, completionTokens: 2 } });
      expect(messages[3]).toMatchObject({ status: "error", errorKind: "timeout" });
      expect(messages[1]?.createdAt.toISOString()).toBe("2024-03-01T10:00:01.000Z");
      expect(new Set(messages.map((m) => m.conversationId))).toEqual(new Set([imported.id]));
    });

    it("files an old import by its own activity time, behind newer conversations", async () => {
      const user = await makeUser();
      const recent = await store().createConversation({ userId: user.id, title: "Recent" });
      const old = await store().importConversation({
        userId: user.id,
        title: "Old",
        createdAt: new Date("2020-01-01T00:00:00.000Z"),
        updatedAt: new Date("2020-01-01T00:00:00.000Z"),
        messages: [],
      });
      const page = await store().listConversations(user.id, { limit: 10 });
      expect(page.items.map((c) => c.id)).toEqual([recent.id, old.id]);
    });
  });

  describe("deleting from a message on", () => {
    it("removes the message and everything after it, and nothing before", async () => {
      const user = await makeUser();
      const conversation = await store().createConversation({ userId: user.id, title: "Edit" });
      const contents = ["one", "two", "three", "four", "five"];
      const written = [];
      for (const content of contents) written.push(await say(user.id, conversation.id, content));
      expect(await store().deleteMessagesFrom(user.id, conversation.id, written[2]!.id)).toBe(3);
      expect((await store().listMessages(user.id, conversation.id)).map((m) => m.content)).toEqual(["one", "two"]);
    });

    it("removes nothing for someone else, or for an unknown message", async () => {
      const user = await makeUser();
      const other = await makeUser();
      const conversation = await store().createConversation({ userId: user.id, title: "Mine" });
      const first = await say(user.id, conversation.id, "keep me");
      expect(await store().deleteMessagesFrom(other.id, conversation.id, first!.id)).toBe(0);
      expect(await store().deleteMessagesFrom(user.id, conversation.id, randomUUID())).toBe(0);
      expect(await store().listMessages(user.id, conversation.id)).toHaveLength(1);
    });
  });

  describe("presets", () => {
    it("creates, lists by name in any case, updates and deletes a person's own presets", async () => {
      const user = await makeUser();
      expect(await store().listPresets(user.id)).toEqual([]);
      const zeta = await store().savePreset(user.id, { name: "zeta", settings: { temperature: 1.5 } });
      const alpha = await store().savePreset(user.id, { name: "Alpha", settings: { systemPrompt: "Be kind." } });
      expect(zeta).toMatchObject({ userId: user.id, name: "zeta", settings: { temperature: 1.5 } });
      expect((await store().listPresets(user.id)).map((p) => p.name)).toEqual(["Alpha", "zeta"]);

      await sleep(TICK_MS);
      const renamed = await store().savePreset(user.id, { id: alpha!.id, name: "Beta", settings: { systemPrompt: "Be brief." } });
      expect(renamed).toMatchObject({ id: alpha!.id, name: "Beta", settings: { systemPrompt: "Be brief." } });
      expect(renamed!.updatedAt.getTime()).toBeGreaterThan(alpha!.updatedAt.getTime());
      expect(renamed!.createdAt.getTime()).toBe(alpha!.createdAt.getTime());

      expect(await store().deletePreset(user.id, zeta!.id)).toBe(true);
      expect(await store().deletePreset(user.id, zeta!.id)).toBe(false);
      expect((await store().listPresets(user.id)).map((p) => p.name)).toEqual(["Beta"]);
    });

    it("creates a preset under an unused chosen id", async () => {
      const user = await makeUser();
      const id = randomUUID();
      expect(await store().savePreset(user.id, { id, name: "Chosen", settings: {} })).toMatchObject({ id });
    });

    it("neither shows, changes nor deletes someone else's preset", async () => {
      const user = await makeUser();
      const other = await makeUser();
      const theirs = await store().savePreset(other.id, { name: "Theirs", settings: { temperature: 0 } });
      expect(await store().listPresets(user.id)).toEqual([]);
      expect(await store().savePreset(user.id, { id: theirs!.id, name: "Taken", settings: {} })).toBeNull();
      expect(await store().deletePreset(user.id, theirs!.id)).toBe(false);
      expect(await store().listPresets(other.id)).toEqual([expect.objectContaining({ name: "Theirs", settings: { temperature: 0 } })]);
    });

    it("go with their owner", async () => {
      const user = await makeUser();
      await store().savePreset(user.id, { name: "Mine", settings: {} });
      await store().deleteUser(user.id);
      expect(await store().listPresets(user.id)).toEqual([]);
    });
  });

  describe("stop requests", () => {
    it("is set for the person who asked, idempotently, and for no one else", async () => {
      const user = await makeUser();
      const other = await makeUser();
      const turnId = randomUUID();
      expect(await store().isStopRequested(user.id, turnId)).toBe(false);
      // Someone else naming the same turn id neither stops it nor blocks the owner's request.
      await store().requestStop(other.id, turnId);
      expect(await store().isStopRequested(user.id, turnId)).toBe(false);
      await store().requestStop(user.id, turnId);
      await store().requestStop(user.id, turnId);
      expect(await store().isStopRequested(user.id, turnId)).toBe(true);
      expect(await store().isStopRequested(user.id, randomUUID())).toBe(false);
    });
  });
}
