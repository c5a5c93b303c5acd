/**
 * What only this adapter has to get right: without transactions, a request
 * cut short between two writes leaves a partial state, and the next requests
 * must cope. These tests write such states directly into the table.
 */
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDynaliteStore } from "@/test-support/memory-store";
import { ConversationExistsError, type Store } from "../types";
import { Table } from "./table";
import { claimKey, conversationKey, emailKey, partSortKey, profileKey, userPartition } from "./keys";
import { messageItems, takeTurn } from "./messages";

describe("dynamo store after interrupted writes", () => {
  let store: Store;
  let table: Table;

  beforeAll(async () => {
    const opened = await openDynaliteStore();
    store = opened.store;
    table = new Table(opened.emulator.client, opened.emulator.tableName);
  });
  afterAll(() => store?.close());

  const newUser = (email = `r-${randomUUID()}@example.com`) => ({
    email,
    name: "Resumed",
    passwordHash: "hash",
    role: "user" as const,
  });

  it("leaves an interrupted sign-up unable to sign in, its email free, its profile deletable", async () => {
    const email = `cut-off-${randomUUID()}@example.com`;
    const id = randomUUID();
    // Step 2 done, step 3 (the sign-in item) never happened.
    await table.put({ ...profileKey(id), kind: "user", id, email, name: "Cut off", role: "user", createdAt: new Date().toISOString() });
    expect(await store.getUserByEmail(email)).toBeNull();
    const finished = await store.createUser(newUser(email));
    expect((await store.getUserByEmail(email))?.id).toBe(finished.id);

    expect(await store.deleteUser(id)).toBe(true);
    expect(await store.getUserById(id)).toBeNull();
    // Deleting the leftover did not touch the real account with that email.
    expect((await store.getUserByEmail(email))?.id).toBe(finished.id);
  });

  it("finishes a deletion that was cut off after the sign-in item went", async () => {
    const user = await store.createUser(newUser());
    const conversation = await store.createConversation({ userId: user.id, title: "Half deleted" });
    await table.delete(emailKey(user.email));
    expect(await store.getUserByEmail(user.email)).toBeNull();
    expect(await store.deleteUser(user.id)).toBe(true);
    expect(await store.getUserById(user.id)).toBeNull();
    expect(await store.getConversation(user.id, conversation.id)).toBeNull();
    expect(await table.get(claimKey("CONV", conversation.id))).toBeUndefined();
  });

  it("lets the owner finish creating a conversation whose id was claimed but not written", async () => {
    const owner = await store.createUser(newUser());
    const other = await store.createUser(newUser());
    const id = randomUUID();
    await table.put({ ...claimKey("CONV", id), kind: "claim", userId: owner.id });
    await expect(store.createConversation({ id, userId: other.id, title: "Mine?" })).rejects.toBeInstanceOf(
      ConversationExistsError,
    );
    await expect(store.createConversation({ id, userId: owner.id, title: "Resumed" })).resolves.toMatchObject({ id });
  });

  it("shows no message whose conversation item is gone, nor text parts without their message", async () => {
    const user = await store.createUser(newUser());
    const kept = await store.createConversation({ userId: user.id, title: "Kept" });
    const message = await store.appendMessage(user.id, {
      conversationId: kept.id,
      role: "user",
      content: "visible",
      status: "complete",
    });
    // Parts of a message whose head was never written.
    await table.put({ pk: userPartition(user.id), sk: partSortKey(kept.id, 99, 1), kind: "part", body: "orphan" });
    expect(await store.listMessages(user.id, kept.id)).toEqual([message]);

    const lost = await store.createConversation({ userId: user.id, title: "Lost" });
    await store.appendMessage(user.id, { conversationId: lost.id, role: "user", content: "leftover", status: "complete" });
    await table.delete(conversationKey(user.id, lost.id));
    expect(await store.listMessages(user.id, lost.id)).toEqual([]);
    expect(await store.searchConversations(user.id, "leftover", 10)).toEqual([]);
    expect(await store.searchConversations(user.id, "visible", 10)).toHaveLength(1);
  });

  it("keeps every item of a 1 MB non-ASCII reply under DynamoDB's 400 KB, counted in UTF-8", async () => {
    const user = await store.createUser(newUser());
    const conversation = await store.createConversation({ userId: user.id, title: "Big" });
    const unit = "日本語のテキスト 👩🏽‍💻 ";
    const content = unit.repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(unit)));
    await store.appendMessage(user.id, { conversationId: conversation.id, role: "assistant", content, status: "complete" });

    const items = await table.queryAll({
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": userPartition(user.id) },
    });
    // DynamoDB's item size: attribute names plus values, strings in UTF-8.
    const size = (item: Record<string, unknown>) =>
      Object.entries(item).reduce(
        (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(String(value)),
        0,
      );
    expect(items.length).toBeGreaterThan(3);
    for (const item of items) expect(size(item)).toBeLessThan(400 * 1024);
    expect((await store.listMessages(user.id, conversation.id))[0]!.content === content).toBe(true);
  });
  it("shows an edit cut short after its new message was written in place of what it replaces, and a retry finishes it", async () => {
    const user = await store.createUser(newUser());
    const conversation = await store.createConversation({ userId: user.id, title: "Edited" });
    const say = (content: string, role: "user" | "assistant") =>
      store.appendMessage(user.id, { conversationId: conversation.id, role, content, status: "complete" });
    const first = await say("First", "user");
    await say("Reply", "assistant");
    await say("Second", "user");
    // The edit's first step only: the new text under a new number, the old messages still there.
    const turn = await takeTurn(table, user.id, conversation.id);
    const [head] = messageItems(user.id, conversation.id, turn!.seq, first!.id, turn!.at, { role: "user", content: "First, edited", status: "complete" });
    await table.put(head!);

    expect((await store.listMessages(user.id, conversation.id)).map((m) => [m.id, m.content])).toEqual([[first!.id, "First, edited"]]);
    await store.replaceMessagesFrom(user.id, conversation.id, first!.id, "First, edited again");
    await say("A reply to it", "assistant");
    expect((await store.listMessages(user.id, conversation.id)).map((m) => m.content)).toEqual(["First, edited again", "A reply to it"]);
  });
});
