import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { memoryStoreForSuite, plainUsersForSuite } from "@/test-support/memory-store";
import {
  deleteConversation,
  exportConversation,
  importConversationFile,
  listConversationPage,
  renameConversation,
  renameSchema,
  searchConversations,
  searchQuerySchema,
} from "./conversations";

const store = memoryStoreForSuite();
const users = plainUsersForSuite(store, "alice", "bob");

const file = (title: string, updatedAt: string, texts: string[] = ["hello", "Echo: hello"]) => ({
  format: "parley.conversation",
  version: 1,
  title,
  createdAt: "2025-01-01T00:00:00.000Z",
  updatedAt,
  messages: texts.map((content, i) => ({
    role: i % 2 ? "assistant" : "user",
    content,
    status: "complete",
    errorKind: null,
    model: i % 2 ? "gpt-4o-mini" : null,
    usage: i % 2 ? { promptTokens: 3, completionTokens: 4 } : null,
    createdAt: `2025-01-01T00:00:0${i}.000Z`,
  })),
});

async function imported(userId: string, title: string, updatedAt = "2025-01-02T00:00:00.000Z", texts?: string[]) {
  const outcome = await importConversationFile(store, userId, file(title, updatedAt, texts));
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problem));
  return outcome.conversation;
}

describe("import and export", () => {
  it("imports a file as a new conversation with its dates, and exports it back equal", async () => {
    const original = file("Round trip", "2025-03-04T05:06:07.000Z", ["question **one**", "answer one", "question two", "answer two"]);
    const first = await importConversationFile(store, users.alice.id, original);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.conversation).toMatchObject({ title: "Round trip", updatedAt: "2025-03-04T05:06:07.000Z" });

    const json = await exportConversation(store, users.alice.id, first.conversation.id, "json");
    expect(json?.contentType).toMatch(/^application\/json/);
    expect(json?.contentDisposition).toContain('filename="Round trip.json"');
    const exported = JSON.parse(json!.body);
    const { exportedAt, ...rest } = exported;
    expect(typeof exportedAt).toBe("string");
    expect(rest).toEqual(original);

    // Importing the export again makes a second, equal conversation with new ids.
    const second = await importConversationFile(store, users.alice.id, exported);
    expect(second.ok && second.conversation.id).not.toBe(first.conversation.id);
    if (!second.ok) return;
    const again = JSON.parse((await exportConversation(store, users.alice.id, second.conversation.id, "json"))!.body);
    expect({ ...again, exportedAt: null }).toEqual({ ...exported, exportedAt: null });
    const firstIds = (await store.listMessages(users.alice.id, first.conversation.id)).map((m) => m.id);
    const secondIds = (await store.listMessages(users.alice.id, second.conversation.id)).map((m) => m.id);
    expect(secondIds.some((id) => firstIds.includes(id))).toBe(false);
  });

  it("exports Markdown with the given labels", async () => {
    const c = await imported(users.alice.id, "Markdown please", undefined, ["hi", "**there**"]);
    const md = await exportConversation(store, users.alice.id, c.id, "md", { labels: { you: "你", assistant: "助手", stopped: "", failed: "", thinking: "思考过程" } });
    expect(md?.contentType).toMatch(/^text\/markdown/);
    expect(md?.filename).toBe("Markdown please.md");
    expect(md?.body).toBe("# Markdown please\n\n## 你\n\nhi\n\n## 助手 · gpt-4o-mini\n\n**there**\n");
  });

  it("reports a bad file without storing anything", async () => {
    const before = await store.listConversations(users.alice.id, { limit: 100 });
    const outcome = await importConversationFile(store, users.alice.id, { ...file("Bad", "2025-01-01T00:00:00Z"), messages: [{ role: "user" }] });
    expect(outcome).toMatchObject({ ok: false, problem: { code: "invalid", path: "messages.0.content" } });
    expect((await store.listConversations(users.alice.id, { limit: 100 })).items).toHaveLength(before.items.length);
  });

  it("does not export someone else's conversation", async () => {
    const c = await imported(users.alice.id, "Alice only");
    expect(await exportConversation(store, users.bob.id, c.id, "json")).toBeNull();
    expect(await exportConversation(store, users.bob.id, "not-an-id", "md")).toBeNull();
  });
});

describe("rename and delete", () => {
  it("renames one's own conversation without moving it", async () => {
    const c = await imported(users.alice.id, "Old name");
    const renamed = await renameConversation(store, users.alice.id, c.id, "New name");
    expect(renamed).toEqual({ ...c, title: "New name" });
    expect((await store.getConversation(users.alice.id, c.id))?.title).toBe("New name");
  });

  it("treats someone else's conversation, or a bad id, as missing", async () => {
    const c = await imported(users.alice.id, "Mine");
    expect(await renameConversation(store, users.bob.id, c.id, "Hijacked")).toBeNull();
    expect(await deleteConversation(store, users.bob.id, c.id)).toBe(false);
    expect(await renameConversation(store, users.alice.id, "nope", "x")).toBeNull();
    expect(await deleteConversation(store, users.alice.id, "nope")).toBe(false);
    expect((await store.getConversation(users.alice.id, c.id))?.title).toBe("Mine");
  });

  it("deletes with the messages", async () => {
    const c = await imported(users.alice.id, "Doomed");
    expect(await deleteConversation(store, users.alice.id, c.id)).toBe(true);
    expect(await store.getConversation(users.alice.id, c.id)).toBeNull();
    expect(await store.listMessages(users.alice.id, c.id)).toEqual([]);
    expect(await deleteConversation(store, users.alice.id, c.id)).toBe(false);
  });

  it("validates titles: trimmed, 1 to 200 characters", () => {
    expect(renameSchema.safeParse({ title: "  Hi  " }).data).toEqual({ title: "Hi" });
    expect(renameSchema.safeParse({ title: "   " }).success).toBe(false);
    expect(renameSchema.safeParse({ title: "x".repeat(200) }).success).toBe(true);
    expect(renameSchema.safeParse({ title: "x".repeat(201) }).success).toBe(false);
    expect(renameSchema.safeParse({ title: 5 }).success).toBe(false);
    expect(renameSchema.safeParse({}).success).toBe(false);
  });
});

describe("listing and searching", () => {
  it("pages through summaries with a cursor, newest first", async () => {
    const carol = await store.createUser({ email: `carol-${randomUUID()}@example.com`, name: "Carol", passwordHash: "x", role: "user" });
    for (let day = 1; day <= 5; day++) await imported(carol.id, `Day ${day}`, `2025-02-0${day}T00:00:00.000Z`);
    const first = await listConversationPage(store, carol.id, { limit: 3 });
    expect(first.items.map((c) => c.title)).toEqual(["Day 5", "Day 4", "Day 3"]);
    expect(Object.keys(first.items[0]).sort()).toEqual(["createdAt", "id", "title", "updatedAt"]);
    const second = await listConversationPage(store, carol.id, { limit: 3, cursor: first.nextCursor });
    expect(second.items.map((c) => c.title)).toEqual(["Day 2", "Day 1"]);
    expect(second.nextCursor).toBeNull();
  });

  it("finds by title and by message text, with a snippet, only in one's own conversations", async () => {
    const token = randomUUID().slice(0, 8);
    const byTitle = await imported(users.alice.id, `Zebra facts ${token}`);
    const byText = await imported(users.alice.id, "Unrelated", undefined, [`tell me about the zebra ${token} crossing`, "ok"]);
    await imported(users.bob.id, `Bob's zebra ${token}`);
    const results = await searchConversations(store, users.alice.id, `ZEBRA ${token}`.toLowerCase());
    expect(results.map((r) => r.id).sort()).toEqual([byText.id].sort());
    const titleResults = await searchConversations(store, users.alice.id, `facts ${token}`);
    expect(titleResults).toEqual([{ id: byTitle.id, title: byTitle.title, updatedAt: byTitle.updatedAt, snippet: null }]);
    const textResults = await searchConversations(store, users.alice.id, `the zebra ${token}`);
    expect(textResults).toEqual([{ id: byText.id, title: "Unrelated", updatedAt: byText.updatedAt, snippet: `tell me about the zebra ${token} crossing` }]);
    expect(await searchConversations(store, users.bob.id, `facts ${token}`)).toEqual([]);
  });

  it("validates the query: 1 to 200 characters", () => {
    expect(searchQuerySchema.safeParse({ q: "" }).success).toBe(false);
    expect(searchQuerySchema.safeParse({ q: "  " }).success).toBe(false);
    expect(searchQuerySchema.safeParse({}).success).toBe(false);
    expect(searchQuerySchema.safeParse({ q: "x".repeat(201) }).success).toBe(false);
    expect(searchQuerySchema.safeParse({ q: " zebra " }).data).toEqual({ q: "zebra" });
  });
});
