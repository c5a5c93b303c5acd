import { headers } from "next/headers";
import { cache } from "react";
import { currentUser } from "@/lib/auth/session";
import { getStore } from "@/lib/store";
import { isLocale, LOCALES, matchLocale, parseAcceptLanguage, type Locale } from "./locales";
import { translator, type Translate } from "./translate";

/**
 * The language of this request's page: the signed-in person's choice in
 * Settings (`language` in their settings) when they made one, else what
 * their browser asks for.
 */
export const requestLocale = cache(async (): Promise<Locale> => {
  const user = await currentUser();
  if (user) {
    const chosen = (await (await getStore()).getSettings(user.id))?.language;
    if (isLocale(chosen)) return chosen;
  }
  return matchLocale(parseAcceptLanguage((await headers()).get("accept-language")));
});

export async function serverTranslator(): Promise<{ locale: Locale; t: Translate }> {
  const locale = await requestLocale();
  return { locale, t: translator(LOCALES[locale].messages, locale) };
}
