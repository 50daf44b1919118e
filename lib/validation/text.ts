/**
 * Text a person could have typed: no lone UTF-16 surrogates (PostgreSQL would store U+FFFD or refuse), no NUL
 * (PostgreSQL refuses it in text) and no other control characters except tab and line ends. Every API field,
 * form field and CSV cell is checked with this before anything is written; a failure is a field error.
 */
const ILL_FORMED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function isWellFormedText(s: string): boolean {
  return !ILL_FORMED.test(s);
}

/** The first field of a flat record whose text is ill-formed, or null. */
export function illFormedField(record: Record<string, unknown>): string | null {
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === "string" && !isWellFormedText(value)) return key;
    if (Array.isArray(value) && value.some((v) => typeof v === "string" && !isWellFormedText(v))) return key;
  }
  return null;
}
