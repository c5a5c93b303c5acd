/**
 * Contract cases for paging through a person's conversations, as the
 * sidebar does ("load more"). What the contract promises:
 * - pages follow one another by (latest activity, id), newest first, and a
 *   cursor is a position, not a snapshot: a page continues below the last
 *   conversation shown, whatever happened since;
 * - a conversation that gets new activity between pages moves above the
 *   cursor: it is not shown again (nor, if not yet shown, further down) —
 *   it is at the top of a fresh first page; every other conversation is
 *   seen exactly once;
 * - the last page says so (nextCursor null), also when it is exactly full;
 * - a cursor only ever selects the caller's own conversations, and one the
 *   store did not issue throws InvalidCursorError.
 */
import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import { InvalidCursorError, type Conversation, type Store, type User } from "../types";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const TICK_MS = 4;

export function paginationContract(getStore: () => Store): void {
  const store = () => getStore();

  const makeUser = (): Promise<User> =>
    store().createUser({
      email: `paging-${randomUUID()}@example.com`,
      name: "Paging Person",
      passwordHash: "hash",
      role: "user",
    });

  /** Conversations with strictly increasing activity; the last is the newest. */
  const createInOrder = async (userId: string, n: number): Promise<Conversation[]> => {
    const created: Conversation[] = [];
    for (let i = 0; i < n; i++) {
      created.push(await store().createConversation({ userId, title: `Chat ${i}` }));
      await sleep(TICK_MS);
    }
    return created;
  };

  const ids = (items: Conversation[]) => items.map((c) => c.id);

  const touch = async (userId: string, conversationId: string) => {
    await sleep(TICK_MS);
    await store().appendMessage(userId, { conversationId, role: "user", content: "again", status: "complete" });
  };

  describe("paging through conversations", () => {
    it("walks one conversation per page with limit 1", async () => {
      const user = await makeUser();
      const [a, b, c] = await createInOrder(user.id, 3);
      const first = await store().listConversations(user.id, { limit: 1 });
      expect(ids(first.items)).toEqual([c!.id]);
      const second = await store().listConversations(user.id, { limit: 1, cursor: first.nextCursor });
      expect(ids(second.items)).toEqual([b!.id]);
      const third = await store().listConversations(user.id, { limit: 1, cursor: second.nextCursor });
      expect(third).toEqual({ items: [a], nextCursor: null });
    });

    it("has no next page for a single conversation at limit 1", async () => {
      const user = await makeUser();
      const [only] = await createInOrder(user.id, 1);
      expect(await store().listConversations(user.id, { limit: 1 })).toEqual({ items: [only], nextCursor: null });
    });

    it("ends with an empty last page when what followed the cursor is gone", async () => {
      const user = await makeUser();
      const [older] = await createInOrder(user.id, 2);
      const first = await store().listConversations(user.id, { limit: 1 });
      expect(first.nextCursor).toEqual(expect.any(String));
      await store().deleteConversation(user.id, older!.id);
      expect(await store().listConversations(user.id, { limit: 1, cursor: first.nextCursor })).toEqual({
        items: [],
        nextCursor: null,
      });
    });

    it("continues below a cursor whose conversation was deleted meanwhile", async () => {
      const user = await makeUser();
      const [a, b, c] = await createInOrder(user.id, 3);
      const first = await store().listConversations(user.id, { limit: 1 });
      expect(ids(first.items)).toEqual([c!.id]);
      await store().deleteConversation(user.id, c!.id);
      const rest = await store().listConversations(user.id, { limit: 5, cursor: first.nextCursor });
      expect(ids(rest.items)).toEqual([b!.id, a!.id]);
    });

    it("shows no conversation twice when one gets new activity between pages", async () => {
      const user = await makeUser();
      const [c0, c1, c2, c3, c4] = await createInOrder(user.id, 5);
      const first = await store().listConversations(user.id, { limit: 2 });
      expect(ids(first.items)).toEqual([c4!.id, c3!.id]);

      // One already shown and one not yet shown both move to the top.
      await touch(user.id, c3!.id);
      await touch(user.id, c1!.id);

      const rest = await store().listConversations(user.id, { limit: 2, cursor: first.nextCursor });
      expect(ids(rest.items)).toEqual([c2!.id, c0!.id]);
      expect(rest.nextCursor).toBeNull();

      const fresh = await store().listConversations(user.id, { limit: 2 });
      expect(ids(fresh.items)).toEqual([c1!.id, c3!.id]);
    });

    it("never moves activity backwards, even for a conversation dated in the future", async () => {
      const user = await makeUser();
      const future = new Date(Date.now() + 60 * 60 * 1000);
      const ahead = await store().importConversation({
        userId: user.id,
        title: "From a clock ahead",
        createdAt: future,
        updatedAt: future,
        messages: [],
      });
      const [now] = await createInOrder(user.id, 1);
      const message = await store().appendMessage(user.id, {
        conversationId: ahead.id,
        role: "user",
        content: "later",
        status: "complete",
      });
      const after = await store().getConversation(user.id, ahead.id);
      expect(after!.updatedAt.getTime()).toBe(future.getTime());
      expect(message!.createdAt.getTime()).toBeLessThanOrEqual(future.getTime());
      expect(ids((await store().listConversations(user.id, { limit: 10 })).items)).toEqual([ahead.id, now!.id]);
      const second = await store().appendMessage(user.id, {
        conversationId: ahead.id,
        role: "assistant",
        content: "still in order",
        status: "complete",
      });
      expect((await store().listMessages(user.id, ahead.id)).map((m) => m.id)).toEqual([message!.id, second!.id]);
    });

    it("never shows the cursor issuer's conversations to someone else", async () => {
      const owner = await makeUser();
      const other = await makeUser();
      await createInOrder(owner.id, 3);
      const theirs = await createInOrder(other.id, 1);
      const page = await store().listConversations(owner.id, { limit: 1 });
      const borrowed = await store().listConversations(other.id, { limit: 10, cursor: page.nextCursor });
      expect(borrowed.items.filter((c) => c.userId !== other.id)).toEqual([]);
      expect(await store().listConversations(other.id, { limit: 10 })).toEqual({ items: theirs, nextCursor: null });
    });

    it("rejects cursors it did not issue, however plausible they look", async () => {
      const user = await makeUser();
      await createInOrder(user.id, 2);
      const forged = [
        Buffer.from("[]").toString("base64url"),
        Buffer.from(JSON.stringify(["2026-01-01T00:00:00.000Z"])).toString("base64url"),
        Buffer.from(JSON.stringify(["2026-01-01T00:00:00.000Z", "not-a-uuid"])).toString("base64url"),
        Buffer.from(JSON.stringify(["yesterday", randomUUID()])).toString("base64url"),
        Buffer.from(JSON.stringify({ pk: "USER#x", sk: "CONV#y" })).toString("base64url"),
        "%%%",
      ];
      for (const cursor of forged) {
        await expect(store().listConversations(user.id, { limit: 10, cursor })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
      }
    });
  });
}
