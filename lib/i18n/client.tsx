"use client";

import { createContext, useContext, useMemo } from "react";
import { LOCALES, type Locale } from "./locales";
import { translator, type Translate } from "./translate";

const I18nContext = createContext<{ locale: Locale; t: Translate } | null>(null);

export function I18nProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const value = useMemo(() => ({ locale, t: translator(LOCALES[locale].messages, locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The translate function of the page's language (see lib/i18n/messages). */
export function useT(): Translate {
  const context = useContext(I18nContext);
  if (!context) throw new Error("useT() needs an <I18nProvider> above it.");
  return context.t;
}

export function useLocale(): Locale {
  const context = useContext(I18nContext);
  if (!context) throw new Error("useLocale() needs an <I18nProvider> above it.");
  return context.locale;
}
