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

const decimalFormats = {
  en: new Intl.NumberFormat("en-IN", { maximumFractionDigits: 1 }),
  hi: new Intl.NumberFormat("hi-IN", { maximumFractionDigits: 1, numberingSystem: "latn" }),
};

/** One decimal at most (days behind: 4.5). */
export function formatDecimal(n: number, locale: Locale = "en"): string {
  return decimalFormats[locale].format(n);
}

// Formatters are built once: constructing an Intl.DateTimeFormat costs ~0.1 ms, and a page formats hundreds
// of days (it was a fifth of the overview's server time when built per call).
const dayFormats = {
  en: new Intl.DateTimeFormat("en-IN", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC", numberingSystem: "latn" }),
  hi: new Intl.DateTimeFormat("hi-IN", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC", numberingSystem: "latn" }),
};
const shortDayFormats = {
  en: new Intl.DateTimeFormat("en-IN", { day: "numeric", month: "short", timeZone: "UTC", numberingSystem: "latn" }),
  hi: new Intl.DateTimeFormat("hi-IN", { day: "numeric", month: "short", timeZone: "UTC", numberingSystem: "latn" }),
};

/** A `YYYY-MM-DD` day as `28 Nov 2026` (or its Hindi form). */
export function formatDay(day: string, locale: Locale = "en"): string {
  return dayFormats[locale].format(new Date(`${day}T00:00:00Z`));
}

/** A `YYYY-MM-DD` day as `28 Nov` (chart axes). */
export function formatShortDay(day: string, locale: Locale = "en"): string {
  return shortDayFormats[locale].format(new Date(`${day}T00:00:00Z`));
}
