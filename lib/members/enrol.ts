import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { PG, pgError } from "@/db/errors";
import { booths, idempotencyRecords, members, states } from "@/db/schema";
import type { ScopeUnit } from "@/lib/auth/viewer";
import { istDate } from "@/lib/dates";
import { maskMembershipNo } from "./mask";
import type { MemberInput } from "./validation";

/** A booth as enrolment needs it: its keys at every level, for scope checks. */
export interface BoothRef {
  id: number;
  stateId: number;
  pcId: number;
  acId: number;
  districtId: number;
  blockId: number | null;
  code: string;
}

export type EnrolOutcome =
  | { kind: "created"; memberId: number; membershipNo: string; response?: unknown }
  /** The EPIC is already a member of the state (the existing number, masked). */
  | { kind: "duplicate"; existingMasked: string }
  | { kind: "booth_unknown" }
  | { kind: "booth_forbidden" }
  /** The same Idempotency-Key with the same body: the stored answer. */
  | { kind: "replay"; status: number; response: unknown }
  /** The same Idempotency-Key with a different body. */
  | { kind: "key_reused" }
  /** A concurrent request with the same key (or EPIC) is being saved right now. */
  | { kind: "in_flight" };

export interface EnrolContext {
  stateId: number;
  channel: "app" | "book" | "import";
  enrolledByWorkerId?: number | null;
  book?: { bookNo: string; pageNo: number };
  /** Whether the caller may enrol in this booth (the token's post, the viewer's scope). */
  boothAllowed: (booth: BoothRef) => boolean | Promise<boolean>;
  idempotency?: {
    tokenId: number;
    key: string;
    requestHash: string;
    /** The answer to store and return, built from the new membership number. */
    response: (membershipNo: string) => unknown;
  };
  now?: Date;
}

export async function findBooth(db: Db, stateId: number, code: string): Promise<BoothRef | null> {
  const [b] = await db
    .select({
      id: booths.id,
      stateId: booths.stateId,
      pcId: booths.pcId,
      acId: booths.acId,
      districtId: booths.districtId,
      blockId: booths.blockId,
      code: booths.code,
    })
    .from(booths)
    .where(and(eq(booths.stateId, stateId), eq(booths.code, code)))
    .limit(1);
  return b ?? null;
}

/** Is the booth inside a user's scope unit? (Pure: the booth carries the keys of every level.) */
export function boothInScope(booth: BoothRef, scope: ScopeUnit): boolean {
  if (booth.stateId !== scope.stateId) return false;
  switch (scope.level) {
    case "state":
      return true;
    case "pc":
      return booth.pcId === scope.id;
    case "ac":
      return booth.acId === scope.id;
    case "district":
      return booth.districtId === scope.id;
  }
}

const statePrefixes = new Map<number, string>();
async function statePrefix(db: Db, stateId: number): Promise<string> {
  let code = statePrefixes.get(stateId);
  if (!code) {
    const [s] = await db.select({ code: states.code }).from(states).where(eq(states.id, stateId));
    if (!s) throw new Error(`unknown state ${stateId}`);
    code = s.code;
    statePrefixes.set(stateId, code);
  }
  return code;
}

/**
 * Saves one sign-up: the member row (its counters follow in the same statement, by trigger) and, for the
 * API, the idempotency record with the answer — one transaction, so either all of it is there or none.
 * A duplicate EPIC, an unknown or forbidden booth, a replayed or reused key write nothing.
 */
export async function enrolMember(db: Db, input: MemberInput, ctx: EnrolContext): Promise<EnrolOutcome> {
  const idem = ctx.idempotency;
  if (idem) {
    const [prior] = await db
      .select({ requestHash: idempotencyRecords.requestHash, status: idempotencyRecords.status, response: idempotencyRecords.response })
      .from(idempotencyRecords)
      .where(and(eq(idempotencyRecords.tokenId, idem.tokenId), eq(idempotencyRecords.key, idem.key)))
      .limit(1);
    if (prior) return prior.requestHash === idem.requestHash ? { kind: "replay", status: prior.status, response: prior.response } : { kind: "key_reused" };
  }
  const booth = await findBooth(db, ctx.stateId, input.boothCode);
  if (!booth) return { kind: "booth_unknown" };
  if (!(await ctx.boothAllowed(booth))) return { kind: "booth_forbidden" };

  const now = ctx.now ?? new Date();
  const prefix = `${await statePrefix(db, ctx.stateId)}${istDate(now).slice(2, 4)}-`;
  try {
    return await db.transaction(async (tx) => {
      const [created] = await queryRows<{ id: number; membership_no: string }>(
        tx,
        sql`WITH n AS (SELECT nextval(pg_get_serial_sequence('members', 'id')) AS id)
            INSERT INTO members (id, state_id, membership_no, epic, name, relative_name, gender, age, phone, address,
                                 religion, caste, caste_category, photo, booth_id, ac_id, district_id,
                                 enrolled_by_worker_id, channel, book_no, page_no, idempotency_key,
                                 consent_version, consent_lang, consent_at, created_at, enrolled_on)
            SELECT n.id, ${ctx.stateId}, ${prefix} || lpad(n.id::text, 7, '0'), ${input.epic}, ${input.name},
                   ${input.relativeName ?? null}, ${input.gender}, ${input.age}, ${input.phone}, ${input.address},
                   ${input.religion}, ${input.caste}, ${input.casteCategory},
                   ${input.photo ? Buffer.from(input.photo) : null}::bytea, ${booth.id}, ${booth.acId}, ${booth.districtId},
                   ${ctx.enrolledByWorkerId ?? null}, ${ctx.channel}, ${ctx.book?.bookNo ?? null}, ${ctx.book?.pageNo ?? null},
                   ${idem ? `${idem.tokenId}:${idem.key}` : null}, ${input.consentVersion}, ${input.consentLang ?? "hi"},
                   ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, ${istDate(now)}::date
            FROM n
            ON CONFLICT (state_id, epic) DO NOTHING
            RETURNING id::int AS id, membership_no`,
      );
      if (!created) {
        const [existing] = await tx
          .select({ no: members.membershipNo })
          .from(members)
          .where(and(eq(members.stateId, ctx.stateId), eq(members.epic, input.epic)))
          .limit(1);
        return { kind: "duplicate", existingMasked: existing ? maskMembershipNo(existing.no) : "" } as const;
      }
      let response: unknown;
      if (idem) {
        response = idem.response(created.membership_no);
        await tx.insert(idempotencyRecords).values({
          tokenId: idem.tokenId,
          key: idem.key,
          stateId: ctx.stateId,
          requestHash: idem.requestHash,
          status: 201,
          response,
        });
      }
      return { kind: "created", memberId: created.id, membershipNo: created.membership_no, response } as const;
    });
  } catch (err) {
    // Another request with the same key (or the same EPIC, racing) committed first.
    if (pgError(err)?.code === PG.uniqueViolation) return { kind: "in_flight" };
    throw err;
  }
}
