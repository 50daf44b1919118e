import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { assemblySeats, members } from "@/db/schema";
import { clientAddress } from "@/lib/net/client-address";
import { envNumber, hit, type Limit } from "@/lib/net/limiter";
import { checkVerifySignature } from "@/lib/members/card/url";
import { maskName } from "@/lib/validation/mask";
import { MEMBERSHIP_NO_PATTERN } from "@/lib/members/query";

export interface VerifiedDetail {
  nameMasked: string;
  acNo: number;
  acName: string;
  acNameHi: string | null;
}

export type Verification =
  /** `detail` only with the card's signed link; a bare number learns that it is valid, nothing more. */
  | { found: true; membershipNo: string; detail: VerifiedDetail | null }
  /** The number was a membership, voided after review (issue 11): "not valid", never "valid" nor "not found". */
  | { found: true; notValid: true; membershipNo: string; detail: null }
  | { found: false };

const notValid = (membershipNo: string): Verification => ({ found: true, notValid: true, membershipNo, detail: null });

/**
 * Public verification of a membership number. A bare number (no signature, or a wrong one) answers only
 * "valid" or "not found": numbers are sequential, so anything more would let a visitor walk the whole book of
 * names and seats. The card's QR link carries a signature (url.ts) and adds the partly masked name and
 * the assembly seat. Unknown, malformed and erased-on-request numbers get the same "not found"; a member voided
 * after review (standing 'void', erased too) reads "not valid", with or without the signature.
 */
export async function verifyMembership(db: DbOrTx, membershipNo: string, sig?: string | null): Promise<Verification> {
  const no = membershipNo.trim().toUpperCase();
  if (!MEMBERSHIP_NO_PATTERN.test(no) || no.length > 24) return { found: false };
  const signed = checkVerifySignature(no, sig);
  if (!signed) {
    const [m] = await db
      .select({ erasedAt: members.erasedAt, name: members.name, standing: members.standing })
      .from(members)
      .where(eq(members.membershipNo, no))
      .limit(1);
    if (m?.standing === "void") return notValid(no);
    return !m || m.erasedAt || !m.name ? { found: false } : { found: true, membershipNo: no, detail: null };
  }
  const [m] = await db
    .select({
      name: members.name,
      erasedAt: members.erasedAt,
      standing: members.standing,
      acNo: assemblySeats.no,
      acName: assemblySeats.name,
      acNameHi: assemblySeats.nameHi,
    })
    .from(members)
    .innerJoin(assemblySeats, eq(assemblySeats.id, members.acId))
    .where(eq(members.membershipNo, no))
    .limit(1);
  if (m?.standing === "void") return notValid(no);
  if (!m || m.erasedAt || !m.name) return { found: false };
  return { found: true, membershipNo: no, detail: { nameMasked: maskName(m.name), acNo: m.acNo, acName: m.acName, acNameHi: m.acNameHi } };
}

/**
 * Per client address (the socket's peer, or what a trusted proxy reports; never a client's own
 * X-Forwarded-For): enough for people scanning cards, too few to walk the number space. Counted in PostgreSQL,
 * so every server process shares it. VERIFY_LIMIT and VERIFY_WINDOW_SECONDS override the defaults.
 */
export function verifyLimit(): Limit {
  return { bucket: "verify:address", limit: envNumber("VERIFY_LIMIT", 30), windowSeconds: envNumber("VERIFY_WINDOW_SECONDS", 60) };
}

export type VerifyAnswer = Verification | { limited: true; retryAfter: number };

/** One visit to the verification page: counted against the client's address first; a refused visit looks nothing up. */
export async function verifyVisit(db: DbOrTx, headers: Pick<Headers, "get">, membershipNo: string, sig?: string | null): Promise<VerifyAnswer> {
  const limit = await hit(db, verifyLimit(), clientAddress(headers));
  if (!limit.ok) return { limited: true, retryAfter: limit.retryAfter };
  return verifyMembership(db, membershipNo, sig);
}
