import { isValidEpic, normaliseEpic, normalisePhone, PHONE_PATTERN } from "@/lib/validation/identity";

/**
 * What a search box entry means. One box serves every way of looking a member up; the kind decides which
 * (indexed, where possible) column is searched.
 */
export type MemberQuery =
  | { kind: "all" }
  | { kind: "membershipNo"; value: string }
  /** The sequence part only (`4711` → `…-0004711`). */
  | { kind: "sequence"; value: string }
  | { kind: "phone"; value: string }
  | { kind: "epic"; value: string }
  | { kind: "booth"; code: string }
  | { kind: "name"; value: string }
  /** Too short to search names by (one letter would list half the state). */
  | { kind: "tooShort" };

export const MEMBERSHIP_NO_PATTERN = /^[A-Z]{2}[0-9]{2}-[0-9]{7,}$/;
const graphemes = new Intl.Segmenter("hi", { granularity: "grapheme" });

export function parseMemberQuery(raw: string | null | undefined): MemberQuery {
  const q = (raw ?? "").normalize("NFC").trim().replace(/\s+/g, " ").slice(0, 100);
  if (!q) return { kind: "all" };
  const upper = q.toUpperCase().replace(/\s+/g, "");
  if (MEMBERSHIP_NO_PATTERN.test(upper)) return { kind: "membershipNo", value: upper };
  if (/^[0-9]{3}-[0-9]{3,4}$/.test(q)) return { kind: "booth", code: q };
  const phone = normalisePhone(q);
  if (PHONE_PATTERN.test(phone)) return { kind: "phone", value: phone };
  if (/^[0-9]{1,9}$/.test(q)) return { kind: "sequence", value: q.replace(/^0+(?=.)/, "").padStart(7, "0") };
  const epic = normaliseEpic(q);
  if (isValidEpic(epic)) return { kind: "epic", value: epic };
  if ([...graphemes.segment(q)].length < 2) return { kind: "tooShort" };
  return { kind: "name", value: q };
}

/** `%`, `_` and `\` are literal in a name search. */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
