/**
 * The behaviour every Store adapter must have, written against the port only.
 * store.contract.test.ts beside it runs it once per available engine; adding
 * an engine is one more entry there.
 *
 * Each run gets a fresh, empty store from `open` and shares it across the
 * suite: the first-run tests come first because they need zero accounts;
 * everything after creates its own users, so tests do not see each other's
 * data.
 */
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  ConversationExistsError,
  EmailTakenError,
  InvalidCursorError,
  MessageExistsError,
  type Conversation,
  type NewMessage,
  type NewUser,
  type Store,
  type User,
} from "../types";
import { apiKeyContract } from "./api-keys";
import { attachmentContract } from "./attachments";
import { concurrencyContract } from "./concurrency";
import { featureContract } from "./features";
import { largeContentContract } from "./large";
import { messagePagesContract } from "./message-pages";
import { limitsUsageContract } from "./limits-usage";
import { paginationContract } from "./pagination";
import { peopleContract } from "./people";
import { reasoningContract } from "./reasoning";
import { replyContract } from "./replies";

export type OpenStore = () => Promise<Store>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Activity order is by timestamp; a few milliseconds apart makes "later"
// unambiguous on every engine (ties are the adapter's to break).
const TICK_MS = 4;

export function runStoreContract(name: string, open: OpenStore): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;

    beforeAll(async () => {
      store = await open();
    }, 120_000);

    afterAll(async () => {
      await store?.close();
    });

    const newUser = (overrides: Partial<NewUser> = {}): NewUser => ({
      email: `user-${randomUUID()}@example.com`,
      name: "Test Person",
      passwordHash: `hash-${randomUUID()}`,
      role: "user",
      ...overrides,
    });

    const makeUser = (overrides: Partial<NewUser> = {}): Promise<User> =>
      store.createUser(newUser(overrides));

    const makeConversation = async (userId: string, title = "A chat"): Promise<Conversation> =>
      store.createConversation({ userId, title });

    const userMessage = (conversationId: string, content = "Hello"): NewMessage => ({
      conversationId,
      role: "user",
      content,
      status: "complete",
    });

    describe("first run", () => {
      it("starts empty", async () => {
        expect(await store.countUsers()).toBe(0);
        expect(await store.listUsers()).toEqual([]);
      });

      it("creates the first account exactly once, even when submitted concurrently", async () => {
        // Warm any connection pool first, so the attempts really overlap
        // instead of queueing behind connection set-up one after another.
        await Promise.all(Array.from({ length: 5 }, () => store.ping()));
        const attempts = await Promise.all(
          Array.from({ length: 5 }, (_, i) =>
            store.createFirstUser(newUser({ email: `First${i}@Example.COM`, role: "admin" })),
          ),
        );
        const winners = attempts.filter((u): u is User => u !== null);
        expect(winners).toHaveLength(1);
        const [first] = winners;
        expect(first!.role).toBe("admin");
        expect(first!.email).toMatch(/^first\d@example\.com$/);
        expect(await store.countUsers()).toBe(1);
        expect(await store.listUsers()).toEqual([first]);
      });

      it("refuses a first account once any account exists", async () => {
        expect(await store.createFirstUser(newUser({ role: "admin" }))).toBeNull();
        expect(await store.countUsers()).toBe(1);
      });
    });

    describe("users", () => {
      it("creates a user and finds it by id and by email in any case", async () => {
        const before = Date.now();
        const email = `Ada.Lovelace+${randomUUID()}@Example.COM`;
        const created = await store.createUser(
          newUser({ email, name: "Ada Lovelace", passwordHash: "h1", role: "user" }),
        );
        expect(created).toEqual({
          id: expect.any(String),
          email: email.toLowerCase(),
          name: "Ada Lovelace",
          role: "user",
          status: "active",
          createdAt: expect.any(Date),
        });
        expect(created).not.toHaveProperty("passwordHash");
        expect(created.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
        expect(created.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);

        expect(await store.getUserById(created.id)).toEqual(created);
        expect(await store.getUserByEmail(email.toUpperCase())).toEqual({
          ...created,
          passwordHash: "h1",
        });
        expect(await store.getUserByEmail(email.toLowerCase())).toEqual({
          ...created,
          passwordHash: "h1",
        });
      });

      it("answers null for unknown ids and emails", async () => {
        expect(await store.getUserById(randomUUID())).toBeNull();
        expect(await store.getUserById("not-a-uuid")).toBeNull();
        expect(await store.getUserByEmail(`nobody-${randomUUID()}@example.com`)).toBeNull();
      });

      it("rejects a second account with the same email, whatever its case", async () => {
        const email = `taken-${randomUUID()}@example.com`;
        await makeUser({ email });
        const count = await store.countUsers();
        await expect(makeUser({ email: email.toUpperCase() })).rejects.toBeInstanceOf(
          EmailTakenError,
        );
        await expect(makeUser({ email })).rejects.toBeInstanceOf(EmailTakenError);
        expect(await store.countUsers()).toBe(count);
      });

      it("lists and counts every user once", async () => {
        const a = await makeUser();
        const b = await makeUser({ role: "admin" });
        const all = await store.listUsers();
        expect(all).toContainEqual(a);
        expect(all).toContainEqual(b);
        expect(new Set(all.map((u) => u.id)).size).toBe(all.length);
        expect(await store.countUsers()).toBe(all.length);
      });

      it("changes a password hash", async () => {
        const user = await makeUser({ passwordHash: "old" });
        expect(await store.setPasswordHash(user.id, "new")).toBe(true);
        expect((await store.getUserByEmail(user.email))?.passwordHash).toBe("new");
        expect(await store.setPasswordHash(randomUUID(), "x")).toBe(false);
      });

      it("deletes a user with their conversations, messages and settings", async () => {
        const user = await makeUser();
        const other = await makeUser();
        const conversation = await makeConversation(user.id);
        await store.appendMessage(user.id, userMessage(conversation.id));
        await store.saveSettings(user.id, { model: "gpt-4o" });
        const kept = await makeConversation(other.id);
        await store.appendMessage(other.id, userMessage(kept.id));
        await store.saveSettings(other.id, { model: "kept" });

        expect(await store.deleteUser(user.id)).toBe(true);

        expect(await store.getUserById(user.id)).toBeNull();
        expect(await store.getUserByEmail(user.email)).toBeNull();
        expect(await store.getConversation(user.id, conversation.id)).toBeNull();
        expect(await store.listConversations(user.id, { limit: 10 })).toEqual({
          items: [],
          nextCursor: null,
        });
        expect(await store.listMessages(user.id, conversation.id)).toEqual([]);
        expect(await store.getSettings(user.id)).toBeNull();
        expect(await store.deleteUser(user.id)).toBe(false);

        // Nothing of anyone else's goes with it.
        expect(await store.getConversation(other.id, kept.id)).toMatchObject({ id: kept.id });
        expect(await store.listMessages(other.id, kept.id)).toHaveLength(1);
        expect(await store.getSettings(other.id)).toEqual({ model: "kept" });

        // The email is free again.
        await expect(makeUser({ email: user.email })).resolves.toMatchObject({
          email: user.email,
        });
      });
    });

    describe("conversations", () => {
      it("creates a conversation with a chosen id or a generated one", async () => {
        const user = await makeUser();
        const id = randomUUID();
        const chosen = await store.createConversation({ id, userId: user.id, title: "Chosen" });
        expect(chosen).toEqual({
          id,
          userId: user.id,
          title: "Chosen",
          createdAt: expect.any(Date),
          updatedAt: expect.any(Date),
          settings: null,
        });
        expect(chosen.updatedAt.getTime()).toBeGreaterThanOrEqual(chosen.createdAt.getTime());
        expect(await store.getConversation(user.id, id)).toEqual(chosen);

        const generated = await makeConversation(user.id, "Generated");
        expect(generated.id).toEqual(expect.any(String));
        expect(generated.id).not.toBe(id);
        expect(await store.getConversation(user.id, generated.id)).toEqual(generated);
      });

      it("rejects an id that is already used, by anyone", async () => {
        const owner = await makeUser();
        const other = await makeUser();
        const original = await makeConversation(owner.id, "Original");
        await expect(
          store.createConversation({ id: original.id, userId: owner.id, title: "Again" }),
        ).rejects.toBeInstanceOf(ConversationExistsError);
        await expect(
          store.createConversation({ id: original.id, userId: other.id, title: "Stolen" }),
        ).rejects.toBeInstanceOf(ConversationExistsError);
        expect(await store.getConversation(owner.id, original.id)).toEqual(original);
        expect(await store.getConversation(other.id, original.id)).toBeNull();
      });

      it("answers null for unknown and malformed ids", async () => {
        const user = await makeUser();
        expect(await store.getConversation(user.id, randomUUID())).toBeNull();
        expect(await store.getConversation(user.id, "not-a-uuid")).toBeNull();
        expect(await store.listMessages(user.id, "not-a-uuid")).toEqual([]);
        expect(await store.appendMessage(user.id, userMessage(randomUUID()))).toBeNull();
        expect(await store.renameConversation(user.id, randomUUID(), "x")).toBe(false);
        expect(await store.deleteConversation(user.id, randomUUID())).toBe(false);
      });

      it("renames a conversation", async () => {
        const user = await makeUser();
        const conversation = await makeConversation(user.id, "Before");
        expect(await store.renameConversation(user.id, conversation.id, "After ✓")).toBe(true);
        expect((await store.getConversation(user.id, conversation.id))?.title).toBe("After ✓");
      });

      it("treats someone else's conversation as absent", async () => {
        const owner = await makeUser();
        const intruder = await makeUser();
        const conversation = await makeConversation(owner.id, "Private");
        const message = await store.appendMessage(owner.id, userMessage(conversation.id, "secret"));
        const snapshot = await store.getConversation(owner.id, conversation.id);

        expect(await store.getConversation(intruder.id, conversation.id)).toBeNull();
        expect(await store.listMessages(intruder.id, conversation.id)).toEqual([]);
        expect(await store.renameConversation(intruder.id, conversation.id, "Mine")).toBe(false);
        expect(await store.appendMessage(intruder.id, userMessage(conversation.id, "x"))).toBeNull();
        expect(await store.deleteMessage(intruder.id, conversation.id, message!.id)).toBe(false);
        expect(await store.deleteConversation(intruder.id, conversation.id)).toBe(false);
        expect(await store.listConversations(intruder.id, { limit: 10 })).toEqual({
          items: [],
          nextCursor: null,
        });

        // And nothing the intruder tried had any effect.
        expect(await store.getConversation(owner.id, conversation.id)).toEqual(snapshot);
        expect(await store.listMessages(owner.id, conversation.id)).toEqual([message]);
      });

      it("deletes a conversation with its messages", async () => {
        const user = await makeUser();
        const conversation = await makeConversation(user.id);
        await store.appendMessage(user.id, userMessage(conversation.id, "one"));
        await store.appendMessage(user.id, userMessage(conversation.id, "two"));

        expect(await store.deleteConversation(user.id, conversation.id)).toBe(true);
        expect(await store.getConversation(user.id, conversation.id)).toBeNull();
        expect(await store.listMessages(user.id, conversation.id)).toEqual([]);
        expect(await store.deleteConversation(user.id, conversation.id)).toBe(false);

        // The messages are gone, not merely hidden behind the missing parent.
        await store.createConversation({ id: conversation.id, userId: user.id, title: "Reborn" });
        expect(await store.listMessages(user.id, conversation.id)).toEqual([]);
      });
    });

    describe("listing conversations", () => {
      const createInOrder = async (userId: string, n: number): Promise<Conversation[]> => {
        const created: Conversation[] = [];
        for (let i = 0; i < n; i++) {
          created.push(await makeConversation(userId, `Chat ${i}`));
          await sleep(TICK_MS);
        }
        return created;
      };

      const ids = (items: Conversation[]) => items.map((c) => c.id);

      it("is empty for someone with no conversations", async () => {
        const user = await makeUser();
        expect(await store.listConversations(user.id, { limit: 10 })).toEqual({
          items: [],
          nextCursor: null,
        });
        expect(await store.listConversations(user.id, { limit: 10, cursor: null })).toEqual({
          items: [],
          nextCursor: null,
        });
      });

      it("puts the latest activity first, and a new message moves a conversation to the top", async () => {
        const user = await makeUser();
        const [a, b, c] = await createInOrder(user.id, 3);
        const first = await store.listConversations(user.id, { limit: 10 });
        expect(ids(first.items)).toEqual([c!.id, b!.id, a!.id]);
        expect(first.items).toEqual([c, b, a]);

        const message = await store.appendMessage(user.id, userMessage(a!.id));
        const second = await store.listConversations(user.id, { limit: 10 });
        expect(ids(second.items)).toEqual([a!.id, c!.id, b!.id]);

        const touched = second.items[0]!;
        expect(touched.updatedAt.getTime()).toBeGreaterThan(a!.updatedAt.getTime());
        expect(touched.updatedAt.getTime()).toBeGreaterThanOrEqual(message!.createdAt.getTime());
        expect(touched.createdAt).toEqual(a!.createdAt);
        expect(await store.getConversation(user.id, a!.id)).toEqual(touched);
      });

      it("shows only the person's own conversations", async () => {
        const user = await makeUser();
        const other = await makeUser();
        const mine = await makeConversation(user.id);
        await makeConversation(other.id);
        const page = await store.listConversations(user.id, { limit: 10 });
        expect(page).toEqual({ items: [mine], nextCursor: null });
      });

      it("has no next page when exactly `limit` conversations exist", async () => {
        const user = await makeUser();
        const created = await createInOrder(user.id, 10);
        const page = await store.listConversations(user.id, { limit: 10 });
        expect(ids(page.items)).toEqual(ids(created).reverse());
        expect(page.nextCursor).toBeNull();
      });

      it("puts the one conversation beyond `limit` on a second, last page", async () => {
        const user = await makeUser();
        const created = await createInOrder(user.id, 11);
        const first = await store.listConversations(user.id, { limit: 10 });
        expect(ids(first.items)).toEqual(ids(created.slice(1)).reverse());
        expect(first.nextCursor).toEqual(expect.any(String));
        const second = await store.listConversations(user.id, {
          limit: 10,
          cursor: first.nextCursor,
        });
        expect(second).toEqual({ items: [created[0]], nextCursor: null });
      });

      it("walks every page, seeing each conversation exactly once and in order", async () => {
        const user = await makeUser();
        const created = await createInOrder(user.id, 25);
        const seen: Conversation[] = [];
        const sizes: number[] = [];
        let cursor: string | null = null;
        do {
          const page: Awaited<ReturnType<Store["listConversations"]>> =
            await store.listConversations(user.id, { limit: 10, cursor });
          sizes.push(page.items.length);
          seen.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor !== null && sizes.length < 10);
        expect(sizes).toEqual([10, 10, 5]);
        expect(ids(seen)).toEqual(ids(created).reverse());
        expect(seen).toEqual([...created].reverse());
      });

      it("rejects a cursor it did not issue", async () => {
        const user = await makeUser();
        await expect(
          store.listConversations(user.id, { limit: 10, cursor: "not a cursor!" }),
        ).rejects.toBeInstanceOf(InvalidCursorError);
      });
    });

    describe("messages", () => {
      it("refuses a message id that is already taken, keeping the first", async () => {
        const user = await makeUser();
        const conversation = await makeConversation(user.id, "Twice");
        const id = randomUUID();
        await store.appendMessage(user.id, { ...userMessage(conversation.id, "first"), id });
        await expect(
          store.appendMessage(user.id, { ...userMessage(conversation.id, "second"), id }),
        ).rejects.toBeInstanceOf(MessageExistsError);
        const kept = await store.listMessages(user.id, conversation.id);
        expect(kept.map((m) => [m.id, m.content])).toEqual([[id, "first"]]);
      });

      it("round-trips every field, with and without the optional ones", async () => {
        const user = await makeUser();
        const conversation = await makeConversation(user.id);
        const before = Date.now();

        const plain = await store.appendMessage(user.id, userMessage(conversation.id, "Hi"));
        expect(plain).toEqual({
          id: expect.any(String),
          conversationId: conversation.id,
          role: "user",
          content: "Hi",
          status: "complete",
          errorKind: null,
          model: null,
          usage: null,
          attachments: [],
          createdAt: expect.any(Date),
          turnId: null,
          leaseUntil: null,
        });
        expect(plain!.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
        expect(plain!.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);

        const chosenId = randomUUID();
        const failed = await store.appendMessage(user.id, {
          id: chosenId,
          conversationId: conversation.id,
          role: "assistant",
          content: "Partial answ",
          status: "error",
          errorKind: "rate_limit",
          model: "gpt-4o-mini",
          usage: { promptTokens: 1234, completionTokens: 0 },
        });
        expect(failed).toEqual({
          id: chosenId,
          conversationId: conversation.id,
          role: "assistant",
          content: "Partial answ",
          status: "error",
          errorKind: "rate_limit",
          model: "gpt-4o-mini",
          usage: { promptTokens: 1234, completionTokens: 0 },
          attachments: [],
          createdAt: expect.any(Date),
          turnId: null,
          leaseUntil: null,
        });

        const stopped = await store.appendMessage(user.id, {
          conversationId: conversation.id,
          role: "assistant",
          content: "",
          status: "stopped",
          errorKind: null,
          model: "llama3.1:8b",
          usage: null,
        });
        expect(stopped).toMatchObject({
          content: "",
          status: "stopped",
          errorKind: null,
          model: "llama3.1:8b",
          usage: null,
        });

        const complete = await store.appendMessage(user.id, {
          conversationId: conversation.id,
          role: "assistant",
          content: "Done.",
          status: "complete",
          model: "gpt-4o",
          usage: { promptTokens: 12, completionTokens: 345 },
        });

        expect(await store.listMessages(user.id, conversation.id)).toEqual([
          plain,
          failed,
          stopped,
          complete,
        ]);
      });

      it("keeps content exactly: unicode, whitespace and 200 KB", async () => {
        const user = await makeUser();
        const conversation = await makeConversation(user.id);
        const unicode =
          "Héllo wörld — 日本語 — 👩🏽‍💻🇫🇷 — مرحبا — 𝔘𝔫𝔦 — \"quotes\" 'single' \\ back`tick`\n\ttab\r\n  trailing  ";
        const unit = "The quick brown fox ✓ 日本 👋 jumps.\n";
        const big = unit.repeat(Math.ceil((200 * 1024) / Buffer.byteLength(unit)));
        expect(Buffer.byteLength(big)).toBeGreaterThanOrEqual(200 * 1024);

        const a = await store.appendMessage(user.id, userMessage(conversation.id, unicode));
        const b = await store.appendMessage(user.id, {
          ...userMessage(conversation.id, big),
          role: "assistant",
        });
        expect(a!.content).toBe(unicode);
        expect(b!.content).toBe(big);
        const listed = await store.listMessages(user.id, conversation.id);
        expect(listed.map((m) => m.content)).toEqual([unicode, big]);
      });

      it("lists messages in the order they were appended, even within one millisecond", async () => {
        const user = await makeUser();
        const conversation = await makeConversation(user.id);
        const appended = [];
        for (let i = 0; i < 20; i++) {
          appended.push(
            await store.appendMessage(user.id, {
              ...userMessage(conversation.id, `message ${i}`),
              role: i % 2 === 0 ? "user" : "assistant",
            }),
          );
        }
        const listed = await store.listMessages(user.id, conversation.id);
        expect(listed.map((m) => m.content)).toEqual(appended.map((m) => m!.content));
      });

      it("keeps each conversation's messages apart", async () => {
        const user = await makeUser();
        const one = await makeConversation(user.id);
        const two = await makeConversation(user.id);
        const m1 = await store.appendMessage(user.id, userMessage(one.id, "in one"));
        const m2 = await store.appendMessage(user.id, userMessage(two.id, "in two"));
        expect(await store.listMessages(user.id, one.id)).toEqual([m1]);
        expect(await store.listMessages(user.id, two.id)).toEqual([m2]);
      });

      it("deletes a single message", async () => {
        const user = await makeUser();
        const conversation = await makeConversation(user.id);
        const elsewhere = await makeConversation(user.id);
        const keep = await store.appendMessage(user.id, userMessage(conversation.id, "keep"));
        const drop = await store.appendMessage(user.id, userMessage(conversation.id, "drop"));

        expect(await store.deleteMessage(user.id, elsewhere.id, drop!.id)).toBe(false);
        expect(await store.deleteMessage(user.id, conversation.id, drop!.id)).toBe(true);
        expect(await store.deleteMessage(user.id, conversation.id, drop!.id)).toBe(false);
        expect(await store.deleteMessage(user.id, conversation.id, randomUUID())).toBe(false);
        expect(await store.listMessages(user.id, conversation.id)).toEqual([keep]);
      });
    });

    describe("settings", () => {
      it("is null until saved, then returns exactly what was last saved", async () => {
        const user = await makeUser();
        const other = await makeUser();
        expect(await store.getSettings(user.id)).toBeNull();

        const first = {
          model: "gpt-4o",
          temperature: 0.7,
          maxTokens: null,
          systemPrompt: "Be brief. 日本語 👋\nSecond line.",
          stop: ["\n\n", "END"],
          nested: { flag: true, n: 0 },
        };
        await store.saveSettings(user.id, first);
        expect(await store.getSettings(user.id)).toEqual(first);

        const second = { model: "gpt-4o-mini", topP: 0.9 };
        await store.saveSettings(user.id, second);
        expect(await store.getSettings(user.id)).toEqual(second);

        expect(await store.getSettings(other.id)).toBeNull();
      });
    });

    describe("login failures", () => {
      const WINDOW = 15 * 60 * 1000;
      const t0 = new Date("2026-03-01T12:00:00.000Z");
      const at = (ms: number) => new Date(t0.getTime() + ms);
      const key = () => `login:${randomUUID()}`;

      it("counts failures within a fixed window that starts at the first one", async () => {
        const k = key();
        expect(await store.countLoginFailures(k, WINDOW, at(0))).toBe(0);
        expect(await store.recordLoginFailure(k, WINDOW, at(0))).toBe(1);
        expect(await store.recordLoginFailure(k, WINDOW, at(1_000))).toBe(2);
        expect(await store.recordLoginFailure(k, WINDOW, at(WINDOW - 1))).toBe(3);
        expect(await store.countLoginFailures(k, WINDOW, at(WINDOW - 1))).toBe(3);
        // Later failures do not stretch the window.
        expect(await store.countLoginFailures(k, WINDOW, at(WINDOW))).toBe(0);
      });

      it("starts a new window once the old one has passed", async () => {
        const k = key();
        await store.recordLoginFailure(k, WINDOW, at(0));
        await store.recordLoginFailure(k, WINDOW, at(10));
        expect(await store.recordLoginFailure(k, WINDOW, at(WINDOW))).toBe(1);
        expect(await store.recordLoginFailure(k, WINDOW, at(WINDOW + 5_000))).toBe(2);
        expect(await store.countLoginFailures(k, WINDOW, at(2 * WINDOW - 1))).toBe(2);
        expect(await store.countLoginFailures(k, WINDOW, at(2 * WINDOW))).toBe(0);
      });

      it("counts concurrent failures without losing any", async () => {
        const k = key();
        const counts = await Promise.all(
          Array.from({ length: 10 }, () => store.recordLoginFailure(k, WINDOW, at(0))),
        );
        expect([...counts].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(await store.countLoginFailures(k, WINDOW, at(1))).toBe(10);
      });

      it("keeps keys apart and clears one key", async () => {
        const k1 = key();
        const k2 = key();
        await store.recordLoginFailure(k1, WINDOW, at(0));
        await store.recordLoginFailure(k1, WINDOW, at(1));
        await store.recordLoginFailure(k2, WINDOW, at(2));
        await store.clearLoginFailures(k1);
        expect(await store.countLoginFailures(k1, WINDOW, at(3))).toBe(0);
        expect(await store.countLoginFailures(k2, WINDOW, at(3))).toBe(1);
        expect(await store.recordLoginFailure(k1, WINDOW, at(4))).toBe(1);
        await store.clearLoginFailures(key()); // unknown key: no error
      });

      it("prunes windows that started before a given time", async () => {
        const old = key();
        const recent = key();
        await store.recordLoginFailure(old, WINDOW, at(0));
        await store.recordLoginFailure(recent, WINDOW, at(WINDOW));
        await store.pruneLoginFailures(at(WINDOW - 1));
        expect(await store.countLoginFailures(old, WINDOW * 10, at(WINDOW + 1))).toBe(0);
        expect(await store.countLoginFailures(recent, WINDOW, at(WINDOW + 1))).toBe(1);
      });

      it("uses the current time when none is given", async () => {
        const k = key();
        expect(await store.recordLoginFailure(k, WINDOW)).toBe(1);
        expect(await store.countLoginFailures(k, WINDOW)).toBe(1);
        expect(await store.countLoginFailures(k, WINDOW, new Date(Date.now() + WINDOW))).toBe(0);
      });
    });

    featureContract(() => store);
    apiKeyContract(() => store);
    attachmentContract(() => store);
    paginationContract(() => store);
    messagePagesContract(() => store);
    concurrencyContract(() => store);
    largeContentContract(() => store);
    reasoningContract(() => store);
    replyContract(() => store);
    limitsUsageContract(() => store);
    // Last: it leaves a single active admin in the store.
    peopleContract(() => store);

    describe("health", () => {
      it("answers a ping", async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });
  });
}
