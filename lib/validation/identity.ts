/**
 * The one definition of a voter-card (EPIC) number and an Indian mobile number, for members (API, book,
 * import, search) and for workers (appointments and their import) alike, so a voter card accepted for
 * membership is never refused when the same person is appointed.
 */

/** An EPIC as typed, normalised: compatibility forms folded (full-width letters), upper case, spaces removed. */
export function normaliseEpic(raw: string): string {
  return raw.normalize("NFKC").toUpperCase().replace(/\s+/g, "");
}

/**
 * EPIC formats accepted:
 * - the standard one, since the 1990s: three letters and seven digits (`ABC1234567`);
 * - the older state-issued one still on some cards: state code / AC no / part no / serial
 *   (`CG/12/123/123456`), two letters and three numeric groups separated by slashes.
 */
export const EPIC_PATTERNS = [/^[A-Z]{3}[0-9]{7}$/, /^[A-Z]{2}\/[0-9]{2,3}\/[0-9]{1,4}\/[0-9]{1,7}$/] as const;

export function isValidEpic(epic: string): boolean {
  return EPIC_PATTERNS.some((p) => p.test(epic));
}

/** The normalised EPIC, or null when it is not one of the accepted formats. */
export function parseEpic(raw: string): string | null {
  const epic = normaliseEpic(raw);
  return isValidEpic(epic) ? epic : null;
}

export const PHONE_PATTERN = /^[6-9][0-9]{9}$/;

/**
 * A mobile number as typed, normalised: spaces, dashes, dots and brackets dropped, and a +91, 0091, 91 (12
 * digits, as Excel leaves "+91…") or 0 (11 digits) prefix removed. The result may still be invalid.
 */
export function normalisePhone(raw: string): string {
  let s = raw.trim().replace(/[\s\-().]/g, "");
  if (s.startsWith("+91")) s = s.slice(3);
  else if (s.startsWith("0091")) s = s.slice(4);
  else if (s.length === 12 && s.startsWith("91")) s = s.slice(2);
  else if (s.length === 11 && s.startsWith("0")) s = s.slice(1);
  return s;
}

/** The ten-digit mobile number (starting 6–9), or null. */
export function parsePhone(raw: string): string | null {
  const phone = normalisePhone(raw);
  return PHONE_PATTERN.test(phone) ? phone : null;
}
