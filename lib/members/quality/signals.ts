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
 * the queue the members trigger fills) or for everyone (`npm run quality:scan`), with the same SQL: a batch
 * recomputes every group its members belong to (all members on that phone, that name key, that token…), so
 * earlier members of a group are flagged the moment the group crosses its threshold.
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
 * Writes the flags `candidates` (a query giving member_id, detail) for one reason and state. With `clear`, the
 * state's open flags of that reason that are not candidates become `cleared`.
 */
async function writeFlags(
  db: DbOrTx,
  reason: FlagReason,
  stateId: number,
  candidates: SQL,
  clear: SQL | null,
): Promise<{ flagged: number; cleared: number }> {
  const [written] = await queryRows<{ n: number }>(db, sql`
    WITH candidates AS (${candidates}),
    written AS (
      INSERT INTO member_flags AS f (state_id, member_id, reason, detail)
      SELECT ${stateId}::smallint, member_id, ${reason}::text, detail FROM candidates ORDER BY member_id
      ON CONFLICT (member_id, reason) DO UPDATE SET
        detail = EXCLUDED.detail, updated_at = now(),
        status = CASE WHEN f.status = 'cleared' THEN 'open' ELSE f.status END
      WHERE f.detail IS DISTINCT FROM EXCLUDED.detail OR f.status = 'cleared'
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM written`);
  let cleared = 0;
  if (clear) {
    // A separate statement: the candidates are computed again, but the flags' triggers see one change each.
    const [c] = await queryRows<{ n: number }>(db, sql`
      WITH candidates AS (${candidates}),
      cleared AS (
        UPDATE member_flags f SET status = 'cleared', updated_at = now()
        WHERE f.state_id = ${stateId}::smallint AND f.reason = ${reason}::text AND f.status = 'open' AND ${clear}
          AND NOT EXISTS (SELECT 1 FROM candidates c WHERE c.member_id = f.member_id)
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

function sharedPhone(subject: Subject, stateId: number, t: Thresholds): SQL {
  return sql`
    WITH keys AS (
      SELECT DISTINCT phone FROM members m
      WHERE m.state_id = ${stateId} AND m.phone IS NOT NULL AND m.standing <> 'void' AND ${inSubject(subject, sql`m.id`)}
    ),
    g AS (
      SELECT m.phone, count(*)::int AS n, array_agg(m.id ORDER BY m.id) AS ids, array_agg(m.membership_no ORDER BY m.id) AS nos
      FROM members m JOIN keys k ON k.phone = m.phone
      WHERE m.state_id = ${stateId} AND m.standing <> 'void'
      GROUP BY m.phone HAVING count(*) > ${t.sharedPhoneLimit}::int
    )
    SELECT x.id AS member_id,
           jsonb_build_object('phone', left(g.phone, 2) || repeat('•', length(g.phone) - 5) || right(g.phone, 3),
                              'count', g.n, 'others', ${othersOf(sql`g.nos`, sql`x.no`)}) AS detail
    FROM g, unnest(g.ids, g.nos) AS x(id, no)`;
}

function nearDuplicate(subject: Subject, stateId: number): SQL {
  return sql`
    WITH keys AS (
      SELECT DISTINCT ac_id, name_key FROM member_fingerprints f
      WHERE f.state_id = ${stateId} AND ${inSubject(subject, sql`f.member_id`)}
    ),
    g AS (
      SELECT f.member_id, f.ac_id, f.name_key, f.age, m.membership_no
      FROM member_fingerprints f JOIN keys k USING (ac_id, name_key)
      JOIN members m ON m.id = f.member_id AND m.standing <> 'void' AND m.erased_at IS NULL
    ),
    pairs AS (
      SELECT a.member_id AS id, b.member_id AS other, b.membership_no
      FROM g a JOIN g b ON b.ac_id = a.ac_id AND b.name_key = a.name_key AND b.member_id <> a.member_id AND abs(b.age - a.age) <= 2
    )
    SELECT id AS member_id,
           jsonb_build_object('count', count(*) + 1, 'others', to_jsonb((array_agg(membership_no ORDER BY other))[1:3])) AS detail
    FROM pairs GROUP BY id`;
}

/** Members whose photo hash is within `distance` of a hash in `from` (a query of member_id, photo_hash). */
function photoMatches(from: SQL, stateId: number, distance: number): SQL {
  const band = (shift: number) =>
    shift === 0 ? (c: string) => sql.raw(`(${c}.photo_hash & 65535)`) : (c: string) => sql.raw(`((${c}.photo_hash >> ${shift}) & 65535)`);
  const joins = [48, 32, 16, 0].map(
    (shift) => sql`
      SELECT a.member_id AS id, b.member_id AS other, bit_count((a.photo_hash # b.photo_hash)::bit(64))::int AS d
      FROM (${from}) a JOIN member_fingerprints b
        ON ${band(shift)("b")} = ${band(shift)("a")} AND b.photo_hash IS NOT NULL AND b.state_id = ${stateId}
      WHERE bit_count((a.photo_hash # b.photo_hash)::bit(64)) <= ${distance}::int`,
  );
  return sql.join(joins, sql` UNION `);
}

function photoReuse(subject: Subject, stateId: number, t: Thresholds): SQL {
  const mine = sql`SELECT member_id, photo_hash FROM member_fingerprints f
    WHERE f.state_id = ${stateId} AND f.photo_hash IS NOT NULL AND ${inSubject(subject, sql`f.member_id`)}`;
  // The batch's members and every member whose photo matches one of theirs: both sides of a match are flagged.
  const touched = sql`SELECT f.member_id, f.photo_hash FROM member_fingerprints f
    WHERE f.member_id IN (SELECT other FROM (${photoMatches(mine, stateId, t.photoDistance)}) n)`;
  return sql`
    WITH pairs AS (${photoMatches(touched, stateId, t.photoDistance)}),
    p AS (
      SELECT p.id, p.other, p.d, m.membership_no FROM pairs p
      JOIN members m ON m.id = p.other AND m.standing <> 'void' AND m.erased_at IS NULL
      WHERE p.other <> p.id
    )
    SELECT id AS member_id,
           jsonb_build_object('count', count(DISTINCT other) + 1, 'distance', min(d),
                              'others', to_jsonb((array_agg(DISTINCT membership_no))[1:3])) AS detail
    FROM p GROUP BY id`;
}

function burst(subject: Subject, stateId: number, t: Thresholds): SQL {
  const minutes = sql.raw(`interval '${Math.trunc(t.burstMinutes)} minutes'`);
  return sql`
    WITH toks AS (
      SELECT DISTINCT api_token_id FROM members m
      WHERE m.state_id = ${stateId} AND m.api_token_id IS NOT NULL AND ${inSubject(subject, sql`m.id`)}
    ),
    tm AS (
      SELECT m.id, m.api_token_id, m.created_at FROM members m JOIN toks USING (api_token_id)
      WHERE m.state_id = ${stateId} AND m.standing <> 'void'
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
    hot AS (SELECT id, api_token_id, created_at FROM best WHERE best > ${t.burstLimit}::int),
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

/** Fingerprints and EPIC flags for members with id > `after`, up to `limit` of them; returns the last id. */
export async function fingerprintRange(db: DbOrTx, after: number, limit: number): Promise<{ last: number | null; rows: number; epic: { flagged: number; cleared: number } }> {
  const rows = await queryRows<MemberRow>(db, sql`SELECT ${MEMBER_COLUMNS} FROM members WHERE id > ${after} AND ${LIVE} ORDER BY id LIMIT ${limit}`);
  const epic = await fingerprintAndEpic(db, rows);
  return { last: rows.length ? Number(rows[rows.length - 1]!.id) : null, rows: rows.length, epic };
}

/** The group signals (phone, name, photo, burst) for one state. With "all", open flags that no longer hold are cleared. */
export async function groupSignals(db: DbOrTx, subject: Subject, stateId: number, t: Thresholds): Promise<SignalCounts> {
  const counts: SignalCounts = { flagged: {}, cleared: {} };
  const clear = subject === "all" ? sql`TRUE` : null;
  const run = async (reason: FlagReason, candidates: SQL) => {
    const r = await writeFlags(db, reason, stateId, candidates, clear);
    counts.flagged[reason] = r.flagged;
    if (clear) counts.cleared[reason] = r.cleared;
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
  const rows = await queryRows<MemberRow>(db, sql`SELECT ${MEMBER_COLUMNS} FROM members WHERE id = ANY(${sql.param(ids)}::bigint[]) AND ${LIVE} ORDER BY id`);
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
