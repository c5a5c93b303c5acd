/**
 * What this engine promises: every read the interface makes is a
 * single Query or GetItem (never a Scan, never a request per item). Counted
 * at the wire, on small data (larger results page, still one Query).
 */
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDynaliteStore } from "@/test-support/memory-store";
import type { Store } from "../types";
import type { Emulator } from "./emulator";

describe("dynamo store reads", () => {
  let emulator: Emulator;
  let store: Store;

  beforeAll(async () => {
    ({ store, emulator } = await openDynaliteStore());
  });
  afterAll(() => store?.close());

  const operationsOf = async (read: () => Promise<unknown>): Promise<string[]> => {
    emulator.operations.length = 0;
    await read();
    return [...emulator.operations];
  };

  it("answers each interface read with one request", async () => {
    const user = await store.createUser({
      email: `reads-${randomUUID()}@example.com`,
      name: "Reader",
      passwordHash: "hash",
      role: "user",
    });
    const conversation = await store.createConversation({ userId: user.id, title: "Counted" });
    await store.appendMessage(user.id, { conversationId: conversation.id, role: "user", content: "hi", status: "complete" });
    await store.savePreset(user.id, { name: "P", settings: {} });
    const turnId = randomUUID();

    const one = {
      "session check (getUserByEmail)": [() => store.getUserByEmail(user.email), ["GetItem"]],
      getUserById: [() => store.getUserById(user.id), ["GetItem"]],
      listConversations: [() => store.listConversations(user.id, { limit: 20 }), ["Query"]],
      getConversation: [() => store.getConversation(user.id, conversation.id), ["GetItem"]],
      "listMessages (with the ownership check)": [() => store.listMessages(user.id, conversation.id), ["Query"]],
      searchConversations: [() => store.searchConversations(user.id, "hi", 10), ["Query"]],
      getSettings: [() => store.getSettings(user.id), ["GetItem"]],
      listPresets: [() => store.listPresets(user.id), ["Query"]],
      isStopRequested: [() => store.isStopRequested(user.id, turnId), ["GetItem"]],
      countLoginFailures: [() => store.countLoginFailures("k", 1000), ["BatchGetItem"]],
      countUsers: [() => store.countUsers(), ["Query"]],
      listUsers: [() => store.listUsers(), ["Query"]],
    } satisfies Record<string, [() => Promise<unknown>, string[]]>;

    for (const [name, [read, expected]] of Object.entries(one)) {
      expect({ name, operations: await operationsOf(read) }).toEqual({ name, operations: expected });
    }
  });
});
