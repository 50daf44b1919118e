import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Db, type Tx } from "@/db/client";
import { PG, pgError } from "@/db/errors";
import { booths, members, states } from "@/db/schema";
import { istDate } from "@/lib/dates";
import { maskMembershipNo } from "@/lib/validation/mask";
import { namedRows, type NamedQuery } from "@/db/named-query";
import type { MemberInput } from "@/lib/members/enrol/validation";

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
  /**
   * Runs inside the insert's transaction once the member exists (e.g. the book form's audit event), so the
   * member and what records it commit together.
   */
  onCreated?: (tx: Tx, created: { memberId: number; membershipNo: string }) => Promise<void>;
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

/** What a sign-up needs to know before writing: the stored answer for its key, its booth, a new member id. */
export interface EnrolmentQuery {
  stateId: number;
  boothCode: string;
  tokenId: number | null;
  key: string | null;
}
export interface EnrolmentFacts {
  prior_hash: string | null;
  prior_status: number | null;
  prior_response: unknown;
  id: number | null;
  state_id: number;
  pc_id: number;
  ac_id: number;
  district_id: number;
  block_id: number | null;
  code: string;
  next_id: string | null;
}

const ENROLMENT_FACTS: NamedQuery = {
  name: "members_enrolment_facts",
  text: `SELECT p.request_hash AS prior_hash, p.status AS prior_status, p.response AS prior_response,
           b.id, b.state_id, b.pc_id, b.ac_id, b.district_id, b.block_id, b.code,
           CASE WHEN p.request_hash IS NULL AND b.id IS NOT NULL
                THEN nextval(pg_get_serial_sequence('members', 'id'))::text END AS next_id
    FROM unnest($1::smallint[], $2::text[], $3::int[], $4::text[]) WITH ORDINALITY AS v(state_id, code, token_id, key, ord)
    LEFT JOIN booths b ON b.state_id = v.state_id AND b.code = v.code
    LEFT JOIN idempotency_records p ON p.token_id = v.token_id AND p.key = v.key
    ORDER BY v.ord`,
};

/**
 * The facts for many sign-ups in one query (the API coalesces concurrent requests into it). A member id is
 * taken only when there is no stored answer and the booth exists.
 */
export async function readEnrolmentFacts(db: Db, qs: EnrolmentQuery[]): Promise<EnrolmentFacts[]> {
  return namedRows<EnrolmentFacts>(db, ENROLMENT_FACTS, [
    qs.map((q) => q.stateId),
    qs.map((q) => q.boothCode),
    qs.map((q) => q.tokenId),
    qs.map((q) => q.key),
  ]);
}

/** A sign-up that passed every check and has its member id and number: what is left is to write it. */
export interface PreparedEnrolment {
  kind: "prepared";
  id: string;
  membershipNo: string;
  booth: BoothRef;
  input: MemberInput;
  ctx: EnrolContext;
  now: Date;
  /** The idempotency answer to store (API only). */
  response: unknown;
}

/**
 * Saves one sign-up: the member row (its counters follow in the same statement, by trigger) and, for the
 * API, the idempotency record with the answer — one statement, so either all of it is there or none.
 * A duplicate EPIC, an unknown or forbidden booth, a replayed or reused key write nothing.
 *
 * Three round trips at most, because the API must sustain hundreds of sign-ups a second on two cores: one
 * read (the prior answer for the key, the booth, and the next member id — taken only when there is no prior
 * answer and the booth exists), then one INSERT that writes the member and its idempotency record together.
 */
export async function enrolMember(db: Db, input: MemberInput, ctx: EnrolContext): Promise<EnrolOutcome> {
  const prepared = await prepareEnrolment(db, input, ctx);
  return prepared.kind === "prepared" ? insertEnrolment(db, prepared) : prepared;
}

/**
 * The read half of a sign-up: the stored answer for a repeated key, the booth and whether the caller may
 * enrol there, and the new member's id and number. No write happens here (a sequence value may be used up).
 */
export async function prepareEnrolment(
  db: Db,
  input: MemberInput,
  ctx: EnrolContext,
  read: (q: EnrolmentQuery) => Promise<EnrolmentFacts | undefined> = async (q) => (await readEnrolmentFacts(db, [q]))[0],
): Promise<PreparedEnrolment | Exclude<EnrolOutcome, { kind: "created" }>> {
  const idem = ctx.idempotency;
  const found = await read({ stateId: ctx.stateId, boothCode: input.boothCode, tokenId: idem?.tokenId ?? null, key: idem?.key ?? null });
  if (idem && found?.prior_hash) {
    return found.prior_hash === idem.requestHash
      ? { kind: "replay", status: Number(found.prior_status), response: found.prior_response }
      : { kind: "key_reused" };
  }
  if (!found || found.id === null || found.next_id === null) return { kind: "booth_unknown" };
  const booth: BoothRef = {
    id: found.id,
    stateId: found.state_id,
    pcId: found.pc_id,
    acId: found.ac_id,
    districtId: found.district_id,
    blockId: found.block_id,
    code: found.code,
  };
  if (!(await ctx.boothAllowed(booth))) return { kind: "booth_forbidden" };
  const now = ctx.now ?? new Date();
  const id = found.next_id;
  const membershipNo = `${await statePrefix(db, ctx.stateId)}${istDate(now).slice(2, 4)}-${id.padStart(7, "0")}`;
  return { kind: "prepared", id, membershipNo, booth, input, ctx, now, response: idem ? idem.response(membershipNo) : undefined };
}

/** The write half: the member and its idempotency record in one statement (or one transaction with onCreated). */
export async function insertEnrolment(db: Db, p: PreparedEnrolment): Promise<EnrolOutcome> {
  const { id, membershipNo, booth, input, ctx, now, response } = p;
  const idem = ctx.idempotency;
  const recordIdempotency = idem
    ? sql`, i AS (INSERT INTO idempotency_records (token_id, key, state_id, request_hash, status, response)
                  SELECT ${idem.tokenId}, ${idem.key}, ${ctx.stateId}, ${idem.requestHash}, 201, ${JSON.stringify(response)}::jsonb FROM m)`
    : sql``;
  const insert = (q: Db | Tx) =>
    queryRows<{ id: number; membership_no: string }>(
      q,
      sql`WITH m AS (
            INSERT INTO members (id, state_id, membership_no, epic, name, relative_name, gender, age, phone, address,
                                 religion, caste, caste_category, photo, booth_id, ac_id, district_id,
                                 enrolled_by_worker_id, api_token_id, channel, book_no, page_no, idempotency_key,
                                 consent_version, consent_lang, consent_at, created_at, enrolled_on)
            VALUES (${id}::bigint, ${ctx.stateId}, ${membershipNo}, ${input.epic}, ${input.name},
                    ${input.relativeName ?? null}, ${input.gender}, ${input.age}, ${input.phone}, ${input.address},
                    ${input.religion}, ${input.caste}, ${input.casteCategory},
                    ${input.photo ? Buffer.from(input.photo) : null}::bytea, ${booth.id}, ${booth.acId}, ${booth.districtId},
                    ${ctx.enrolledByWorkerId ?? null}, ${idem?.tokenId ?? null}, ${ctx.channel}, ${ctx.book?.bookNo ?? null}, ${ctx.book?.pageNo ?? null},
                    ${idem ? `${idem.tokenId}:${idem.key}` : null}, ${input.consentVersion}, ${input.consentLang ?? "hi"},
                    ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, ${istDate(now)}::date)
            ON CONFLICT (state_id, epic) DO NOTHING
            RETURNING id::int AS id, membership_no)
          ${recordIdempotency}
          SELECT id, membership_no FROM m`,
    );
  try {
    // One statement is its own transaction; a caller that records more (onCreated) gets an explicit one.
    const onCreated = ctx.onCreated;
    const [created] = onCreated
      ? await db.transaction(async (tx) => {
          const rows = await insert(tx);
          if (rows[0]) await onCreated(tx, { memberId: rows[0].id, membershipNo: rows[0].membership_no });
          return rows;
        })
      : await insert(db);
    if (!created) {
      const [existing] = await db
        .select({ no: members.membershipNo })
        .from(members)
        .where(and(eq(members.stateId, ctx.stateId), eq(members.epic, input.epic)))
        .limit(1);
      return { kind: "duplicate", existingMasked: existing ? maskMembershipNo(existing.no) : "" };
    }
    return { kind: "created", memberId: created.id, membershipNo: created.membership_no, response };
  } catch (err) {
    // Another request with the same key (or the same EPIC, racing) committed first.
    if (pgError(err)?.code === PG.uniqueViolation) return { kind: "in_flight" };
    throw err;
  }
}
