/**
 * Shared parsers for typed URL state. A page's `search-params.ts` builds its params from these; the URL is
 * never trusted for scope (filters narrow inside the viewer's area, they never widen it). Each parser takes
 * the raw value of one key (repeated keys: the first counts) and returns a typed value or its fallback.
 */

import { isWellFormedText } from "@/lib/validation/text";

export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of `key`, trimmed; undefined when absent or blank. */
export function one(sp: SearchParams, key: string): string | undefined {
  const v = sp[key];
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s : undefined;
}

/**
 * Free text, cut to `max` characters (whole characters: a pair of surrogates is never split). Text no one
 * could type (a NUL, a control character, a lone surrogate) is absent: PostgreSQL would refuse it in a query.
 */
export function text(sp: SearchParams, key: string, max: number): string | undefined {
  const v = one(sp, key);
  if (v === undefined) return undefined;
  const cut = Array.from(v).slice(0, max).join("");
  return isWellFormedText(cut) ? cut : undefined;
}

/** A positive whole number of at most `digits` digits. */
export function positiveInt(sp: SearchParams, key: string, digits = 9): number | undefined {
  const v = one(sp, key);
  return v && v.length <= digits && /^[0-9]+$/.test(v) && Number(v) > 0 ? Number(v) : undefined;
}

/** A page number: 1 unless the URL holds a positive whole number. */
export function page(sp: SearchParams, key = "page"): number {
  return positiveInt(sp, key) ?? 1;
}

/** One of a fixed list of values, else the fallback. */
export function oneOf<T extends string>(sp: SearchParams, key: string, values: readonly T[], fallback: T): T;
export function oneOf<T extends string>(sp: SearchParams, key: string, values: readonly T[]): T | undefined;
export function oneOf<T extends string>(sp: SearchParams, key: string, values: readonly T[], fallback?: T): T | undefined {
  const v = one(sp, key);
  return values.find((x) => x === v) ?? fallback;
}

/** A URL slug (lower-case words joined by hyphens), e.g. a district key. */
export function slug(sp: SearchParams, key: string): string | undefined {
  const v = one(sp, key);
  return v && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(v) ? v : undefined;
}

/** A value that must match `pattern` in full. */
export function matching(sp: SearchParams, key: string, pattern: RegExp): string | undefined {
  const v = one(sp, key);
  return v !== undefined && pattern.test(v) ? v : undefined;
}
