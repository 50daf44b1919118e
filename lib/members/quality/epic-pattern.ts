/**
 * Stricter checks of a voter-card (EPIC) number that has already passed the format check of
 * lib/validation/identity.ts, for the "doubtful EPIC" quality signal. They only warn: a flagged card may be
 * genuine. The Election Commission does not publish a check digit, so none is checked (none is invented).
 * Pure: no database.
 *
 * `epicPattern(epic)` takes the NORMALISED EPIC (`normaliseEpic`: upper case, no spaces) and returns null
 * when it passes, or the first rule it fails, in this order:
 *
 * 1. "shape": the EPIC is neither
 *    - the current format, three letters and seven digits (`CGX1234567`), nor
 *    - the older state-coded format `SS/AC/PART/SERIAL` (`CG/12/345/678901`): SS a state or union-territory
 *      code in `STATE_CODES` (the two-letter codes of vehicle registration and of ISO 3166-2:IN), AC two or
 *      three digits, PART one to four digits, SERIAL one to seven digits, where none of AC, PART and SERIAL
 *      is all zeros (no seat, part or elector is numbered 0).
 *    Everything else the loose check lets through (an unknown state code such as `XX/12/345/678901`, or a
 *    zero group) fails here.
 * 2. "serial" (current format only): the seven digits are one digit repeated (0000000, 1111111 … 9999999) or
 *    a straight run, each digit one more than the one before (0123456, 1234567, 2345678, 3456789) or one
 *    less (9876543, 8765432, 7654321, 6543210), without wrapping past 9 or 0.
 * 3. "placeholder" (current format only): the three letters are one letter repeated (AAA … ZZZ) or one of
 *    `PLACEHOLDER_PREFIXES`: ABC, XYZ, QWE, ASD (keyboard and alphabet runs), TES, TST (test), DUM (dummy),
 *    NIL, NAN, NUL, NON (none / not available).
 *
 * The demo seed's EPICs (a real-looking prefix and (index × 7919 + 1234567) mod 10⁷, index from 1) pass
 * every rule up to index 740,958; among the first 20 lakh, five fail "serial": 740,959 (8888888), 746,852
 * (5555555), 752,745 (2222222), 1,493,704 (9876543) and 1,499,597 (6543210).
 */

export type EpicPatternRule = "shape" | "serial" | "placeholder";

export type EpicPatternResult =
  | { rule: "shape" }
  | { rule: "serial"; serial: string }
  | { rule: "placeholder"; prefix: string };

const CURRENT = /^([A-Z]{3})([0-9]{7})$/;
const STATE_CODED = /^([A-Z]{2})\/([0-9]{2,3})\/([0-9]{1,4})\/([0-9]{1,7})$/;

/** State and union-territory codes: vehicle registration and ISO 3166-2:IN, old and new. */
export const STATE_CODES: ReadonlySet<string> = new Set([
  "AN", "AP", "AR", "AS", "BR", "CG", "CH", "CT", "DD", "DH", "DL", "DN", "GA", "GJ", "HP", "HR", "JH", "JK",
  "KA", "KL", "LA", "LD", "MH", "ML", "MN", "MP", "MZ", "NL", "OD", "OR", "PB", "PY", "RJ", "SK", "TG", "TN",
  "TR", "TS", "UK", "UP", "UT", "WB",
]);

/** Letter codes typed when the real one is not known. */
export const PLACEHOLDER_PREFIXES: ReadonlySet<string> = new Set([
  "ABC", "XYZ", "QWE", "ASD", "TES", "TST", "DUM", "NIL", "NAN", "NUL", "NON",
]);

const RUNS = ["0123456789", "9876543210"];

function isPlaceholderSerial(digits: string): boolean {
  return /^(\d)\1*$/.test(digits) || RUNS.some((run) => run.includes(digits));
}

/** The first stricter rule a normalised EPIC fails, or null when it passes them all. */
export function epicPattern(epic: string): EpicPatternResult | null {
  const current = CURRENT.exec(epic);
  if (current) {
    const [, prefix, serial] = current as unknown as [string, string, string];
    if (isPlaceholderSerial(serial)) return { rule: "serial", serial };
    if (/^(.)\1\1$/.test(prefix) || PLACEHOLDER_PREFIXES.has(prefix)) return { rule: "placeholder", prefix };
    return null;
  }
  const old = STATE_CODED.exec(epic);
  if (old) {
    const [, state, ...groups] = old as unknown as [string, string, string, string, string];
    if (STATE_CODES.has(state) && groups.every((g) => /[1-9]/.test(g))) return null;
  }
  return { rule: "shape" };
}
