/**
 * The languages Parley speaks. Adding one: a dictionary file in ./messages
 * (typed as `Messages`, so a missing string is a compile error) and one entry
 * here.
 */
import { en, type Messages } from "./messages/en";
import { zhCN } from "./messages/zh-CN";

export const LOCALES = {
  en: { name: "English", messages: en },
  "zh-CN": { name: "简体中文", messages: zhCN },
} as const satisfies Record<string, { name: string; messages: Messages }>;

export type Locale = keyof typeof LOCALES;

export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && Object.hasOwn(LOCALES, value);
}

/**
 * The best of our locales for a list of language tags in preference order
 * (navigator.languages, or an Accept-Language header parsed by q-value).
 * Matches exactly first, then by primary language ("zh-Hans-CN", "zh" → zh-CN).
 */
export function matchLocale(tags: readonly string[]): Locale {
  const ours = Object.keys(LOCALES) as Locale[];
  for (const tag of tags) {
    const lower = tag.trim().toLowerCase();
    if (!lower || lower === "*") continue;
    const exact = ours.find((l) => l.toLowerCase() === lower);
    if (exact) return exact;
    const primary = lower.split("-")[0];
    const sameLanguage = ours.find((l) => l.toLowerCase().split("-")[0] === primary);
    if (sameLanguage) return sameLanguage;
  }
  return DEFAULT_LOCALE;
}

/** Language tags of an Accept-Language header, most preferred first. */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((entry) => entry.tag);
}
