import { chatSettingsSchema, LIMITS, type ChatSettings } from "./schema";

/**
 * The Settings form's fields as typed (strings), and their checks. Errors are
 * keys of the `settings.errors` dictionary, so the form says them in the
 * page's language; the server checks the same limits with chatSettingsSchema.
 */

export interface SettingsDraft {
  model: string;
  systemPrompt: string;
  temperature: string;
  topP: string;
  maxTokens: string;
  presencePenalty: string;
  frequencyPenalty: string;
  /** "" leaves it to the provider. */
  reasoningEffort: string;
  verbosity: string;
}

export type DraftField = keyof SettingsDraft;

export type DraftErrorKey =
  | "model"
  | "systemPromptLength"
  | "invalidCharacter"
  | "temperature"
  | "topP"
  | "maxTokens"
  | "presencePenalty"
  | "frequencyPenalty"
  | "reasoningEffort"
  | "verbosity";

export type DraftErrors = Partial<Record<DraftField, DraftErrorKey>>;

export function toDraft(settings: ChatSettings): SettingsDraft {
  return {
    model: settings.model,
    systemPrompt: settings.systemPrompt,
    temperature: String(settings.temperature),
    topP: String(settings.topP),
    maxTokens: settings.maxTokens === null ? "" : String(settings.maxTokens),
    presencePenalty: String(settings.presencePenalty),
    frequencyPenalty: String(settings.frequencyPenalty),
    reasoningEffort: settings.reasoningEffort ?? "",
    verbosity: settings.verbosity ?? "",
  };
}

/** A number typed in a field; "" and anything that is not a plain finite number are NaN. */
function numberIn(text: string): number {
  const trimmed = text.trim();
  if (trimmed === "" || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return Number.NaN;
  return Number(trimmed);
}

const within = (value: number, range: { min: number; max: number }) =>
  Number.isFinite(value) && value >= range.min && value <= range.max;

export function readDraft(draft: SettingsDraft): { ok: true; settings: ChatSettings } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const temperature = numberIn(draft.temperature);
  const topP = numberIn(draft.topP);
  const presencePenalty = numberIn(draft.presencePenalty);
  const frequencyPenalty = numberIn(draft.frequencyPenalty);
  const maxTokens = draft.maxTokens.trim() === "" ? null : numberIn(draft.maxTokens);

  if (draft.model.trim() === "" || draft.model.length > LIMITS.modelLength) errors.model = "model";
  if (draft.systemPrompt.length > LIMITS.systemPromptLength) errors.systemPrompt = "systemPromptLength";
  else if (draft.systemPrompt.includes("\u0000")) errors.systemPrompt = "invalidCharacter";
  if (!within(temperature, LIMITS.temperature)) errors.temperature = "temperature";
  if (!within(topP, LIMITS.topP)) errors.topP = "topP";
  if (maxTokens !== null && !(Number.isInteger(maxTokens) && within(maxTokens, LIMITS.maxTokens))) errors.maxTokens = "maxTokens";
  if (!within(presencePenalty, LIMITS.penalty)) errors.presencePenalty = "presencePenalty";
  if (!within(frequencyPenalty, LIMITS.penalty)) errors.frequencyPenalty = "frequencyPenalty";
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  // The server's schema has the last word; anything it still refuses is marked on its field.
  const parsed = chatSettingsSchema.safeParse({
    model: draft.model,
    systemPrompt: draft.systemPrompt,
    temperature,
    topP,
    maxTokens,
    presencePenalty,
    frequencyPenalty,
    // Chosen from a list, so only a tampered form can make these invalid.
    reasoningEffort: draft.reasoningEffort === "" ? null : draft.reasoningEffort,
    verbosity: draft.verbosity === "" ? null : draft.verbosity,
  });
  if (parsed.success) return { ok: true, settings: parsed.data };
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as DraftField;
    errors[field] ??= field === "systemPrompt" ? "invalidCharacter" : field === "model" ? "model" : field;
  }
  return { ok: false, errors };
}

/** The form's fields in the order they are shown (the first invalid one gets the focus). */
export const DRAFT_FIELDS: DraftField[] = [
  "model",
  "systemPrompt",
  "reasoningEffort",
  "verbosity",
  "temperature",
  "topP",
  "maxTokens",
  "presencePenalty",
  "frequencyPenalty",
];
