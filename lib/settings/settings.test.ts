import { describe, expect, it } from "vitest";
import { memoryStoreForSuite, plainUsersForSuite } from "@/test-support/memory-store";
import { readDraft, toDraft } from "./draft";
import { getConversationSettings, getUserSettings, localeFor, saveUserSettings } from "./index";
import { builtInPresets, createPreset, findPreset, listPresets, presetInputSchema, updatePreset } from "./presets";
import { chatSettingsSchema, defaultSettings, differingKeys, effectiveSettings, userSettingsSchema, type ChatSettings } from "./schema";

const defaults = defaultSettings("gpt-4o-mini");
const chosen: ChatSettings = {
  model: "gpt-4o",
  systemPrompt: "Be brief.",
  temperature: 0.2,
  topP: 0.9,
  maxTokens: 500,
  presencePenalty: -1.5,
  frequencyPenalty: 2,
  reasoningEffort: null,
  verbosity: null,
};

describe("settings schema", () => {
  it("has the documented defaults", () => {
    expect(defaults).toEqual({
      model: "gpt-4o-mini",
      systemPrompt: "",
      temperature: 1,
      topP: 1,
      maxTokens: null,
      presencePenalty: 0,
      frequencyPenalty: 0,
      reasoningEffort: null,
      verbosity: null,
    });
  });

  it.each([
    [{ temperature: 2.01 }, "Temperature must be between 0 and 2."],
    [{ temperature: -0.1 }, "Temperature must be between 0 and 2."],
    [{ topP: 1.5 }, "Top P must be between 0 and 1."],
    [{ topP: -0.1 }, "Top P must be between 0 and 1."],
    [{ presencePenalty: 2.5 }, "Presence penalty must be between -2 and 2."],
    [{ frequencyPenalty: -3 }, "Frequency penalty must be between -2 and 2."],
    [{ maxTokens: 0 }, "Max tokens must be at least 1."],
    [{ maxTokens: 1.5 }, "Max tokens must be a whole number."],
    [{ model: " " }, "Choose a model."],
  ])("refuses %j with a message naming the field", (change, message) => {
    const parsed = chatSettingsSchema.safeParse({ ...chosen, ...change });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toBe(message);
  });

  it("accepts the edges of every range", () => {
    const edges = { ...chosen, temperature: 2, topP: 0, presencePenalty: -2, frequencyPenalty: 2, maxTokens: 1_000_000 };
    expect(chatSettingsSchema.parse(edges)).toEqual(edges);
  });

  it("takes a language only among the offered ones", () => {
    expect(userSettingsSchema.safeParse({ ...chosen, language: "zh-CN" }).success).toBe(true);
    expect(userSettingsSchema.safeParse({ ...chosen, language: "fr" }).success).toBe(false);
  });
});

describe("effective settings", () => {
  it("are the defaults without an override", () => {
    expect(effectiveSettings(defaults, null)).toEqual(defaults);
  });

  it("take each valid field of the override and ignore the rest", () => {
    const override = { temperature: 0.2, topP: 7, model: "", unknown: true, systemPrompt: "Hi" };
    expect(effectiveSettings(defaults, override)).toEqual({ ...defaults, temperature: 0.2, systemPrompt: "Hi" });
  });

  it("never carry the person's language into a turn", () => {
    expect(effectiveSettings({ ...defaults, language: "en" } as ChatSettings, null)).not.toHaveProperty("language");
  });

  it("lists what differs in the form's order", () => {
    expect(differingKeys({ ...defaults, temperature: 0.2, model: "gpt-4o" }, defaults)).toEqual(["model", "temperature"]);
    expect(differingKeys(defaults, defaults)).toEqual([]);
  });
});

describe("the form's draft", () => {
  it("round-trips settings", () => {
    expect(readDraft(toDraft(chosen))).toEqual({ ok: true, settings: chosen });
    expect(toDraft(defaults).maxTokens).toBe("");
  });

  it("marks every invalid field with its own message", () => {
    const result = readDraft({
      ...toDraft(chosen),
      model: "",
      temperature: "5",
      topP: "",
      maxTokens: "1.5",
      presencePenalty: "abc",
      frequencyPenalty: "-2.5",
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        model: "model",
        temperature: "temperature",
        topP: "topP",
        maxTokens: "maxTokens",
        presencePenalty: "presencePenalty",
        frequencyPenalty: "frequencyPenalty",
      },
    });
  });

  it("reads an empty max tokens as the provider's default", () => {
    expect(readDraft({ ...toDraft(chosen), maxTokens: " " })).toEqual({ ok: true, settings: { ...chosen, maxTokens: null } });
  });
});

describe("presets input", () => {
  it("trims the name and refuses unknown settings", () => {
    expect(presetInputSchema.parse({ name: "  Chef ", settings: { temperature: 0.5 } })).toEqual({ name: "Chef", settings: { temperature: 0.5 } });
    expect(presetInputSchema.safeParse({ name: "", settings: {} }).success).toBe(false);
    expect(presetInputSchema.safeParse({ name: "x", settings: { temperature: 3 } }).success).toBe(false);
    expect(presetInputSchema.safeParse({ name: "x", settings: { colour: "red" } }).success).toBe(false);
  });

  it("ships the built-ins in every language", () => {
    for (const locale of ["en", "zh-CN"] as const) {
      const presets = builtInPresets(locale);
      expect(presets.map((p) => p.id)).toEqual(["builtin-helper", "builtin-witty"]);
      for (const preset of presets) {
        expect(preset.name).not.toBe("");
        expect(preset.settings.systemPrompt?.length).toBeGreaterThan(100);
        expect(chatSettingsSchema.partial().safeParse(preset.settings).success).toBe(true);
      }
    }
    expect(builtInPresets("zh-CN")[0].name).not.toBe(builtInPresets("en")[0].name);
  });

  it("follows the chosen language, else the browser", () => {
    expect(localeFor("zh-CN", "en-US,en;q=0.9")).toBe("zh-CN");
    expect(localeFor("auto", "zh-Hans-CN,zh;q=0.9")).toBe("zh-CN");
    expect(localeFor("auto", null)).toBe("en");
  });
});

describe("with a store", () => {
  const store = memoryStoreForSuite();
  const users = plainUsersForSuite(store, "alice", "bob");

  it("fills an old record in with the defaults and drops invalid fields", async () => {
    await store.saveSettings(users.alice.id, { model: "gpt-4o", systemPrompt: "Old", temperature: 0.5, maxTokens: null, topP: "x" });
    expect(await getUserSettings(store, users.alice.id, "gpt-4o-mini")).toEqual({
      ...defaults,
      model: "gpt-4o",
      systemPrompt: "Old",
      temperature: 0.5,
      language: "auto",
    });
  });

  it("saves changes over the current settings", async () => {
    const saved = await saveUserSettings(store, users.alice.id, "gpt-4o-mini", { topP: 0.5, language: "zh-CN" });
    expect(saved).toMatchObject({ model: "gpt-4o", topP: 0.5, language: "zh-CN" });
    expect(await getUserSettings(store, users.alice.id, "gpt-4o-mini")).toEqual(saved);
    await expect(saveUserSettings(store, users.alice.id, "gpt-4o-mini", { temperature: 9 })).rejects.toThrow();
  });

  it("gives a conversation its override over the current defaults", async () => {
    const conversation = await store.createConversation({ userId: users.alice.id, title: "t", settings: { temperature: 0.1 } });
    const found = await getConversationSettings(store, users.alice.id, conversation.id, "gpt-4o-mini");
    expect(found?.overridden).toBe(true);
    expect(found?.settings).toMatchObject({ model: "gpt-4o", topP: 0.5, temperature: 0.1 });
    expect(found?.defaults).toMatchObject({ temperature: 0.5 });
    expect(await getConversationSettings(store, users.bob.id, conversation.id, "gpt-4o-mini")).toBeNull();
  });

  it("keeps presets to their owner", async () => {
    const mine = await createPreset(store, users.alice.id, { name: "Chef", settings: { ...chosen, systemPrompt: "You cook." } });
    expect((await listPresets(store, users.alice.id, "en")).map((p) => p.name)).toEqual(["Patient helper", "Witty sidekick", "Chef"]);
    expect((await listPresets(store, users.bob.id, "en")).map((p) => p.name)).toEqual(["Patient helper", "Witty sidekick"]);
    expect(await findPreset(store, users.bob.id, mine.id, "en")).toBeNull();
    expect(await updatePreset(store, users.bob.id, mine.id, { name: "Stolen", settings: {} })).toBeNull();
    // An unused id is not created through an update either.
    expect(await updatePreset(store, users.alice.id, crypto.randomUUID(), { name: "New", settings: {} })).toBeNull();

    const renamed = await updatePreset(store, users.alice.id, mine.id, { name: "Chef 2", settings: { temperature: 0.3 } });
    expect(renamed).toEqual({ id: mine.id, name: "Chef 2", settings: { temperature: 0.3 }, builtIn: false });
    expect(await store.deletePreset(users.bob.id, mine.id)).toBe(false);
    expect(await store.deletePreset(users.alice.id, mine.id)).toBe(true);
  });
});
