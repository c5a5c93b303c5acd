import { z } from "zod";

/**
 * A person's model settings. Stored as a JSON object through the store, and
 * always read through this schema so that older or partial records fill in
 * with defaults instead of breaking.
 */

export const LIMITS = {
  modelLength: 200,
  systemPromptLength: 20_000,
  temperature: { min: 0, max: 2 },
  maxTokens: { min: 1, max: 1_000_000 },
} as const;

const noNul = (value: string) => !value.includes("\u0000");

export const chatSettingsSchema = z.object({
  model: z
    .string()
    .trim()
    .min(1, "Choose a model.")
    .max(LIMITS.modelLength, `The model name is too long (at most ${LIMITS.modelLength} characters).`)
    .refine(noNul, "The model name contains a character that cannot be stored."),
  systemPrompt: z
    .string()
    .max(LIMITS.systemPromptLength, `The system prompt is too long (at most ${LIMITS.systemPromptLength.toLocaleString("en")} characters).`)
    .refine(noNul, "The system prompt contains a character that cannot be stored."),
  temperature: z
    .number("Temperature must be a number.")
    .min(LIMITS.temperature.min, "Temperature must be between 0 and 2.")
    .max(LIMITS.temperature.max, "Temperature must be between 0 and 2."),
  /** Null leaves the reply length to the provider. */
  maxTokens: z
    .number("Max tokens must be a whole number.")
    .int("Max tokens must be a whole number.")
    .min(LIMITS.maxTokens.min, "Max tokens must be at least 1.")
    .max(LIMITS.maxTokens.max, "Max tokens must be at most 1,000,000.")
    .nullable(),
});

export type ChatSettings = z.infer<typeof chatSettingsSchema>;

export function defaultSettings(defaultModel: string): ChatSettings {
  return { model: defaultModel, systemPrompt: "", temperature: 1, maxTokens: null };
}

