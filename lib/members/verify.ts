import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { assemblySeats, members } from "@/db/schema";
import { Throttle } from "@/lib/auth/throttle";
import { maskName } from "./mask";
import { MEMBERSHIP_NO_PATTERN } from "./query";

export type Verification =
  | { found: true; membershipNo: string; nameMasked: string; acNo: number; acName: string; acNameHi: string | null }
  | { found: false };

/**
 * Public verification of a membership number: valid and active or not, the name partly masked and the
 * assembly seat; nothing else. Unknown, malformed and erased numbers get the same answer.
 */
export async function verifyMembership(db: DbOrTx, membershipNo: string): Promise<Verification> {
  const no = membershipNo.trim().toUpperCase();
  if (!MEMBERSHIP_NO_PATTERN.test(no) || no.length > 24) return { found: false };
  const [m] = await db
    .select({ name: members.name, erasedAt: members.erasedAt, acNo: assemblySeats.no, acName: assemblySeats.name, acNameHi: assemblySeats.nameHi })
    .from(members)
    .innerJoin(assemblySeats, eq(assemblySeats.id, members.acId))
    .where(eq(members.membershipNo, no))
    .limit(1);
  if (!m || m.erasedAt || !m.name) return { found: false };
  return { found: true, membershipNo: no, nameMasked: maskName(m.name), acNo: m.acNo, acName: m.acName, acNameHi: m.acNameHi };
}

/**
 * Per client address: enough for people scanning cards, too few to walk the number space (numbers are
 * sequential). In process memory, like the login limiter: one server; several would need a shared store.
 */
export const verifyThrottle = new Throttle(30, 60_000);

/** The client's address as the nearest proxy reports it (next start sets x-forwarded-for itself). */
export function clientAddress(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "local";
}
