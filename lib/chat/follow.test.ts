import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { memoryStoreForSuite, plainUsersForSuite } from "@/test-support/memory-store";
import { followReply } from "./follow";
import type { ChatChunk } from "./turn";

const store = memoryStoreForSuite();
const users = plainUsersForSuite(store, "alice", "bob");

async function conversationWithReply(leaseUntil: Date, content = "So far") {
  const conversation = await store.createConversation({ userId: users.alice.id, title: "Followed" });
  await store.appendMessage(users.alice.id, { conversationId: conversation.id, role: "user", content: "Question", status: "complete" });
  const turnId = randomUUID();
  const reply = await store.appendMessage(users.alice.id, {
    conversationId: conversation.id,
    role: "assistant",
    content,
    status: "streaming",
    model: "gpt-test",
    turnId,
    leaseUntil,
  });
  return { conversationId: conversation.id, reply: reply!, turnId };
}

async function next(reader: ReadableStreamDefaultReader<ChatChunk>): Promise<ChatChunk> {
  const { done, value } = await reader.read();
  if (done) throw new Error("The stream ended.");
  return value;
}

async function rest(reader: ReadableStreamDefaultReader<ChatChunk>): Promise<ChatChunk[]> {
  const chunks: ChatChunk[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

describe("following a reply from the store", () => {
  it("replays the text so far, then what is saved, until the reply ends", async () => {
    const { conversationId, reply, turnId } = await conversationWithReply(new Date(Date.now() + 60_000));
    const stream = await followReply(store, users.alice.id, conversationId, null, { pollMs: 10 });
    const reader = stream!.getReader();
    expect(await next(reader)).toEqual({ type: "start", messageId: reply.id, messageMetadata: { status: "streaming", model: "gpt-test", turnId } });
    expect(await next(reader)).toEqual({ type: "text-start", id: reply.id });
    expect(await next(reader)).toEqual({ type: "text-delta", id: reply.id, delta: "So far" });

    await store.saveReplyProgress(users.alice.id, conversationId, reply.id, { content: "So far, and more", leaseUntil: new Date(Date.now() + 60_000) });
    expect(await next(reader)).toEqual({ type: "text-delta", id: reply.id, delta: ", and more" });

    const usage = { promptTokens: 4, completionTokens: 5 };
    await store.finishReply(users.alice.id, conversationId, reply.id, { content: "So far, and more. The end.", status: "complete", errorKind: null, usage });
    const end = await rest(reader);
    expect(end.map((c) => c.type)).toEqual(["text-delta", "text-end", "message-metadata", "finish"]);
    expect(end[0]).toMatchObject({ delta: ". The end." });
    expect(end[2]).toMatchObject({ messageMetadata: { status: "complete", usage } });
  });

  it("ends a reply whose writer is gone as interrupted, keeping its text", async () => {
    const { conversationId, reply } = await conversationWithReply(new Date(Date.now() - 1_000), "Half");
    const chunks = await rest((await followReply(store, users.alice.id, conversationId, reply.id, { pollMs: 10 }))!.getReader());
    expect(chunks.find((c) => c.type === "text-delta")).toMatchObject({ delta: "Half" });
    expect(chunks.find((c) => c.type === "message-metadata")).toMatchObject({ messageMetadata: { status: "interrupted" } });
    expect((await store.getMessage(users.alice.id, conversationId, reply.id))!.status).toBe("interrupted");
  });

  it("answers a named reply that has ended whole, and nothing when no reply is being written or it is not theirs", async () => {
    const { conversationId, reply } = await conversationWithReply(new Date(Date.now() + 60_000), "Done");
    await store.finishReply(users.alice.id, conversationId, reply.id, { content: "Done.", status: "stopped", errorKind: null, usage: null });
    const chunks = await rest((await followReply(store, users.alice.id, conversationId, reply.id))!.getReader());
    expect(chunks.map((c) => c.type)).toEqual(["start", "text-start", "text-delta", "text-end", "message-metadata", "finish"]);
    expect(chunks[4]).toMatchObject({ messageMetadata: { status: "stopped" } });

    expect(await followReply(store, users.alice.id, conversationId, null)).toBeNull();
    expect(await followReply(store, users.bob.id, conversationId, reply.id)).toBeNull();
    expect(await followReply(store, users.alice.id, conversationId, randomUUID())).toBeNull();
  });

  it("stops reading when the follower goes away", async () => {
    const { conversationId } = await conversationWithReply(new Date(Date.now() + 60_000));
    const gone = new AbortController();
    const reader = (await followReply(store, users.alice.id, conversationId, null, { pollMs: 10, signal: gone.signal }))!.getReader();
    await next(reader);
    gone.abort();
    const end = await rest(reader);
    expect(end.some((c) => c.type === "finish")).toBe(false);
  });
});
