import type { MessageKey, Translate } from "@/lib/i18n";

/**
 * Client components get their text already translated (the catalogs stay on the server): each declares the
 * keys it needs in lib/i18n/labels/, and the server component passes `pick(t, KEYS)` down as plain strings.
 */
export function pick<K extends MessageKey>(t: Translate, keys: readonly K[]): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, t(k)])) as Record<K, string>;
}
