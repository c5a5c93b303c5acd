import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSettings, type ChatSettings } from "@/lib/settings";
import { builtInPresets, createPreset } from "@/lib/settings/presets";
import { openSqlStore } from "@/lib/store/sql/open";
import type { Store, User } from "@/lib/store/types";
import type { ChatRequest } from "../request";
import type { TurnDeps } from "./index";
import { prepareTurn } from "./prepare";

let store: Store;
let alice: User;
let bob: User;

const chosen: ChatSettings = { ...defaultSettings("gpt-4o"), systemPrompt: "Be brief.", temperature: 0.2, maxTokens: 500 };

beforeAll(async () => {
  store = await openSqlStore({ memory: true });
  const user = (email: string) => ({ email, name: email, passwordHash: "x", role: "user" as const });
  alice = await store.createUser(user("alice@example.com"));
  bob = await store.createUser(user("bob@example.com"));
  await store.saveSettings(alice.id, { ...chosen, temperature: 0.5, language: "zh-CN" });
});

afterAll(async () => {
  await store.close();
});

const deps = (overrides: Partial<TurnDeps> = {}): TurnDeps => ({
  store,
  provider: null,
  idleTimeoutMs: 1_000,
  defaultModel: "gpt-4o-mini",
  isModelOffered: () => true,
  ...overrides,
});

const submit = (userId: string, extra: Partial<Extract<ChatRequest, { trigger: "submit" }>> = {}, turnDeps = deps()) =>
  prepareTurn(turnDeps, {
    request: { trigger: "submit", conversationId: randomUUID(), turnId: randomUUID(), text: "hello", ...extra },
    userId,
    acceptLanguage: "en",
  });

/** Counts the store's reads while `run` runs. */
async function countReads<T>(run: (counted: Store) => Promise<T>): Promise<Record<string, number>> {
  const reads: Record<string, number> = {};
  const counted = new Proxy(store, {
    get(target, name: string) {
      const value = Reflect.get(target, name) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (/^(get|list)/.test(name)) reads[name] = (reads[name] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  await run(counted);
  return reads;
}

describe("preparing a turn", () => {
  it("uses a conversation's override over the person's defaults, and ignores a preset for it", async () => {
    const conversation = await store.createConversation({ userId: alice.id, title: "t", settings: { ...chosen } });
    const prepared = await submit(alice.id, { conversationId: conversation.id, presetId: "builtin-witty" });
    expect(prepared).toMatchObject({ conversationId: conversation.id, created: false, settings: chosen });
  });

  it("starts a new conversation from a preset, in the person's language", async () => {
    const prepared = await submit(alice.id, { presetId: "builtin-helper" });
    expect(prepared.created).toBe(true);
    expect(prepared.settings.temperature).toBe(0.7);
    // Alice chose Chinese: the built-in's prompt comes in Chinese, and the conversation keeps it.
    const zh = builtInPresets("zh-CN")[0].settings.systemPrompt;
    expect(prepared.settings.systemPrompt).toBe(zh);
    expect((await store.getConversation(alice.id, prepared.conversationId))?.settings).toMatchObject({ systemPrompt: zh });
  });

  it("uses the defaults without a preset, and refuses an unknown preset before storing anything", async () => {
    expect((await submit(bob.id)).settings).toEqual(defaultSettings("gpt-4o-mini"));
    const conversationId = randomUUID();
    await expect(submit(bob.id, { conversationId, presetId: "nope" })).rejects.toMatchObject({ status: 404, code: "preset_unavailable" });
    expect(await store.getConversation(bob.id, conversationId)).toBeNull();
  });

  it("falls back to the default model when the chosen one is no longer offered, keeping the rest", async () => {
    const mine = await createPreset(store, alice.id, { name: "Chef", settings: { temperature: 0.3 } });
    expect((await submit(alice.id, { presetId: mine.id })).settings).toMatchObject({ temperature: 0.3, model: "gpt-4o" });
    const narrowed = deps({ isModelOffered: (model) => model !== "gpt-4o" });
    expect((await submit(alice.id, { presetId: mine.id }, narrowed)).settings).toMatchObject({ temperature: 0.3, model: "gpt-4o-mini" });
  });

  it("reads the conversation, the settings and the history once each", async () => {
    const conversation = await store.createConversation({ userId: alice.id, title: "t" });
    await store.appendMessage(alice.id, { conversationId: conversation.id, role: "user", content: "first", status: "complete" });
    const reply = await store.appendMessage(alice.id, { conversationId: conversation.id, role: "assistant", content: "answer", status: "complete" });
    const [first] = await store.listMessages(alice.id, conversation.id);

    const editReads = await countReads((counted) =>
      prepareTurn(deps({ store: counted }), {
        request: { trigger: "edit", conversationId: conversation.id, turnId: randomUUID(), messageId: first.id, text: "better" },
        userId: alice.id,
        acceptLanguage: null,
      }),
    );
    expect(editReads).toEqual({ getConversation: 1, getSettings: 1, listMessages: 1 });
    expect(reply).not.toBeNull();

    const regenerateReads = await countReads((counted) =>
      prepareTurn(deps({ store: counted }), {
        request: { trigger: "regenerate", conversationId: conversation.id, turnId: randomUUID() },
        userId: alice.id,
        acceptLanguage: null,
      }),
    );
    expect(regenerateReads).toEqual({ getConversation: 1, getSettings: 1, listMessages: 1 });
  });
});
