import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Card links the enrolment app can hand to a new member: the membership number plus an HMAC of it, so the
 * card opens without signing in but numbers cannot be enumerated. Signed-in users in scope need no signature.
 */
function secret(): string {
  const s = process.env.AUTH_SECRET;
  if (!s) throw new Error("AUTH_SECRET is not set");
  return s;
}

export function cardSignature(membershipNo: string): string {
  return createHmac("sha256", secret()).update(`card:${membershipNo}`).digest("base64url").slice(0, 22);
}

export function verifyCardSignature(membershipNo: string, sig: string | null | undefined): boolean {
  if (!sig) return false;
  const expected = Buffer.from(cardSignature(membershipNo));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `/members/CG26-0000001/card?sig=…` (absolute when an origin is given). */
export function cardUrl(membershipNo: string, origin?: string): string {
  const path = `/members/${encodeURIComponent(membershipNo)}/card?sig=${cardSignature(membershipNo)}`;
  return origin ? new URL(path, origin).toString() : path;
}
