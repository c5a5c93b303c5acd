import { z } from "zod";
import type { Locale } from "@/lib/i18n/locales";
import type { Preset, Store } from "@/lib/store/types";
import { chatSettingsSchema, LIMITS, partialChatSettingsSchema, validFields, type PartialChatSettings } from "./schema";

/**
 * Presets (personas): a name, a system prompt and parameters. Everyone has
 * the built-in ones below, in their own language; each person adds their own
 * through the store. A preset may set only some fields: the others follow
 * the person's defaults (a built-in does not pick a model, for instance).
 */

export interface PresetView {
  id: string;
  name: string;
  settings: PartialChatSettings;
  builtIn: boolean;
}

interface BuiltInPreset {
  id: string;
  name: Record<Locale, string>;
  systemPrompt: Record<Locale, string>;
  settings: Omit<PartialChatSettings, "systemPrompt" | "model">;
}

export const BUILT_IN_PRESETS: readonly BuiltInPreset[] = [
  {
    id: "builtin-helper",
    name: { en: "Patient helper", "zh-CN": "耐心小帮手" },
    systemPrompt: {
      en: [
        "You are a friendly, patient helper for a family: grandparents, parents and children alike.",
        "Explain things in plain, everyday words and short steps, and check that each step makes sense before moving on.",
        "Never make anyone feel silly for asking; every question is a good one, and asking twice is fine.",
        "When a topic is complicated, start with the big picture and offer to go deeper.",
        "Use a kind, encouraging tone, celebrate small wins, and when you are not sure of something, say so honestly.",
        "If a child seems to be asking, keep the answer simple, safe and age-appropriate.",
      ].join(" "),
      "zh-CN": [
        "你是一个友善、耐心的家庭小帮手，爷爷奶奶、爸爸妈妈和孩子们都会来问你问题。",
        "请用平实的日常语言、分成简短的步骤来解释，每一步都确认对方听明白了再往下讲。",
        "永远不要让任何人因为提问而觉得难为情：每个问题都是好问题，问两遍也完全没关系。",
        "遇到复杂的话题，先讲清楚大概，再问对方要不要深入了解。",
        "语气温和、鼓励人心，为每一点小进步喝彩；不确定的事情就坦诚地说不确定。",
        "如果提问的像是孩子，请把回答讲得简单、安全、适合孩子的年龄。",
      ].join(""),
    },
    settings: { temperature: 0.7 },
  },
  {
    id: "builtin-witty",
    name: { en: "Witty sidekick", "zh-CN": "毒舌段子手" },
    systemPrompt: {
      en: [
        "You are a witty, gently sarcastic sidekick with a dry sense of humour, like a clever friend who cannot resist a quip.",
        "Tease the question, never the person: your jokes are playful, never mean, and fine for the whole family.",
        "Behind the wisecracks you are genuinely helpful: every answer still contains the correct, useful information, stated clearly.",
        "Keep it brisk: one or two good lines beat a stand-up routine.",
        "When someone is upset, or the topic is serious (health, safety, grief), drop the sarcasm and be kind and straightforward.",
      ].join(" "),
      "zh-CN": [
        "你是一个机智、略带毒舌的搭档，幽默感冷冷的，就像一个总忍不住抖个机灵的聪明朋友。",
        "调侃问题，不调侃人：你的玩笑俏皮而不刻薄，全家老小都能听。",
        "在俏皮话背后，你是真心在帮忙：每个回答都要清楚地给出正确、有用的信息。",
        "点到为止：一两句妙语胜过一整段单口相声。",
        "如果对方情绪低落，或者话题很严肃（健康、安全、失去亲人），就收起毒舌，真诚、直接地帮助对方。",
      ].join(""),
    },
    settings: { temperature: 1.1 },
  },
];

export function builtInPresets(locale: Locale): PresetView[] {
  return BUILT_IN_PRESETS.map((preset) => ({
    id: preset.id,
    name: preset.name[locale],
    settings: { ...preset.settings, systemPrompt: preset.systemPrompt[locale] },
    builtIn: true,
  }));
}

export function isBuiltInPresetId(id: string): boolean {
  return BUILT_IN_PRESETS.some((preset) => preset.id === id);
}

export const presetIdSchema = z.string("presetId must be a preset id.").min(1, "presetId must be a preset id.").max(100, "presetId must be a preset id.");

/** The body of POST /api/presets and PUT /api/presets/[id]. */
export const presetInputSchema = z.strictObject({
  name: z
    .string("Give the preset a name.")
    .trim()
    .min(1, "Give the preset a name.")
    .max(LIMITS.presetNameLength, `The preset name is too long (at most ${LIMITS.presetNameLength} characters).`)
    .refine((value) => !value.includes("\u0000"), "The preset name contains a character that cannot be stored."),
  settings: partialChatSettingsSchema.strict(),
});

export type PresetInput = z.infer<typeof presetInputSchema>;

function toView(preset: Preset): PresetView {
  return { id: preset.id, name: preset.name, settings: validFields(chatSettingsSchema, preset.settings), builtIn: false };
}

/** The built-in presets, then the person's own by name. */
export async function listPresets(store: Store, userId: string, locale: Locale): Promise<PresetView[]> {
  const own = await store.listPresets(userId);
  return [...builtInPresets(locale), ...own.map(toView)];
}

/** A preset the person may use (built-in or their own); null otherwise. */
export async function findPreset(store: Store, userId: string, id: string, locale: Locale): Promise<PresetView | null> {
  const builtIn = builtInPresets(locale).find((preset) => preset.id === id);
  if (builtIn) return builtIn;
  const own = (await store.listPresets(userId)).find((preset) => preset.id === id);
  return own ? toView(own) : null;
}

export async function createPreset(store: Store, userId: string, input: PresetInput): Promise<PresetView> {
  const saved = await store.savePreset(userId, { name: input.name, settings: input.settings });
  if (!saved) throw new Error("A new preset could not be created.");
  return toView(saved);
}

/** Replaces one of the person's own presets; null when they have none with this id. */
export async function updatePreset(store: Store, userId: string, id: string, input: PresetInput): Promise<PresetView | null> {
  // savePreset would create a preset under an unused id: only replace an existing one of theirs.
  const own = (await store.listPresets(userId)).some((preset) => preset.id === id);
  if (!own) return null;
  const saved = await store.savePreset(userId, { id, name: input.name, settings: input.settings });
  return saved ? toView(saved) : null;
}
