import { en, type MessageKey } from "@/lib/i18n/en";
import { hi } from "@/lib/i18n/hi";

export { unitName } from "@/lib/i18n/names";

export const LOCALES = ["en", "hi"] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = "lang";
export type { MessageKey };

export function isLocale(value: unknown): value is Locale {
  return value === "en" || value === "hi";
}

/** Validation messages are catalog keys; anything else is shown as it is. */
export function isMessageKey(value: string): value is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, value);
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A translator for one locale: Hindi falls back to English per key; `{name}` placeholders are filled. */
export function translator(locale: Locale): Translate {
  return (key, vars) => {
    const template = (locale === "hi" ? hi[key] : undefined) ?? en[key];
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}
