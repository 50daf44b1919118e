import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signed links to one member: the membership number plus an HMAC of it under AUTH_SECRET, so a link opens
 * without signing in but numbers (which are sequential) cannot be walked. Each kind of link signs with its own
 * purpose, so a card link's signature never opens the verification page's details, nor the other way round.
 * - card: the enrolment app hands it to the new member (the card with name and photo);
 * - verify: printed on the card and in its QR code (the masked name and assembly seat).
 */
type Purpose = "card" | "verify";

function secret(): string {
  const s = process.env.AUTH_SECRET;
  if (!s) throw new Error("AUTH_SECRET is not set");
  return s;
}

function sign(purpose: Purpose, membershipNo: string): string {
  return createHmac("sha256", secret()).update(`${purpose}:${membershipNo}`).digest("base64url").slice(0, 22);
}

function check(purpose: Purpose, membershipNo: string, sig: string | null | undefined): boolean {
  if (!sig || typeof sig !== "string") return false;
  const expected = Buffer.from(sign(purpose, membershipNo));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function cardSignature(membershipNo: string): string {
  return sign("card", membershipNo);
}

export function verifyCardSignature(membershipNo: string, sig: string | null | undefined): boolean {
  return check("card", membershipNo, sig);
}

/** `/members/CG26-0000001/card?sig=…` (absolute when an origin is given). */
export function cardUrl(membershipNo: string, origin?: string): string {
  const path = `/members/${encodeURIComponent(membershipNo)}/card?sig=${cardSignature(membershipNo)}`;
  return origin ? new URL(path, origin).toString() : path;
}

export function verifySignature(membershipNo: string): string {
  return sign("verify", membershipNo);
}

export function checkVerifySignature(membershipNo: string, sig: string | null | undefined): boolean {
  return check("verify", membershipNo, sig);
}

/** `/verify/CG26-0000001?s=…`: the only verification link the app hands out (absolute when an origin is given). */
export function verifyUrl(membershipNo: string, origin?: string): string {
  const path = `/verify/${encodeURIComponent(membershipNo)}?s=${verifySignature(membershipNo)}`;
  return origin ? `${origin.replace(/\/+$/, "")}${path}` : path;
}
