import { z } from "zod";
import { REASONING_EFFORTS, VERBOSITIES } from "@/lib/llm/capabilities";

/**
 * A person's model settings. Stored as a JSON object through the store, and
 * always read through this schema so that older or partial records fill in
 * with defaults instead of breaking.
 *
 * The messages here are what the API answers (English); the Settings form
 * checks the same limits itself and says it in the page's language.
 */

export const LIMITS = {
  modelLength: 200,
  systemPromptLength: 20_000,
  temperature: { min: 0, max: 2 },
  topP: { min: 0, max: 1 },
  penalty: { min: -2, max: 2 },
  maxTokens: { min: 1, max: 1_000_000 },
  presetNameLength: 80,
} as const;

const noNul = (value: string) => !value.includes("\u0000");

const penalty = (name: string) =>
  z
    .number(`${name} must be a number.`)
    .min(LIMITS.penalty.min, `${name} must be between -2 and 2.`)
    .max(LIMITS.penalty.max, `${name} must be between -2 and 2.`);

export const chatSettingsSchema = z.object({
  model: z
    .string("Choose a model.")
    .trim()
    .min(1, "Choose a model.")
    .max(LIMITS.modelLength, `The model name is too long (at most ${LIMITS.modelLength} characters).`)
    .refine(noNul, "The model name contains a character that cannot be stored."),
  systemPrompt: z
    .string("The system prompt must be text.")
    .max(LIMITS.systemPromptLength, `The system prompt is too long (at most ${LIMITS.systemPromptLength.toLocaleString("en")} characters).`)
    .refine(noNul, "The system prompt contains a character that cannot be stored."),
  temperature: z
    .number("Temperature must be a number.")
    .min(LIMITS.temperature.min, "Temperature must be between 0 and 2.")
    .max(LIMITS.temperature.max, "Temperature must be between 0 and 2."),
  topP: z
    .number("Top P must be a number.")
    .min(LIMITS.topP.min, "Top P must be between 0 and 1.")
    .max(LIMITS.topP.max, "Top P must be between 0 and 1."),
  /** Null leaves the reply length to the provider. */
  maxTokens: z
    .number("Max tokens must be a whole number.")
    .int("Max tokens must be a whole number.")
    .min(LIMITS.maxTokens.min, "Max tokens must be at least 1.")
    .max(LIMITS.maxTokens.max, "Max tokens must be at most 1,000,000.")
    .nullable(),
  presencePenalty: penalty("Presence penalty"),
  frequencyPenalty: penalty("Frequency penalty"),
  /** Null leaves the effort to the provider; sent only to models that offer this value. */
  reasoningEffort: z.enum(REASONING_EFFORTS, `Reasoning effort must be one of ${REASONING_EFFORTS.join(", ")}.`).nullable(),
  /** Null leaves the verbosity to the provider; sent only to models that take one. */
  verbosity: z.enum(VERBOSITIES, `Verbosity must be one of ${VERBOSITIES.join(", ")}.`).nullable(),
});

export type ChatSettings = z.infer<typeof chatSettingsSchema>;

export const CHAT_SETTING_KEYS = Object.keys(chatSettingsSchema.shape) as (keyof ChatSettings)[];

/** "auto" (or nothing stored) follows the browser's languages. */
export const languageSchema = z.enum(["auto", "en", "zh-CN"], 'language must be "auto", "en" or "zh-CN".');

export type LanguageChoice = z.infer<typeof languageSchema>;

/** Everything a person sets for themselves: their default model settings and the interface language. */
export const userSettingsSchema = chatSettingsSchema.extend({ language: languageSchema });

export type UserSettings = z.infer<typeof userSettingsSchema>;

/** A preset or a conversation override may set only some fields; the rest follow the defaults. */
export const partialChatSettingsSchema = chatSettingsSchema.partial();

export type PartialChatSettings = z.infer<typeof partialChatSettingsSchema>;

export function defaultSettings(defaultModel: string): ChatSettings {
  return {
    model: defaultModel,
    systemPrompt: "",
    temperature: 1,
    topP: 1,
    maxTokens: null,
    presencePenalty: 0,
    frequencyPenalty: 0,
    reasoningEffort: null,
    verbosity: null,
  };
}

export function defaultUserSettings(defaultModel: string): UserSettings {
  return { ...defaultSettings(defaultModel), language: "auto" };
}

/**
 * The valid fields of a stored object (a record written by an older version,
 * or hand-edited): each field that does not pass is left out, never fatal.
 */
export function validFields<S extends z.ZodObject>(schema: S, stored: unknown): Partial<z.infer<S>> {
  const result: Record<string, unknown> = {};
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return result as Partial<z.infer<S>>;
  const source = stored as Record<string, unknown>;
  for (const [key, field] of Object.entries(schema.shape)) {
    if (!Object.hasOwn(source, key)) continue;
    const parsed = (field as z.ZodType).safeParse(source[key]);
    if (parsed.success) result[key] = parsed.data;
  }
  return result as Partial<z.infer<S>>;
}

/** Only the model settings of an object that may hold more (a person's settings carry their language too). */
export function pickChatSettings(settings: ChatSettings): ChatSettings {
  const result = {} as Record<string, unknown>;
  for (const key of CHAT_SETTING_KEYS) result[key] = settings[key];
  return result as ChatSettings;
}

/** The settings a turn uses: the conversation's override over the person's defaults, field by field. */
export function effectiveSettings(defaults: ChatSettings, override: unknown): ChatSettings {
  return { ...pickChatSettings(defaults), ...validFields(chatSettingsSchema, override) };
}

/** The fields where `settings` differs from `defaults`, in the order the form shows them. */
export function differingKeys(settings: ChatSettings, defaults: ChatSettings): (keyof ChatSettings)[] {
  return CHAT_SETTING_KEYS.filter((key) => settings[key] !== defaults[key]);
}
