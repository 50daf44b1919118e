/**
 * The one place numbers, days and instants are formatted for people: Indian grouping, India time
 * (Asia/Kolkata), Latin digits in both languages. Formatters are built once per locale.
 */
import { istDate } from "@/lib/dates";
import type { Locale } from "@/lib/i18n";

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

const compactFormats = {
  en: new Intl.NumberFormat("en-IN", { notation: "compact", maximumFractionDigits: 1, numberingSystem: "latn" }),
  hi: new Intl.NumberFormat("hi-IN", { notation: "compact", maximumFractionDigits: 1, numberingSystem: "latn" }),
};

/** A chart axis's short number (12L, 1.5K; Hindi: 12 लाख). */
export function formatCompact(n: number, locale: Locale = "en"): string {
  return compactFormats[locale].format(n);
}

const wholePercentFormats = {
  en: new Intl.NumberFormat("en-IN", { style: "percent", maximumFractionDigits: 0 }),
  hi: new Intl.NumberFormat("hi-IN", { style: "percent", maximumFractionDigits: 0, numberingSystem: "latn" }),
};

/** A share as a whole percent (a chart's axis): 0.456 → 46%. */
export function formatWholePercent(share: number, locale: Locale = "en"): string {
  return wholePercentFormats[locale].format(share);
}

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

/** An instant as the India-time day it fell on: `28 Nov 2026`. */
export function formatInstantDay(instant: Date | string | number, locale: Locale = "en"): string {
  return formatDay(istDate(new Date(instant)), locale);
}

const dateTimeFormats = {
  en: new Intl.DateTimeFormat("en-IN", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Kolkata", numberingSystem: "latn" }),
  hi: new Intl.DateTimeFormat("hi-IN", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Kolkata", numberingSystem: "latn" }),
};
const dateTimeSecondFormats = {
  en: new Intl.DateTimeFormat("en-IN", { dateStyle: "medium", timeStyle: "medium", timeZone: "Asia/Kolkata", numberingSystem: "latn" }),
  hi: new Intl.DateTimeFormat("hi-IN", { dateStyle: "medium", timeStyle: "medium", timeZone: "Asia/Kolkata", numberingSystem: "latn" }),
};

/** An instant in India time: `28 Nov 2026, 11:30 am`; with `seconds`, `28 Nov 2026, 11:30:05 am` (the audit log). */
export function formatDateTime(instant: Date | string | number, locale: Locale = "en", opts: { seconds?: boolean } = {}): string {
  return (opts.seconds ? dateTimeSecondFormats : dateTimeFormats)[locale].format(new Date(instant));
}

const timeFormats = {
  en: new Intl.DateTimeFormat("en-IN", { timeZone: "Asia/Kolkata", hour: "2-digit", minute: "2-digit", numberingSystem: "latn" }),
  hi: new Intl.DateTimeFormat("hi-IN", { timeZone: "Asia/Kolkata", hour: "2-digit", minute: "2-digit", numberingSystem: "latn" }),
};

/** The India-time clock of an instant: `11:30 am` (when a figure was last updated). */
export function formatTime(instant: Date | string | number, locale: Locale = "en"): string {
  return timeFormats[locale].format(new Date(instant));
}
