import type { Locale } from "@/lib/i18n";

const formats = {
  en: new Intl.DateTimeFormat("en-IN", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Kolkata", numberingSystem: "latn" }),
  hi: new Intl.DateTimeFormat("hi-IN", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Kolkata", numberingSystem: "latn" }),
};

/** An instant (epoch ms) as India time, e.g. "28 Nov 2026, 11:30 am". */
export function formatWhen(ms: number, locale: Locale): string {
  return formats[locale].format(new Date(ms));
}
