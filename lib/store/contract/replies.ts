/**
 * Contract cases for replies being written and for running turns: a reply
 * stored as soon as it starts and saved as it grows, ended with its final
 * status, interrupted once its writer's lease has ended; the atomic edit; and
 * turn leases that hold the chat's limits across instances, including when
 * many turns start at once. Called from runStoreContract with the suite's store.
 */
import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import type { Store, User } from "../types";

const PARALLEL = 20;
const minutes = (n: number, from = Date.now()) => new Date(from + n * 60_000);

export function replyContract(getStore: () => Store): void {
  const store = () => getStore();

  const makeUser = (): Promise<User> =>
    store().createUser({ email: `replies-${randomUUID()}@example.com`, name: "Replying Person", passwordHash: "hash", role: "user" });

  /** A conversation with the person's question and a reply just started. */
  async function startedReply(leaseUntil = minutes(1)) {
    const user = await makeUser();
    const conversation = await store().createConversation({ userId: user.id, title: "Live" });
    await store().appendMessage(user.id, { conversationId: conversation.id, role: "user", content: "Question", status: "complete" });
    const turnId = randomUUID();
    const reply = await store().appendMessage(user.id, {
      conversationId: conversation.id,
      role: "assistant",
      content: "",
      status: "streaming",
      model: "gpt-test",
      turnId,
      leaseUntil,
    });
    return { user, conversation, reply: reply!, turnId };
  }

  describe("replies being written", () => {
    it("stores a reply as it starts, with its turn and lease, and reads it back by id", async () => {
      const { user, conversation, reply, turnId } = await startedReply(new Date("2030-01-01T00:00:00.123Z"));
      expect(reply).toMatchObject({ status: "streaming", content: "", turnId, leaseUntil: new Date("2030-01-01T00:00:00.123Z") });
      expect(await store().getMessage(user.id, conversation.id, reply.id)).toEqual(reply);
      expect((await store().listMessages(user.id, conversation.id)).at(-1)).toEqual(reply);
      const stranger = await makeUser();
      expect(await store().getMessage(stranger.id, conversation.id, reply.id)).toBeNull();
      expect(await store().getMessage(user.id, conversation.id, randomUUID())).toBeNull();
      expect(await store().getMessage(user.id, conversation.id, "not-an-id")).toBeNull();
    });

    it("saves the text as it grows and renews the lease, only the owner's and only while streaming", async () => {
      const { user, conversation, reply } = await startedReply();
      const lease = minutes(2);
      expect(await store().saveReplyProgress(user.id, conversation.id, reply.id, { content: "Hel", leaseUntil: lease })).toBe(true);
      expect(await store().saveReplyProgress(user.id, conversation.id, reply.id, { content: "Hello, wor", leaseUntil: lease })).toBe(true);
      expect(await store().getMessage(user.id, conversation.id, reply.id)).toMatchObject({ content: "Hello, wor", status: "streaming", leaseUntil: lease });

      const stranger = await makeUser();
      expect(await store().saveReplyProgress(stranger.id, conversation.id, reply.id, { content: "hijack", leaseUntil: lease })).toBe(false);
      expect((await store().getMessage(user.id, conversation.id, reply.id))!.content).toBe("Hello, wor");

      const done = { content: "Hello, world", status: "complete", errorKind: null, usage: { promptTokens: 5, completionTokens: 3 } } as const;
      expect(await store().finishReply(user.id, conversation.id, reply.id, done)).toBe(true);
      expect(await store().saveReplyProgress(user.id, conversation.id, reply.id, { content: "late", leaseUntil: lease })).toBe(false);
      const [, stored] = await store().listMessages(user.id, conversation.id);
      expect(stored).toMatchObject({ content: "Hello, world", status: "complete", usage: done.usage, errorKind: null, leaseUntil: null, model: "gpt-test" });
    });

    it("ends a reply with an error kind and no usage, and refuses to end one that is gone", async () => {
      const { user, conversation, reply } = await startedReply();
      expect(await store().saveReplyProgress(user.id, conversation.id, reply.id, { content: "Part", leaseUntil: minutes(1) })).toBe(true);
      const failed = { content: "Partial", status: "error", errorKind: "rate_limit", usage: null } as const;
      expect(await store().finishReply(user.id, conversation.id, reply.id, failed)).toBe(true);
      expect(await store().getMessage(user.id, conversation.id, reply.id)).toMatchObject({ content: "Partial", status: "error", errorKind: "rate_limit", usage: null });

      await store().deleteConversation(user.id, conversation.id);
      expect(await store().finishReply(user.id, conversation.id, reply.id, failed)).toBe(false);
      expect(await store().saveReplyProgress(user.id, conversation.id, reply.id, { content: "x", leaseUntil: minutes(1) })).toBe(false);
    });

    it("interrupts a reply only once its lease has ended, keeping its text; its writer can still end it", async () => {
      const { user, conversation, reply } = await startedReply();
      const lease = minutes(1);
      await store().saveReplyProgress(user.id, conversation.id, reply.id, { content: "So far", leaseUntil: lease });
      expect(await store().interruptReply(user.id, conversation.id, reply.id, new Date(lease.getTime() - 1))).toBe(false);
      expect(await store().interruptReply(user.id, conversation.id, reply.id, new Date(lease.getTime() + 1))).toBe(true);
      expect(await store().getMessage(user.id, conversation.id, reply.id)).toMatchObject({ content: "So far", status: "interrupted", leaseUntil: null });
      // Once interrupted, progress saves are refused (the writer learns it lost the reply)…
      expect(await store().saveReplyProgress(user.id, conversation.id, reply.id, { content: "So far, more", leaseUntil: minutes(2) })).toBe(false);
      expect(await store().interruptReply(user.id, conversation.id, reply.id, minutes(10))).toBe(false);
      // …but a writer that was only slow still stores everything it has.
      const done = { content: "So far, and the end", status: "complete", errorKind: null, usage: null } as const;
      expect(await store().finishReply(user.id, conversation.id, reply.id, done)).toBe(true);
      expect((await store().getMessage(user.id, conversation.id, reply.id))!.status).toBe("complete");
    });

    it("keeps a long reply whole however many times it is saved", async () => {
      const { user, conversation, reply } = await startedReply();
      const piece = "Long text, with ünïcödé and 🙂 emoji. ".repeat(4_000);
      let text = "";
      for (let i = 0; i < 4; i++) {
        text += piece;
        expect(await store().saveReplyProgress(user.id, conversation.id, reply.id, { content: text, leaseUntil: minutes(1) })).toBe(true);
        expect((await store().getMessage(user.id, conversation.id, reply.id))!.content).toBe(text);
      }
      text += "The end.";
      await store().finishReply(user.id, conversation.id, reply.id, { content: text, status: "complete", errorKind: null, usage: null });
      const listed = await store().listMessages(user.id, conversation.id);
      expect(listed.map((m) => m.content)).toEqual(["Question", text]);
    });
  });

  describe("editing a message", () => {
    it("replaces the message and everything after it with the new text, under the same id", async () => {
      const user = await makeUser();
      const conversation = await store().createConversation({ userId: user.id, title: "Edit" });
      const say = (content: string, role: "user" | "assistant") =>
        store().appendMessage(user.id, { conversationId: conversation.id, role, content, status: "complete" });
      const first = await say("One", "user");
      await say("Reply one", "assistant");
      const second = await say("Two", "user");
      await say("Reply two", "assistant");

      const stranger = await makeUser();
      expect(await store().replaceMessagesFrom(stranger.id, conversation.id, second!.id, "Hijack")).toBeNull();
      expect(await store().replaceMessagesFrom(user.id, conversation.id, randomUUID(), "Nothing")).toBeNull();

      const edited = await store().replaceMessagesFrom(user.id, conversation.id, second!.id, "Two, better");
      expect(edited).toMatchObject({ id: second!.id, role: "user", content: "Two, better", status: "complete" });
      expect((await store().listMessages(user.id, conversation.id)).map((m) => [m.id, m.content])).toEqual([
        [first!.id, "One"],
        [expect.any(String), "Reply one"],
        [second!.id, "Two, better"],
      ]);

      // The conversation goes on normally, and the same message can be edited again.
      await say("Reply two, again", "assistant");
      await store().replaceMessagesFrom(user.id, conversation.id, first!.id, "One, better");
      expect((await store().listMessages(user.id, conversation.id)).map((m) => m.content)).toEqual(["One, better"]);
      expect(await store().getMessage(user.id, conversation.id, first!.id)).toMatchObject({ content: "One, better" });
    });
  });

  describe("running turns", () => {
    const lease = (user: User, conversationId = randomUUID(), until = minutes(1), turnId = randomUUID()) => ({
      userId: user.id,
      turnId,
      conversationId,
      until,
      maxPerUser: 3,
    });

    it("allows one turn per conversation and a few per person, and frees a place on release", async () => {
      const user = await makeUser();
      const first = lease(user);
      expect(await store().acquireTurnLease(first)).toBeNull();
      expect(await store().acquireTurnLease(lease(user, first.conversationId))).toBe("conversation_busy");
      // A reused turn id must not take over a running turn.
      expect(await store().acquireTurnLease(lease(user, randomUUID(), minutes(1), first.turnId))).toBe("conversation_busy");
      expect(await store().acquireTurnLease(lease(user))).toBeNull();
      expect(await store().acquireTurnLease(lease(user))).toBeNull();
      expect(await store().acquireTurnLease(lease(user))).toBe("too_many");
      // Someone else is not limited by this person's turns.
      expect(await store().acquireTurnLease(lease(await makeUser(), first.conversationId))).toBeNull();

      await store().releaseTurnLease(user.id, first.turnId);
      await store().releaseTurnLease(user.id, first.turnId);
      expect(await store().acquireTurnLease(lease(user, first.conversationId))).toBeNull();
    });

    it("does not count a lease that has ended unless it was renewed", async () => {
      const user = await makeUser();
      const now = Date.now();
      const dying = lease(user, randomUUID(), minutes(1, now));
      const renewed = lease(user, randomUUID(), minutes(1, now));
      expect(await store().acquireTurnLease(dying, new Date(now))).toBeNull();
      expect(await store().acquireTurnLease(renewed, new Date(now))).toBeNull();
      expect(await store().renewTurnLease(user.id, renewed.turnId, minutes(5, now))).toBe(true);
      const later = new Date(minutes(2, now));
      expect(await store().acquireTurnLease(lease(user, renewed.conversationId), later)).toBe("conversation_busy");
      expect(await store().acquireTurnLease(lease(user, dying.conversationId, minutes(3, now)), later)).toBeNull();
      // The ended lease was taken over: renewing it finds nothing.
      expect(await store().renewTurnLease(user.id, dying.turnId, minutes(5, now))).toBe(false);
    });

    it("admits exactly the allowed number of many turns started at once", async () => {
      const user = await makeUser();
      const results = await Promise.all(Array.from({ length: PARALLEL }, () => store().acquireTurnLease(lease(user))));
      expect(results.filter((r) => r === null)).toHaveLength(3);
      expect(results.filter((r) => r === "too_many")).toHaveLength(PARALLEL - 3);

      const other = await makeUser();
      const conversationId = randomUUID();
      const same = await Promise.all(Array.from({ length: PARALLEL }, () => store().acquireTurnLease(lease(other, conversationId))));
      expect(same.filter((r) => r === null)).toHaveLength(1);
      expect(same.filter((r) => r === "conversation_busy")).toHaveLength(PARALLEL - 1);
    });
  });
}
