import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import { queryRows, type Db, type DbOrTx } from "@/db/client";
import { assemblySeats, members } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { clientAddress } from "@/lib/net/client-address";
import { envNumber, hit, type Limit } from "@/lib/net/limiter";
import { normaliseEpic } from "@/lib/validation/identity";
import { MEMBERSHIP_NO_PATTERN } from "@/lib/members/query";
import type { FlagDetails } from "@/lib/members/quality/detail";

/**
 * The public side of "I did not join" (issue 11, item 3), on the verification pages:
 *
 * - **Disown**: a membership number and the last four characters of the voter card (EPIC). When a member with
 *   that number exists, is neither void nor erased, and its EPIC ends with those characters, its `disowned`
 *   flag is opened (a confirmed or cleared one is reopened with a fresh date); the flag's trigger puts the
 *   member under review. Nothing is ever deleted or voided here: a reviewer decides. A mismatch, an unknown
 *   number and a match all answer the same ("if these details match…"), after the same one statement, so the
 *   form tells nobody whether a number exists or which EPIC it has.
 * - **Was I enrolled?**: a full EPIC → whether a membership exists for it, with its enrolment day and assembly
 *   seat (never the name), and the membership number so the disown form can be filled in. Void and erased
 *   members read "no membership".
 *
 * Both are counted per real client address (lib/net/client-address.ts: the socket's peer, or what a trusted
 * proxy reports, never the client's own X-Forwarded-For) in ONE bucket, `verify:disown`, separate from the
 * verification page's `verify:address`: looking up EPICs and reporting are rarer than scanning cards, so they
 * get their own, slower budget, and an attacker cannot double it by alternating the two forms.
 */

/** DISOWN_LIMIT attempts (default 30) per DISOWN_WINDOW_SECONDS (default 600) per client address, both forms together. */
export function disownLimit(): Limit {
  return { bucket: "verify:disown", limit: envNumber("DISOWN_LIMIT", 30), windowSeconds: envNumber("DISOWN_WINDOW_SECONDS", 600) };
}

/** Who the audit trail names for a disown: nobody signs in on the public page. */
export const DISOWN_ACTOR = "public:verify";

/** EPIC characters (lib/validation/identity.ts accepts letters, digits and slashes; the schema also allows '-'). */
const SUFFIX_PATTERN = /^[A-Z0-9/-]{4}$/;
/** The schema's EPIC check (members_epic_format): what "Was I enrolled?" accepts, so an old-style EPIC is found too. */
const EPIC_CHARS = /^[A-Z0-9/-]{6,24}$/;

export interface DisownInput {
  membershipNo: string;
  epicSuffix: string;
}

type FormLike = { get(name: string): FormDataEntryValue | null };
const field = (form: FormLike, name: string): string => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

/**
 * The disown form's two fields, normalised (upper case, spaces removed), or null when they are not even of the
 * right shape (a missing field, a suffix that is not four characters). A well-formed number that does not
 * exist is not refused here: it is answered like any other.
 */
export function parseDisownForm(form: FormLike): DisownInput | null {
  const membershipNo = field(form, "membershipNo").normalize("NFKC").toUpperCase().replace(/\s+/g, "");
  const epicSuffix = normaliseEpic(field(form, "epicSuffix"));
  if (membershipNo.length > 24 || !MEMBERSHIP_NO_PATTERN.test(membershipNo) || !SUFFIX_PATTERN.test(epicSuffix)) return null;
  return { membershipNo, epicSuffix };
}

/**
 * Opens (or reopens) the member's `disowned` flag when the number and the EPIC's last four characters match a
 * member that is neither void nor erased; otherwise writes nothing. One statement either way (the same
 * lookup, the same upsert that inserts zero or one row), so the answer is the same and the time close: a match
 * also writes (the flag, its trigger, the audit event and the commit's flush), which a careful observer could
 * time; the rate limit keeps such probing slow. An already open flag is left as it is (its first date stands).
 * Returns whether a flag was opened: for tests and the audit, never for the answer.
 */
export async function disownMember(db: Db, input: DisownInput, now: Date = new Date()): Promise<{ flagged: boolean }> {
  const detail: FlagDetails["disowned"] = { at: now.toISOString() };
  return db.transaction(async (tx) => {
    const rows = await queryRows<{ flag_id: number; member_id: number; state_id: number; before: { status: string; detail: unknown; decidedAt: string | null; note: string | null } | null }>(
      tx,
      sql`WITH target AS (
            SELECT m.id, m.state_id FROM members m
            WHERE m.membership_no = ${input.membershipNo} AND m.standing <> 'void' AND m.erased_at IS NULL
              AND right(m.epic, 4) = ${input.epicSuffix}
            LIMIT 1
          ), prev AS (
            SELECT f.member_id, jsonb_build_object('status', f.status, 'detail', f.detail, 'decidedAt', f.decided_at, 'note', f.decision_note) AS before
            FROM member_flags f JOIN target t ON f.member_id = t.id WHERE f.reason = 'disowned'
          ), flag AS (
            INSERT INTO member_flags (state_id, member_id, reason, status, detail)
            SELECT t.state_id, t.id, 'disowned', 'open', ${JSON.stringify(detail)}::jsonb FROM target t
            ON CONFLICT (member_id, reason) DO UPDATE SET
              status = 'open', detail = excluded.detail, updated_at = now(), decided_at = NULL, decided_by = NULL, decision_note = NULL
              WHERE member_flags.status IN ('confirmed', 'cleared')
            RETURNING id, member_id, state_id
          )
          SELECT flag.id AS flag_id, flag.member_id, flag.state_id, prev.before
          FROM flag LEFT JOIN prev ON prev.member_id = flag.member_id`,
    );
    const row = rows[0];
    if (!row) return { flagged: false };
    // The actor is anonymous: a label, no user (lib/audit/write.ts). No address or typed text is recorded.
    await writeAudit(
      tx,
      { label: DISOWN_ACTOR, stateId: Number(row.state_id) },
      {
        action: "members.disown",
        entityType: "member",
        entityId: Number(row.member_id),
        before: row.before ?? null,
        after: { membershipNo: input.membershipNo, flagId: Number(row.flag_id), reason: "disowned", status: "open", detail },
      },
    );
    return { flagged: true };
  });
}

/**
 * What the disown route answers, decided here: `thanks` (a match and a mismatch alike; the route redirects to
 * the same thank-you page), `limited` (too many attempts from this address: the route redirects to a page
 * that says so, never to the thank-you page, which would be a lie), `invalid` (the fields are missing or
 * malformed: nothing looked up, nothing counted).
 */
export type DisownOutcome = { kind: "thanks" } | { kind: "limited"; retryAfter: number } | { kind: "invalid" };

export async function disownRequest(db: Db, headers: Pick<Headers, "get">, form: FormLike, now: Date = new Date()): Promise<DisownOutcome> {
  const input = parseDisownForm(form);
  if (!input) return { kind: "invalid" };
  const limit = await hit(db, disownLimit(), clientAddress(headers));
  if (!limit.ok) return { kind: "limited", retryAfter: limit.retryAfter };
  await disownMember(db, input, now);
  return { kind: "thanks" };
}

/** What "Was I enrolled?" tells the holder of an EPIC: no name, no booth, nothing but these. */
export type Enrolment =
  | { found: true; membershipNo: string; enrolledOn: string; acNo: number; acName: string; acNameHi: string | null; epicSuffix: string }
  | { found: false };

/** The membership made with this EPIC, if one is neither void nor erased (the oldest, should a second state have one too). */
export async function findEnrolment(db: DbOrTx, rawEpic: string): Promise<Enrolment> {
  const epic = normaliseEpic(rawEpic);
  const [m] = await db
    .select({
      membershipNo: members.membershipNo,
      enrolledOn: members.enrolledOn,
      acNo: assemblySeats.no,
      acName: assemblySeats.name,
      acNameHi: assemblySeats.nameHi,
    })
    .from(members)
    .innerJoin(assemblySeats, eq(assemblySeats.id, members.acId))
    .where(and(eq(members.epic, epic), ne(members.standing, "void"), isNull(members.erasedAt)))
    .orderBy(asc(members.createdAt))
    .limit(1);
  if (!m) return { found: false };
  return { found: true, ...m, enrolledOn: String(m.enrolledOn), epicSuffix: epic.slice(-4) };
}

export type EnrolledOutcome = { kind: "result"; result: Enrolment } | { kind: "limited"; retryAfter: number } | { kind: "invalid" };

/** The "Was I enrolled?" form: an EPIC of 6–24 EPIC characters; counted against the same bucket as disown. */
export async function enrolledRequest(db: DbOrTx, headers: Pick<Headers, "get">, form: FormLike): Promise<EnrolledOutcome> {
  const epic = normaliseEpic(field(form, "epic"));
  if (!EPIC_CHARS.test(epic)) return { kind: "invalid" };
  const limit = await hit(db, disownLimit(), clientAddress(headers));
  if (!limit.ok) return { kind: "limited", retryAfter: limit.retryAfter };
  return { kind: "result", result: await findEnrolment(db, epic) };
}

/**
 * The answer travels from the POST to the result page in a short-lived, HttpOnly cookie, signed (not
 * encrypted) with an HMAC under AUTH_SECRET, so it cannot be forged or altered, the EPIC never appears in a URL
 * (history, logs, Referer) and the page works without JavaScript. The cookie holds the answer only (membership
 * number, day, seat, the EPIC's last four), never the EPIC; anyone with the same browser can read it for its
 * ten minutes, as they could read the page.
 */
export const ENROLLED_COOKIE = "sadasyata-enrolled";
export const ENROLLED_COOKIE_SECONDS = 600;

function seal(payload: string): string {
  const s = process.env.AUTH_SECRET;
  if (!s) throw new Error("AUTH_SECRET is not set");
  return createHmac("sha256", s).update(`enrolled:${payload}`).digest("base64url");
}

export function sealEnrolment(result: Enrolment, now: Date = new Date()): string {
  const payload = Buffer.from(JSON.stringify({ r: result, exp: now.getTime() + ENROLLED_COOKIE_SECONDS * 1000 })).toString("base64url");
  return `${payload}.${seal(payload)}`;
}

/** The sealed answer, or null when missing, altered or older than ENROLLED_COOKIE_SECONDS. */
export function openEnrolment(value: string | null | undefined, now: Date = new Date()): Enrolment | null {
  if (!value || value.length > 2000) return null;
  const [payload, mac] = value.split(".");
  if (!payload || !mac) return null;
  const expected = Buffer.from(seal(payload));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const { r, exp } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { r: Enrolment; exp: number };
    return typeof exp === "number" && exp > now.getTime() ? r : null;
  } catch {
    return null;
  }
}
