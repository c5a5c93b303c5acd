import type { Messages } from "./messages/en";

/** "chat.send", "settings.temperature", …: every leaf of the dictionary. */
export type MessageKey = Leaves<Messages>;

type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type Vars = Record<string, string | number>;

export type Translate = (key: MessageKey, vars?: Vars) => string;

/** Looks a key up and fills `{name}` placeholders; numbers are formatted for the locale. */
export function translator(messages: Messages, locale: string): Translate {
  return (key, vars) => {
    let node: unknown = messages;
    for (const part of key.split(".")) node = (node as Record<string, unknown>)?.[part];
    const text = typeof node === "string" ? node : key;
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = vars[name];
      if (value === undefined) return whole;
      return typeof value === "number" ? value.toLocaleString(locale) : value;
    });
  };
}
