import { sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";
import type { FlagReason } from "@/db/schema";
import { epicPattern } from "@/lib/members/quality/epic-pattern";
import { nameKey } from "@/lib/members/quality/name-key";
import { photoHash } from "@/lib/members/quality/photo-hash";
import { loadThresholds, type Thresholds } from "@/lib/members/quality/settings";
import { maskEpic } from "@/lib/validation/mask";

/**
 * The quality signals (issue 11): each finds doubtful sign-ups and records an explainable flag per member and
 * reason (member_flags: detail as in detail.ts). They run for a batch of new members (the quality job, from
 * the queue the members trigger fills) or for everyone (`npm run quality:scan`). A batch looks at the groups
 * its members belong to (that phone, that name key, that photo, that token's recent sign-ups) so that earlier
 * members of a group are flagged the moment the group crosses its threshold, with bounded work per member (each
 * signal says how); the full scan computes every group in one set-based pass per signal.
 *
 * A flag is never deleted and never reopened once a reviewer decided it (confirmed, voided); a full scan marks
 * open flags whose signal no longer holds `cleared` (after a threshold was raised), and a later scan may reopen
 * a cleared flag. `disowned` is written only by the person (lib/members/quality/disown.ts).
 *
 * - shared_phone: more than `sharedPhoneLimit` members (not void) of one state share one phone.
 * - near_duplicate: another member in the same assembly seat with the same name key (name-key.ts: name and
 *   relative's name after case, spacing, matra and Devanagari/Latin normalisation) and an age within ±2.
 * - photo_reuse: another member's photo hash (photo-hash.ts: a difference hash of the decoded image) within
 *   `photoDistance` bits. Candidates are found by an equal 16-bit band of the hash (four indexed bands).
 * - burst: one enrolment-app token signed up more than `burstLimit` members within any `burstMinutes`
 *   minutes; every member inside such a window is flagged, and overlapping windows form one burst.
 * - epic_pattern: the EPIC passed the format check but fails a stricter documented rule (epic-pattern.ts).
 */

/** Which members a run looks at: a batch (and every group its members are in), or everyone. */
export type Subject = { ids: number[] } | "all";

export interface SignalCounts {
  /** Flags written or refreshed, per reason. */
  flagged: Partial<Record<FlagReason, number>>;
  /** Open flags marked cleared (full scans only). */
  cleared: Partial<Record<FlagReason, number>>;
}

const inSubject = (subject: Subject, column: SQL) =>
  subject === "all" ? sql`TRUE` : sql`${column} = ANY(${sql.param(subject.ids)}::bigint[])`;

const utc = (col: SQL) => sql`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/**
 * Writes the flags `candidates` (a query giving member_id, detail) for one reason and state.
 * - A batch ("refresh" false) only adds: a member that already has this flag keeps it as it is (a cleared
 *   one is reopened), so a group that keeps growing — one phone on thousands of sign-ups — costs each batch
 *   its own members, not a rewrite of every earlier flag. The detail then says what held when it was written.
 * - A full scan ("refresh" true) also brings every detail up to date, and marks the state's open flags of
 *   this reason that are not candidates `cleared`.
 */
async function writeFlags(
  db: DbOrTx,
  reason: FlagReason,
  stateId: number,
  candidates: SQL,
  refresh: boolean,
): Promise<{ flagged: number; cleared: number }> {
  const onConflict = refresh
    ? sql`DO UPDATE SET detail = EXCLUDED.detail, updated_at = now(), status = CASE WHEN f.status = 'cleared' THEN 'open' ELSE f.status END
          WHERE f.detail IS DISTINCT FROM EXCLUDED.detail OR f.status = 'cleared'`
    : sql`DO UPDATE SET detail = EXCLUDED.detail, updated_at = now(), status = 'open' WHERE f.status = 'cleared'`;
  const [written] = await queryRows<{ n: number }>(db, sql`
    WITH candidates AS (${candidates}),
    written AS (
      INSERT INTO member_flags AS f (state_id, member_id, reason, detail)
      SELECT DISTINCT ON (member_id) ${stateId}::smallint, member_id, ${reason}::text, detail FROM candidates ORDER BY member_id
      ON CONFLICT (member_id, reason) ${onConflict}
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM written`);
  let cleared = 0;
  if (refresh) {
    // A separate statement: the candidates are computed again, but the flags' triggers see one change each.
    // Computed once (MATERIALIZED) and looked up in a hash (NOT IN over a non-null column is a hashed subplan):
    // right after the first statement wrote thousands of flags the planner's statistics still say "one open
    // flag", and an inlined NOT EXISTS became a nested loop that ran the whole candidates query once per open
    // flag (measured: a 20 lakh scan with 6,500 burst flags ran for minutes instead of seconds).
    const [c] = await queryRows<{ n: number }>(db, sql`
      WITH candidates AS MATERIALIZED (${candidates}),
      cleared AS (
        UPDATE member_flags f SET status = 'cleared', updated_at = now()
        WHERE f.state_id = ${stateId}::smallint AND f.reason = ${reason}::text AND f.status = 'open'
          AND f.member_id NOT IN (SELECT c.member_id FROM candidates c WHERE c.member_id IS NOT NULL)
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM cleared`);
    cleared = Number(c?.n ?? 0);
  }
  return { flagged: Number(written?.n ?? 0), cleared };
}

/** Up to three membership numbers of `nos` other than `self`, as a jsonb array. */
const othersOf = (nos: SQL, self: SQL) =>
  sql`coalesce((SELECT jsonb_agg(o) FROM (SELECT o FROM unnest(${nos}) AS o WHERE o <> ${self} LIMIT 3) z), '[]'::jsonb)`;

/** The state's members (not void) on one phone, for a correlated subquery on `phone`. */
const onPhone = (stateId: number, phone: SQL) =>
  sql`FROM members m2 WHERE m2.state_id = ${stateId}::smallint AND m2.phone = ${phone} AND m2.standing <> 'void'`;

/**
 * Members on a phone shared by more than the limit. A full scan flags every member of such a phone. A batch
 * flags its own members on such phones, and every member of a phone that crosses the limit with this batch:
 * one with at most `limit` members before the batch's first on it (members are queued and taken in id order,
 * so those are the ones already looked at; they were not flagged while the phone was under the limit). The
 * counts use the (state, phone, id) index and stop early, so a phone on lakhs of sign-ups costs a batch its own
 * members and one count.
 */
function sharedPhone(subject: Subject, stateId: number, t: Thresholds): SQL {
  const limit = sql`${t.sharedPhoneLimit}::int`;
  // The phone masked in SQL exactly as maskPhone (lib/validation/mask.ts) does: 98•••••210.
  const detail = sql`jsonb_build_object('phone', left(q.phone, 2) || repeat('•', length(q.phone) - 5) || right(q.phone, 3),
                              'count', q.n, 'others', ${othersOf(sql`q.nos`, sql`m.membership_no`)})`;
  const firsts = sql`ARRAY(SELECT m2.membership_no ${onPhone(stateId, sql`g.phone`)} ORDER BY m2.id LIMIT 4)`;
  if (subject === "all") {
    return sql`
      WITH g AS (
        SELECT phone, count(*)::int AS n FROM members
        WHERE state_id = ${stateId}::smallint AND phone IS NOT NULL AND standing <> 'void'
        GROUP BY phone HAVING count(*) > ${limit}
      ),
      q AS (SELECT g.*, ${firsts} AS nos FROM g)
      SELECT m.id AS member_id, ${detail} AS detail
      FROM q JOIN members m ON m.state_id = ${stateId}::smallint AND m.phone = q.phone AND m.standing <> 'void'`;
  }
  const ids = sql`${sql.param(subject.ids)}::bigint[]`;
  return sql`
    WITH b AS (
      SELECT m.id, m.phone, m.membership_no FROM members m
      WHERE m.id = ANY(${ids}) AND m.state_id = ${stateId}::smallint AND m.phone IS NOT NULL AND m.standing <> 'void'
    ),
    g AS (
      SELECT k.phone,
             (SELECT count(*) ${onPhone(stateId, sql`k.phone`)})::int AS n,
             (SELECT count(*) FROM (SELECT 1 ${onPhone(stateId, sql`k.phone`)} AND m2.id < k.first AND m2.id <> ALL(${ids})
                                    LIMIT ${t.sharedPhoneLimit + 1}) z)::int AS before
      FROM (SELECT phone, min(id) AS first FROM b GROUP BY phone) k
    ),
    q AS (SELECT g.*, ${firsts} AS nos FROM g WHERE g.n > ${limit})
    SELECT m.id AS member_id, ${detail} AS detail FROM q JOIN b m ON m.phone = q.phone
    UNION ALL
    SELECT m.id AS member_id, ${detail} AS detail
    FROM q JOIN members m ON m.state_id = ${stateId}::smallint AND m.phone = q.phone AND m.standing <> 'void'
    WHERE q.before <= ${limit} AND m.id <> ALL(${ids})`;
}

/** How many matches a batch member looks at, at most: enough for the count and the numbers a flag shows. */
const MATCHES_PER_MEMBER = 1_000;

/**
 * Pairs of one seat with the same name key and ages within ±2 (a key whose name part is empty — a name of
 * punctuation or of another script — matches nothing). A full scan pairs each key group in one join. A batch
 * looks up each of its members' matches (at most MATCHES_PER_MEMBER, newest first, by the (seat, key, age)
 * index) and flags the member and the matches that had no such flag yet — so one name repeated thousands of
 * times in a seat costs a batch a bounded amount per member, not the group squared.
 */
function nearDuplicate(subject: Subject, stateId: number): SQL {
  const live = (alias: string) => sql.raw(`${alias}.standing <> 'void' AND ${alias}.erased_at IS NULL`);
  if (subject === "all") {
    return sql`
      WITH g AS (
        SELECT f.member_id, f.ac_id, f.name_key, f.age, m.membership_no
        FROM member_fingerprints f JOIN members m ON m.id = f.member_id AND ${live("m")}
        WHERE f.state_id = ${stateId}::smallint AND f.name_key NOT LIKE '|%'
      ),
      pairs AS (
        SELECT a.member_id AS id, b.member_id AS other, b.membership_no AS other_no
        FROM g a JOIN g b ON b.ac_id = a.ac_id AND b.name_key = a.name_key AND b.member_id <> a.member_id AND abs(b.age - a.age) <= 2
      )
      SELECT id AS member_id,
             jsonb_build_object('count', count(*) + 1, 'others', to_jsonb((array_agg(other_no ORDER BY other))[1:3])) AS detail
      FROM pairs GROUP BY id`;
  }
  const ids = sql`${sql.param(subject.ids)}::bigint[]`;
  return sql`
    WITH a AS (
      SELECT f.member_id, f.ac_id, f.name_key, f.age, m.membership_no
      FROM member_fingerprints f JOIN members m ON m.id = f.member_id AND ${live("m")}
      WHERE f.member_id = ANY(${ids}) AND f.state_id = ${stateId}::smallint AND f.name_key NOT LIKE '|%'
    ),
    pairs AS (
      SELECT a.member_id AS id, a.membership_no AS own_no, x.member_id AS other, x.membership_no AS other_no
      FROM a CROSS JOIN LATERAL (
        SELECT b.member_id, mb.membership_no FROM member_fingerprints b JOIN members mb ON mb.id = b.member_id AND ${live("mb")}
        WHERE b.ac_id = a.ac_id AND b.name_key = a.name_key AND b.age BETWEEN a.age - 2 AND a.age + 2 AND b.member_id <> a.member_id
        ORDER BY b.member_id DESC LIMIT ${MATCHES_PER_MEMBER}
      ) x
    )
    SELECT id AS member_id,
           jsonb_build_object('count', count(*) + 1, 'others', to_jsonb((array_agg(other_no ORDER BY other))[1:3])) AS detail
    FROM pairs GROUP BY id
    UNION ALL
    SELECT other AS member_id,
           jsonb_build_object('count', count(*) + 1, 'others', to_jsonb((array_agg(own_no ORDER BY id))[1:3])) AS detail
    FROM pairs p
    WHERE p.other <> ALL(${ids})
      AND NOT EXISTS (SELECT 1 FROM member_flags fl WHERE fl.member_id = p.other AND fl.reason = 'near_duplicate')
    GROUP BY other`;
}

/**
 * A photo hash with detail: a blank or flat image (no pixel brighter than its right neighbour, or nearly)
 * hashes to (almost) all zeros or ones, and such photos would all "match" each other.
 */
const DETAILED = (c: string) => sql.raw(`bit_count(${c}.photo_hash::bit(64)) BETWEEN 3 AND 61`);

/**
 * Photos within the distance, found by an equal 16-bit band of the hash (four indexed bands) and then the
 * exact distance; at most MATCHES_PER_MEMBER per band for each member looked at. Both sides of a match are
 * flagged, as for near-duplicates.
 */
function photoReuse(subject: Subject, stateId: number, t: Thresholds): SQL {
  const band = (shift: number, c: string) => sql.raw(shift === 0 ? `(${c}.photo_hash & 65535)` : `((${c}.photo_hash >> ${shift}) & 65535)`);
  const joins = [48, 32, 16, 0].map(
    (shift) => sql`
      SELECT a.member_id AS id, x.member_id AS other, x.d
      FROM a CROSS JOIN LATERAL (
        SELECT b.member_id, bit_count((a.photo_hash # b.photo_hash)::bit(64))::int AS d FROM member_fingerprints b
        WHERE ${band(shift, "b")} = ${band(shift, "a")} AND b.photo_hash IS NOT NULL AND b.state_id = ${stateId}::smallint
          AND b.member_id <> a.member_id AND bit_count((a.photo_hash # b.photo_hash)::bit(64)) <= ${t.photoDistance}::int
          AND ${DETAILED("b")}
        ORDER BY b.member_id DESC LIMIT ${MATCHES_PER_MEMBER}
      ) x`,
  );
  const ids = subject === "all" ? null : sql`${sql.param(subject.ids)}::bigint[]`;
  return sql`
    WITH a AS (
      SELECT member_id, photo_hash FROM member_fingerprints f
      WHERE f.state_id = ${stateId}::smallint AND f.photo_hash IS NOT NULL AND ${DETAILED("f")}
        AND ${ids ? sql`f.member_id = ANY(${ids})` : sql`TRUE`}
    ),
    near AS (${sql.join(joins, sql` UNION `)}),
    pairs AS (
      SELECT near.*, ma.membership_no AS own_no, mb.membership_no AS other_no FROM near
      JOIN members ma ON ma.id = near.id AND ma.standing <> 'void' AND ma.erased_at IS NULL
      JOIN members mb ON mb.id = near.other AND mb.standing <> 'void' AND mb.erased_at IS NULL
    )
    SELECT id AS member_id,
           jsonb_build_object('count', count(*) + 1, 'distance', min(d), 'others', to_jsonb((array_agg(other_no ORDER BY other))[1:3])) AS detail
    FROM pairs GROUP BY id
    ${
      ids
        ? sql`UNION ALL
    SELECT other AS member_id,
           jsonb_build_object('count', count(*) + 1, 'distance', min(d), 'others', to_jsonb((array_agg(own_no ORDER BY id))[1:3])) AS detail
    FROM pairs p
    WHERE p.other <> ALL(${ids})
      AND NOT EXISTS (SELECT 1 FROM member_flags fl WHERE fl.member_id = p.other AND fl.reason = 'photo_reuse')
    GROUP BY other`
        : sql``
    }`;
}

/**
 * Sign-ups of one token inside a window of `burstMinutes` that holds more than `burstLimit`. A batch looks at
 * its tokens' sign-ups within two windows of its own (all a window touching them can hold), so the cost
 * follows the batch, not the token's whole history.
 */
function burst(subject: Subject, stateId: number, t: Thresholds): SQL {
  const minutes = sql.raw(`interval '${Math.trunc(t.burstMinutes)} minutes'`);
  const toks =
    subject === "all"
      ? sql`SELECT DISTINCT api_token_id, '-infinity'::timestamptz AS lo, 'infinity'::timestamptz AS hi FROM members m
            WHERE m.state_id = ${stateId}::smallint AND m.api_token_id IS NOT NULL`
      : sql`SELECT api_token_id, min(created_at) - 2 * ${minutes} AS lo, max(created_at) + 2 * ${minutes} AS hi FROM members m
            WHERE m.state_id = ${stateId}::smallint AND m.api_token_id IS NOT NULL AND ${inSubject(subject, sql`m.id`)}
            GROUP BY api_token_id`;
  return sql`
    WITH toks AS (${toks}),
    tm AS (
      SELECT m.id, m.api_token_id, m.created_at, toks.lo, toks.hi FROM members m JOIN toks USING (api_token_id)
      WHERE m.state_id = ${stateId}::smallint AND m.standing <> 'void' AND m.created_at BETWEEN toks.lo AND toks.hi
    ),
    -- How many sign-ups the window starting at each one holds, then the best window that contains each one.
    fwd AS (
      SELECT tm.*, count(*) OVER (PARTITION BY api_token_id ORDER BY created_at RANGE BETWEEN CURRENT ROW AND ${minutes} FOLLOWING) AS fc
      FROM tm
    ),
    best AS (
      SELECT fwd.*, max(fc) OVER (PARTITION BY api_token_id ORDER BY created_at RANGE BETWEEN ${minutes} PRECEDING AND CURRENT ROW) AS best
      FROM fwd
    ),
    -- At the edges of a batch's range a window is cut short: only sign-ups a whole window away from both edges count.
    hot AS (
      SELECT id, api_token_id, created_at FROM best
      WHERE best > ${t.burstLimit}::int AND created_at >= lo + ${minutes} AND created_at <= hi - ${minutes}
    ),
    -- Overlapping windows are one burst: a new burst starts after a gap longer than the window.
    brk AS (
      SELECT hot.*, CASE WHEN created_at - lag(created_at) OVER (PARTITION BY api_token_id ORDER BY created_at, id) <= ${minutes}
                         THEN 0 ELSE 1 END AS b
      FROM hot
    ),
    isl AS (SELECT brk.*, sum(b) OVER (PARTITION BY api_token_id ORDER BY created_at, id ROWS UNBOUNDED PRECEDING) AS g FROM brk),
    agg AS (SELECT api_token_id, g, count(*)::int AS n, min(created_at) AS f, max(created_at) AS l FROM isl GROUP BY api_token_id, g)
    SELECT isl.id AS member_id,
           jsonb_build_object('count', agg.n, 'limit', ${t.burstLimit}::int, 'minutes', ${t.burstMinutes}::int, 'token', tok.token_prefix,
                              'from', ${utc(sql`agg.f`)}, 'to', ${utc(sql`agg.l`)}) AS detail
    FROM isl JOIN agg USING (api_token_id, g) JOIN api_tokens tok ON tok.id = isl.api_token_id`;
}

interface MemberRow {
  id: string;
  state_id: number;
  ac_id: number;
  name: string;
  relative_name: string | null;
  age: number;
  epic: string;
  photo: Uint8Array | null;
}

/**
 * The per-member half: fingerprints (name key, photo hash) and the EPIC rule, for the given members (not void,
 * not erased). Returns how many EPIC flags were written and cleared.
 */
async function fingerprintAndEpic(db: DbOrTx, rows: MemberRow[]): Promise<{ flagged: number; cleared: number }> {
  if (rows.length === 0) return { flagged: 0, cleared: 0 };
  const hashes = await Promise.all(rows.map((r) => (r.photo && r.photo.length > 0 ? photoHash(r.photo) : Promise.resolve(null))));
  const ids = rows.map((r) => r.id);
  await db.execute(sql`
    INSERT INTO member_fingerprints AS f (member_id, state_id, ac_id, name_key, age, photo_hash)
    SELECT * FROM unnest(${sql.param(ids)}::bigint[], ${sql.param(rows.map((r) => r.state_id))}::smallint[],
                         ${sql.param(rows.map((r) => r.ac_id))}::int[], ${sql.param(rows.map((r) => nameKey(r.name, r.relative_name)))}::text[],
                         ${sql.param(rows.map((r) => r.age))}::smallint[], ${sql.param(hashes.map((h) => (h === null ? null : h.toString())))}::bigint[])
    ORDER BY 1
    ON CONFLICT (member_id) DO UPDATE SET
      ac_id = EXCLUDED.ac_id, name_key = EXCLUDED.name_key, age = EXCLUDED.age, photo_hash = EXCLUDED.photo_hash
    WHERE (f.ac_id, f.name_key, f.age, f.photo_hash) IS DISTINCT FROM (EXCLUDED.ac_id, EXCLUDED.name_key, EXCLUDED.age, EXCLUDED.photo_hash)`);
  const failing = rows.flatMap((r) => {
    const result = epicPattern(r.epic);
    return result ? [{ id: r.id, stateId: r.state_id, detail: JSON.stringify({ rule: result.rule, epic: maskEpic(r.epic) }) }] : [];
  });
  const [written] = await queryRows<{ flagged: number; cleared: number }>(db, sql`
    WITH c AS (
      SELECT * FROM unnest(${sql.param(failing.map((f) => f.id))}::bigint[], ${sql.param(failing.map((f) => f.stateId))}::smallint[],
                           ${sql.param(failing.map((f) => f.detail))}::text[]) AS c(member_id, state_id, detail)
    ),
    written AS (
      INSERT INTO member_flags AS f (state_id, member_id, reason, detail)
      SELECT state_id, member_id, 'epic_pattern', detail::jsonb FROM c ORDER BY member_id
      ON CONFLICT (member_id, reason) DO UPDATE SET
        detail = EXCLUDED.detail, updated_at = now(), status = CASE WHEN f.status = 'cleared' THEN 'open' ELSE f.status END
      WHERE f.detail IS DISTINCT FROM EXCLUDED.detail OR f.status = 'cleared'
      RETURNING 1
    ),
    cleared AS (
      UPDATE member_flags f SET status = 'cleared', updated_at = now()
      WHERE f.reason = 'epic_pattern' AND f.status = 'open' AND f.member_id = ANY(${sql.param(ids)}::bigint[])
        AND f.member_id NOT IN (SELECT member_id FROM c)
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM written)::int AS flagged, (SELECT count(*) FROM cleared)::int AS cleared`);
  return { flagged: Number(written?.flagged ?? 0), cleared: Number(written?.cleared ?? 0) };
}

const MEMBER_COLUMNS = sql`id::text AS id, state_id, ac_id, name, relative_name, age, epic, photo`;
const LIVE = sql`standing <> 'void' AND erased_at IS NULL`;

/** Fingerprints and EPIC flags for members with `after` < id ≤ `upTo`, up to `limit` of them; returns the last id. */
export async function fingerprintRange(
  db: DbOrTx,
  after: number,
  limit: number,
  upTo: number = Number.MAX_SAFE_INTEGER,
): Promise<{ last: number | null; rows: number; epic: { flagged: number; cleared: number } }> {
  const rows = await queryRows<MemberRow>(db, sql`SELECT ${MEMBER_COLUMNS} FROM members
    WHERE members.id > ${after} AND members.id <= ${upTo} AND ${LIVE} ORDER BY members.id LIMIT ${limit}`);
  const epic = await fingerprintAndEpic(db, rows);
  return { last: rows.length ? Number(rows[rows.length - 1]!.id) : null, rows: rows.length, epic };
}

/** The group signals (phone, name, photo, burst) for one state. With "all", open flags that no longer hold are cleared. */
export async function groupSignals(db: DbOrTx, subject: Subject, stateId: number, t: Thresholds): Promise<SignalCounts> {
  const counts: SignalCounts = { flagged: {}, cleared: {} };
  const refresh = subject === "all";
  const run = async (reason: FlagReason, candidates: SQL) => {
    const r = await writeFlags(db, reason, stateId, candidates, refresh);
    counts.flagged[reason] = r.flagged;
    if (refresh) counts.cleared[reason] = r.cleared;
  };
  await run("shared_phone", sharedPhone(subject, stateId, t));
  await run("near_duplicate", nearDuplicate(subject, stateId));
  await run("photo_reuse", photoReuse(subject, stateId, t));
  await run("burst", burst(subject, stateId, t));
  return counts;
}

/**
 * Every signal for a batch of members (the quality job): their fingerprints and EPIC rule, then each group
 * signal for every group they belong to. Run it in the transaction that takes the batch off the queue.
 */
export async function signalsForMembers(db: DbOrTx, ids: number[], thresholds?: Map<number, Thresholds>): Promise<SignalCounts> {
  const counts: SignalCounts = { flagged: {}, cleared: {} };
  if (ids.length === 0) return counts;
  const rows = await queryRows<MemberRow>(db, sql`SELECT ${MEMBER_COLUMNS} FROM members WHERE members.id = ANY(${sql.param(ids)}::bigint[]) AND ${LIVE} ORDER BY members.id`);
  const epic = await fingerprintAndEpic(db, rows);
  counts.flagged.epic_pattern = epic.flagged;
  const settings = thresholds ?? (await loadThresholds(db));
  for (const stateId of new Set(rows.map((r) => Number(r.state_id)))) {
    const t = settings.get(stateId);
    if (!t) continue;
    const live = rows.filter((r) => Number(r.state_id) === stateId).map((r) => Number(r.id));
    const c = await groupSignals(db, { ids: live }, stateId, t);
    for (const [k, v] of Object.entries(c.flagged)) counts.flagged[k as FlagReason] = (counts.flagged[k as FlagReason] ?? 0) + v;
  }
  return counts;
}
