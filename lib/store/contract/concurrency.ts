/**
 * Contract cases for requests that overlap, as they do when several server
 * instances (Lambdas) serve one person: parallel appends to one
 * conversation, sign-ups racing for one email, a first message sent twice.
 * Each outcome must be as if the requests had run one after another.
 */
import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import {
  ConversationExistsError,
  EmailTakenError,
  MessageExistsError,
  type Store,
  type User,
} from "../types";

const PARALLEL = 20;

export function concurrencyContract(getStore: () => Store): void {
  const store = () => getStore();

  const makeUser = (email = `parallel-${randomUUID()}@example.com`): Promise<User> =>
    store().createUser({ email, name: "Parallel Person", passwordHash: `hash-${randomUUID()}`, role: "user" });

  describe("overlapping requests", () => {
    it("stores every one of many parallel appends once, in one order that listing keeps", async () => {
      const user = await makeUser();
      const conversation = await store().createConversation({ userId: user.id, title: "Busy" });
      const appended = await Promise.all(
        Array.from({ length: PARALLEL }, (_, i) =>
          store().appendMessage(user.id, {
            conversationId: conversation.id,
            role: i % 2 ? "assistant" : "user",
            content: `parallel ${i}`,
            status: "complete",
          }),
        ),
      );
      expect(appended.every((m) => m !== null)).toBe(true);

      const listed = await store().listMessages(user.id, conversation.id);
      expect(listed).toHaveLength(PARALLEL);
      expect(new Set(listed.map((m) => m.id)).size).toBe(PARALLEL);
      expect([...listed].sort((a, b) => a.content.localeCompare(b.content))).toEqual(
        [...appended].sort((a, b) => a!.content.localeCompare(b!.content)),
      );
      // The order is a real order: stable between reads, and time never runs
      // backwards along it.
      expect(await store().listMessages(user.id, conversation.id)).toEqual(listed);
      for (let i = 1; i < listed.length; i++) {
        expect(listed[i]!.createdAt.getTime()).toBeGreaterThanOrEqual(listed[i - 1]!.createdAt.getTime());
      }
      const after = await store().getConversation(user.id, conversation.id);
      expect(after!.updatedAt.getTime()).toBeGreaterThanOrEqual(listed.at(-1)!.createdAt.getTime());

      // Editing from the middle removes exactly the later half of that order.
      expect(await store().deleteMessagesFrom(user.id, conversation.id, listed[10]!.id)).toBe(PARALLEL - 10);
      expect(await store().listMessages(user.id, conversation.id)).toEqual(listed.slice(0, 10));
    });

    it("lets exactly one of many parallel sign-ups with one email win", async () => {
      const email = `race-${randomUUID()}@example.com`;
      const before = await store().countUsers();
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => makeUser(i % 2 ? email.toUpperCase() : email)),
      );
      const won = results.filter((r): r is PromiseFulfilledResult<User> => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost.every((r) => r.reason instanceof EmailTakenError)).toBe(true);

      const winner = won[0]!.value;
      expect(await store().countUsers()).toBe(before + 1);
      expect((await store().getUserByEmail(email))?.id).toBe(winner.id);
      expect((await store().listUsers()).filter((u) => u.email === email)).toEqual([winner]);
    });

    it("creates a conversation sent twice at once exactly once, for its owner", async () => {
      const user = await makeUser();
      const id = randomUUID();
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, () => store().createConversation({ id, userId: user.id, title: "First words" })),
      );
      const created = results.filter((r) => r.status === "fulfilled");
      expect(created).toHaveLength(1);
      for (const r of results) {
        if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ConversationExistsError);
      }
      // What the chat turn relies on: after "exists", the conversation is there.
      expect(await store().getConversation(user.id, id)).toMatchObject({ id, title: "First words" });
      expect((await store().listConversations(user.id, { limit: 10 })).items).toHaveLength(1);
    });

    it("stores a message sent twice at once exactly once", async () => {
      const user = await makeUser();
      const conversation = await store().createConversation({ userId: user.id, title: "Retry" });
      const id = randomUUID();
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, () =>
          store().appendMessage(user.id, { id, conversationId: conversation.id, role: "user", content: "once", status: "complete" }),
        ),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results) {
        if (r.status === "rejected") expect(r.reason).toBeInstanceOf(MessageExistsError);
      }
      expect((await store().listMessages(user.id, conversation.id)).map((m) => [m.id, m.content])).toEqual([[id, "once"]]);
    });
  });
}
