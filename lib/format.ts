import type { Locale } from "./i18n";

// Indian grouping (12,34,567) in both languages, with Latin digits as party offices write them.
const numberFormats = {
  en: new Intl.NumberFormat("en-IN"),
  hi: new Intl.NumberFormat("hi-IN", { numberingSystem: "latn" }),
};
const percentFormats = {
  en: new Intl.NumberFormat("en-IN", { style: "percent", maximumFractionDigits: 1 }),
  hi: new Intl.NumberFormat("hi-IN", { style: "percent", maximumFractionDigits: 1, numberingSystem: "latn" }),
};

export function formatNumber(n: number, locale: Locale = "en"): string {
  return numberFormats[locale].format(n);
}

/** `share` is a fraction (0.5 → 50%); null (e.g. no target) prints as a dash. */
export function formatPercent(share: number | null, locale: Locale = "en"): string {
  return share === null || !Number.isFinite(share) ? "—" : percentFormats[locale].format(share);
}

/** A `YYYY-MM-DD` day as `28 Nov 2026` (or its Hindi form). */
export function formatDay(day: string, locale: Locale = "en"): string {
  return new Intl.DateTimeFormat(locale === "hi" ? "hi-IN" : "en-IN", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
    numberingSystem: "latn",
  }).format(new Date(`${day}T00:00:00Z`));
}
