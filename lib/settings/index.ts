import { isLocale, matchLocale, parseAcceptLanguage, type Locale } from "@/lib/i18n/locales";
import type { Store, StoredSettings } from "@/lib/store/types";
import {
  defaultUserSettings,
  effectiveSettings,
  userSettingsSchema,
  validFields,
  type ChatSettings,
  type LanguageChoice,
  type UserSettings,
} from "./schema";

export * from "./schema";

/** The person's language: their choice in Settings, else the best match for their browser. */
export function localeFor(language: LanguageChoice, acceptLanguage: string | null): Locale {
  return isLocale(language) ? language : matchLocale(parseAcceptLanguage(acceptLanguage));
}

/** Stored settings merged over the defaults; invalid stored fields fall back. */
export async function getUserSettings(store: Store, userId: string, defaultModel: string): Promise<UserSettings> {
  const stored = await store.getSettings(userId);
  return { ...defaultUserSettings(defaultModel), ...validFields(userSettingsSchema, stored) };
}

/** Writes a person's settings; fields left out keep their current value. */
export async function saveUserSettings(
  store: Store,
  userId: string,
  defaultModel: string,
  changes: Partial<UserSettings>,
): Promise<UserSettings> {
  const current = await getUserSettings(store, userId, defaultModel);
  const valid = userSettingsSchema.parse({ ...current, ...changes });
  await store.saveSettings(userId, valid);
  return valid;
}

/** A conversation's settings as the chat uses them, with what it overrides. Null when it is not theirs. */
export async function getConversationSettings(
  store: Store,
  userId: string,
  conversationId: string,
  defaultModel: string,
): Promise<{ settings: ChatSettings; defaults: ChatSettings; overridden: boolean } | null> {
  const [conversation, defaults] = await Promise.all([
    store.getConversation(userId, conversationId),
    getUserSettings(store, userId, defaultModel),
  ]);
  return conversation ? conversationSettings(defaults, conversation.settings) : null;
}

/** The same, for a conversation already read: its override over the person's defaults. */
export function conversationSettings(
  defaults: UserSettings,
  override: StoredSettings | null,
): { settings: ChatSettings; defaults: ChatSettings; overridden: boolean } {
  return {
    settings: effectiveSettings(defaults, override),
    defaults: effectiveSettings(defaults, null),
    overridden: override !== null,
  };
}
