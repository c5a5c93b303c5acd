import type { Store } from "@/lib/store/types";
import { chatSettingsSchema, defaultSettings, type ChatSettings } from "./schema";

export * from "./schema";

/** Stored settings merged over the defaults; invalid stored fields fall back. */
export async function getUserSettings(store: Store, userId: string, defaultModel: string): Promise<ChatSettings> {
  const defaults = defaultSettings(defaultModel);
  const stored = (await store.getSettings(userId)) ?? {};
  const merged: Record<string, unknown> = { ...defaults };
  for (const key of Object.keys(chatSettingsSchema.shape) as (keyof ChatSettings)[]) {
    const field = chatSettingsSchema.shape[key].safeParse(stored[key]);
    if (field.success) merged[key] = field.data;
  }
  return chatSettingsSchema.parse(merged);
}

export async function saveUserSettings(store: Store, userId: string, settings: ChatSettings): Promise<ChatSettings> {
  const valid = chatSettingsSchema.parse(settings);
  await store.saveSettings(userId, valid);
  return valid;
}
