import { isLocale, matchLocale, parseAcceptLanguage, type Locale } from "@/lib/i18n/locales";
import type { Store } from "@/lib/store/types";
import { findPreset } from "./presets";
import { getUserSettings } from "./index";
import { effectiveSettings, type ChatSettings, type LanguageChoice, type PartialChatSettings } from "./schema";

/** The person's language: their choice in Settings, else the best match for their browser. */
export function localeFor(language: LanguageChoice, acceptLanguage: string | null): Locale {
  return isLocale(language) ? language : matchLocale(parseAcceptLanguage(acceptLanguage));
}

export type TurnSettings =
  | {
      ok: true;
      /** What this turn sends to the provider. */
      settings: ChatSettings;
      /** The override a conversation created by this turn starts with (null: the person's defaults). */
      newConversationSettings: PartialChatSettings | null;
    }
  | { ok: false; reason: "preset_not_found" };

/**
 * The settings of one turn: an existing conversation's override over the
 * person's defaults; for a conversation this turn creates, the chosen
 * preset's settings (if any) become its override.
 */
export async function settingsForTurn(
  store: Store,
  input: {
    userId: string;
    conversationId: string;
    presetId?: string;
    defaultModel: string;
    acceptLanguage: string | null;
    /** ALLOWED_MODELS: a model saved before the operator narrowed the list falls back to the default. */
    isModelOffered: (model: string) => boolean;
  },
): Promise<TurnSettings> {
  const offered = (settings: ChatSettings): ChatSettings =>
    input.isModelOffered(settings.model) ? settings : { ...settings, model: input.defaultModel };
  const [defaults, conversation] = await Promise.all([
    getUserSettings(store, input.userId, input.defaultModel),
    store.getConversation(input.userId, input.conversationId),
  ]);
  if (conversation || !input.presetId) {
    return { ok: true, settings: offered(effectiveSettings(defaults, conversation?.settings ?? null)), newConversationSettings: null };
  }
  const preset = await findPreset(store, input.userId, input.presetId, localeFor(defaults.language, input.acceptLanguage));
  if (!preset) return { ok: false, reason: "preset_not_found" };
  return { ok: true, settings: offered(effectiveSettings(defaults, preset.settings)), newConversationSettings: preset.settings };
}
