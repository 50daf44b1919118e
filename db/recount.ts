import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";

export interface CounterDifference {
  table:
    | "booth_counters"
    | "booth_review_counters"
    | "booth_day_counters"
    | "ac_day_counters"
    | "enroller_counters"
    | "members.standing"
    | "booth_post_counters"
    | "cells.booths"
    | "cell_counters"
    | "cell_review_counters"
    | "cell_day_counters"
    | "cell_post_counters";
  key: string;
  stored: number;
  counted: number;
}

/**
 * Counts members afresh and compares with the counters the members trigger keeps: per booth (members that are
 * not void, by channel and caste category, voided; under review apart), per booth and per assembly seat per day
 * (not void), per enroller; each member's standing with its open flags ("review" exactly when one is open); active
 * booth posts per booth from appointments; and every cell counter (and each cell's booth count) against the sum of
 * its booths' counters, so a cell is right exactly when its booths are. With
 * `fix`, everything is rebuilt from members and flags in one transaction (members locked against writes
 * meanwhile), so a page never sees half a rebuild. Returns every difference found (before fixing).
 */
type Row = { key: string; stored: number; counted: number };

/** The standing a member's flags call for (a void member stays void). */
const STANDING_FROM_FLAGS = sql.raw(`CASE WHEN m.standing = 'void' THEN 'void'
  WHEN EXISTS (SELECT 1 FROM member_flags f WHERE f.member_id = m.id AND f.status = 'open') THEN 'review' ELSE 'counted' END`);

const BOOTH_COUNTS = sql.raw(`SELECT booth_id, state_id,
    count(*) FILTER (WHERE standing <> 'void')::int AS members,
    count(*) FILTER (WHERE standing <> 'void' AND channel = 'app')::int AS via_app,
    count(*) FILTER (WHERE standing <> 'void' AND channel = 'book')::int AS via_book,
    count(*) FILTER (WHERE standing <> 'void' AND channel = 'import')::int AS via_import,
    count(*) FILTER (WHERE standing <> 'void' AND caste_category = 'SC')::int AS cat_sc,
    count(*) FILTER (WHERE standing <> 'void' AND caste_category = 'ST')::int AS cat_st,
    count(*) FILTER (WHERE standing <> 'void' AND caste_category = 'OBC')::int AS cat_obc,
    count(*) FILTER (WHERE standing <> 'void' AND caste_category = 'GEN')::int AS cat_gen,
    count(*) FILTER (WHERE standing = 'void')::int AS voided
  FROM members GROUP BY booth_id, state_id`);

const ENROLLER_COUNTS = sql.raw(`SELECT enrolled_by_worker_id AS worker_id, api_token_id AS token_id, district_id, state_id,
    count(*) FILTER (WHERE standing <> 'void')::int AS members,
    count(*) FILTER (WHERE standing = 'void')::int AS voided
  FROM members WHERE enrolled_by_worker_id IS NOT NULL GROUP BY 1, 2, 3, 4`);

const POSTS_PER_BOOTH = sql.raw(`SELECT booth_id, min(state_id) AS state_id,
    count(*) FILTER (WHERE role = 'it_member')::int AS it_members, count(*) FILTER (WHERE role = 'enroller')::int AS enrollers
  FROM appointments WHERE ended_at IS NULL AND booth_id IS NOT NULL AND role IN ('it_member', 'enroller') GROUP BY booth_id`);

/** Each cell's numbers as the sum of its booths' rows (booth-level tables are checked against members and appointments). */
const CELL_SUMS = {
  cell_counters: sql.raw(`SELECT b.cell_id, sum(c.members)::int AS members, sum(c.via_app)::int AS via_app, sum(c.via_book)::int AS via_book,
      sum(c.via_import)::int AS via_import, sum(c.cat_sc)::int AS cat_sc, sum(c.cat_st)::int AS cat_st, sum(c.cat_obc)::int AS cat_obc,
      sum(c.cat_gen)::int AS cat_gen, sum(c.voided)::int AS voided
    FROM booth_counters c JOIN booths b ON b.id = c.booth_id GROUP BY b.cell_id`),
  cell_review_counters: sql.raw(`SELECT b.cell_id, sum(r.under_review)::int AS under_review
    FROM booth_review_counters r JOIN booths b ON b.id = r.booth_id GROUP BY b.cell_id`),
  cell_post_counters: sql.raw(`SELECT b.cell_id, count(*) FILTER (WHERE p.it_members > 0)::int AS covered,
      count(*) FILTER (WHERE p.enrollers > 0)::int AS enroller_booths, sum(p.enrollers)::int AS enrollers
    FROM booth_post_counters p JOIN booths b ON b.id = p.booth_id GROUP BY b.cell_id`),
};

/** Differences between a cell table and its booths' sums over the given columns (a missing row counts as zeros). */
function cellDifferences(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], table: keyof typeof CELL_SUMS, columns: readonly string[]) {
  const stored = sql.raw(columns.map((c) => `coalesce(k.${c}, 0)`).join(", "));
  const counted = sql.raw(columns.map((c) => `coalesce(m.${c}, 0)`).join(", "));
  const first = sql.raw(columns[0]!);
  return queryRows<Row>(tx, sql`
    WITH counted AS (${CELL_SUMS[table]})
    SELECT coalesce(k.cell_id, m.cell_id)::text AS key, coalesce(k.${first}, 0) AS stored, coalesce(m.${first}, 0) AS counted
    FROM ${sql.identifier(table)} k FULL JOIN counted m ON m.cell_id = k.cell_id
    WHERE (${stored}) <> (${counted})`);
}

export async function recount(db: Db, opts: { fix?: boolean } = {}): Promise<CounterDifference[]> {
  return db.transaction(async (tx) => {
    // Booths too: a booth moving to another cell meanwhile would land its counters in a cell being rebuilt.
    if (opts.fix) await tx.execute(sql`LOCK TABLE members, member_flags, booths IN SHARE MODE`);
    const standing = await queryRows<Row & { standing: string; wanted: string }>(tx, sql`
      SELECT m.membership_no AS key, m.standing, ${STANDING_FROM_FLAGS} AS wanted FROM members m
      WHERE m.standing <> ${STANDING_FROM_FLAGS}`);
    const booth = await queryRows<Row>(tx, sql`
      WITH counted AS (${BOOTH_COUNTS})
      SELECT coalesce(c.booth_id, m.booth_id)::text AS key, coalesce(c.members, 0) AS stored, coalesce(m.members, 0) AS counted
      FROM booth_counters c FULL JOIN counted m ON m.booth_id = c.booth_id
      WHERE (coalesce(c.members, 0), coalesce(c.via_app, 0), coalesce(c.via_book, 0), coalesce(c.via_import, 0),
             coalesce(c.cat_sc, 0), coalesce(c.cat_st, 0), coalesce(c.cat_obc, 0), coalesce(c.cat_gen, 0),
             coalesce(c.voided, 0))
         <> (coalesce(m.members, 0), coalesce(m.via_app, 0), coalesce(m.via_book, 0), coalesce(m.via_import, 0),
             coalesce(m.cat_sc, 0), coalesce(m.cat_st, 0), coalesce(m.cat_obc, 0), coalesce(m.cat_gen, 0),
             coalesce(m.voided, 0))`);
    const review = await queryRows<Row>(tx, sql`
      WITH counted AS (SELECT booth_id, count(*)::int AS n FROM members WHERE standing = 'review' GROUP BY booth_id)
      SELECT coalesce(c.booth_id, m.booth_id)::text AS key, coalesce(c.under_review, 0) AS stored, coalesce(m.n, 0) AS counted
      FROM booth_review_counters c FULL JOIN counted m ON m.booth_id = c.booth_id
      WHERE coalesce(c.under_review, 0) <> coalesce(m.n, 0)`);
    // The per-day counters of booths and of assembly seats differ only in the unit they count by.
    const dayDifferences = (table: "booth_day_counters" | "ac_day_counters", unit: "booth_id" | "ac_id") => {
      const [t, u] = [sql.identifier(table), sql.identifier(unit)];
      return queryRows<Row>(tx, sql`
        WITH counted AS (SELECT ${u}, enrolled_on AS day, count(*)::int AS n FROM members WHERE standing <> 'void' GROUP BY ${u}, enrolled_on)
        SELECT coalesce(c.${u}, m.${u})::text || ' ' || coalesce(c.day, m.day)::text AS key,
               coalesce(c.members, 0) AS stored, coalesce(m.n, 0) AS counted
        FROM ${t} c FULL JOIN counted m ON m.${u} = c.${u} AND m.day = c.day
        WHERE coalesce(c.members, 0) <> coalesce(m.n, 0)`);
    };
    const boothDay = await dayDifferences("booth_day_counters", "booth_id");
    const acDay = await dayDifferences("ac_day_counters", "ac_id");
    const enroller = await queryRows<Row>(tx, sql`
      WITH counted AS (${ENROLLER_COUNTS})
      SELECT concat_ws(' ', coalesce(c.worker_id, m.worker_id), coalesce(c.token_id, m.token_id), coalesce(c.district_id, m.district_id)) AS key,
             coalesce(c.members, 0) AS stored, coalesce(m.members, 0) AS counted
      FROM enroller_counters c
      FULL JOIN counted m ON m.worker_id = c.worker_id AND m.token_id IS NOT DISTINCT FROM c.token_id AND m.district_id = c.district_id
      WHERE (coalesce(c.members, 0), coalesce(c.voided, 0)) <> (coalesce(m.members, 0), coalesce(m.voided, 0))`);
    const posts = await queryRows<Row>(tx, sql`
      WITH counted AS (${POSTS_PER_BOOTH})
      SELECT coalesce(c.booth_id, m.booth_id)::text AS key, coalesce(c.enrollers, 0) AS stored, coalesce(m.enrollers, 0) AS counted
      FROM booth_post_counters c FULL JOIN counted m ON m.booth_id = c.booth_id
      WHERE (coalesce(c.it_members, 0), coalesce(c.enrollers, 0)) <> (coalesce(m.it_members, 0), coalesce(m.enrollers, 0))`);
    const cellBooths = await queryRows<Row>(tx, sql`
      SELECT c.id::text AS key, c.booths AS stored, coalesce(b.n, 0) AS counted
      FROM cells c LEFT JOIN (SELECT cell_id, count(*)::int AS n FROM booths GROUP BY cell_id) b ON b.cell_id = c.id
      WHERE c.booths <> coalesce(b.n, 0)`);
    const cellCounts = await cellDifferences(tx, "cell_counters", ["members", "via_app", "via_book", "via_import", "cat_sc", "cat_st", "cat_obc", "cat_gen", "voided"]);
    const cellReview = await cellDifferences(tx, "cell_review_counters", ["under_review"]);
    const cellPosts = await cellDifferences(tx, "cell_post_counters", ["covered", "enroller_booths", "enrollers"]);
    const cellDay = await queryRows<Row>(tx, sql`
      WITH counted AS (SELECT b.cell_id, d.day, sum(d.members)::int AS n FROM booth_day_counters d JOIN booths b ON b.id = d.booth_id GROUP BY b.cell_id, d.day)
      SELECT coalesce(k.cell_id, m.cell_id)::text || ' ' || coalesce(k.day, m.day)::text AS key,
             coalesce(k.members, 0) AS stored, coalesce(m.n, 0) AS counted
      FROM cell_day_counters k FULL JOIN counted m ON m.cell_id = k.cell_id AND m.day = k.day
      WHERE coalesce(k.members, 0) <> coalesce(m.n, 0)`);
    const rows = (table: CounterDifference["table"], r: Row[]) =>
      r.map((x) => ({ table, key: String(x.key), stored: Number(x.stored), counted: Number(x.counted) }));
    const differences: CounterDifference[] = [
      ...standing.map((s) => ({ table: "members.standing" as const, key: `${s.key} ${s.standing} → ${s.wanted}`, stored: 0, counted: 0 })),
      ...rows("booth_counters", booth),
      ...rows("booth_review_counters", review),
      ...rows("booth_day_counters", boothDay),
      ...rows("ac_day_counters", acDay),
      ...rows("enroller_counters", enroller),
      ...rows("booth_post_counters", posts),
      ...rows("cells.booths", cellBooths),
      ...rows("cell_counters", cellCounts),
      ...rows("cell_review_counters", cellReview),
      ...rows("cell_day_counters", cellDay),
      ...rows("cell_post_counters", cellPosts),
    ];
    if (opts.fix && differences.length > 0) {
      // Cells first: emptied, they are filled again by the booth tables' triggers as those are rebuilt below
      // (deleting a booth row takes nothing from a cell row that is gone).
      await tx.execute(sql`LOCK TABLE appointments IN SHARE MODE`);
      await tx.execute(sql`DELETE FROM cell_counters`);
      await tx.execute(sql`DELETE FROM cell_review_counters`);
      await tx.execute(sql`DELETE FROM cell_day_counters`);
      await tx.execute(sql`DELETE FROM cell_post_counters`);
      await tx.execute(sql`UPDATE cells c SET booths = coalesce((SELECT count(*) FROM booths b WHERE b.cell_id = c.id), 0)`);
      await tx.execute(sql`DELETE FROM booth_post_counters`);
      await tx.execute(sql`
        INSERT INTO booth_post_counters (booth_id, state_id, it_members, enrollers)
        SELECT booth_id, state_id, it_members, enrollers FROM (${POSTS_PER_BOOTH}) p ORDER BY booth_id`);
      await tx.execute(sql`DELETE FROM booth_counters`);
      await tx.execute(sql`DELETE FROM booth_review_counters`);
      await tx.execute(sql`DELETE FROM booth_day_counters`);
      await tx.execute(sql`DELETE FROM ac_day_counters`);
      await tx.execute(sql`DELETE FROM enroller_counters`);
      await tx.execute(sql`
        INSERT INTO booth_counters (booth_id, state_id, members, via_app, via_book, via_import, cat_sc, cat_st, cat_obc, cat_gen, voided)
        SELECT booth_id, state_id, members, via_app, via_book, via_import, cat_sc, cat_st, cat_obc, cat_gen, voided
        FROM (${BOOTH_COUNTS}) b`);
      await tx.execute(sql`
        INSERT INTO booth_review_counters (booth_id, state_id, under_review)
        SELECT booth_id, state_id, count(*) FROM members WHERE standing = 'review' GROUP BY booth_id, state_id`);
      await tx.execute(sql`
        INSERT INTO booth_day_counters (booth_id, day, state_id, district_id, members)
        SELECT booth_id, enrolled_on, state_id, district_id, count(*) FROM members WHERE standing <> 'void'
        GROUP BY booth_id, enrolled_on, state_id, district_id`);
      await tx.execute(sql`
        INSERT INTO ac_day_counters (ac_id, day, state_id, members)
        SELECT ac_id, enrolled_on, state_id, count(*) FROM members WHERE standing <> 'void' GROUP BY ac_id, enrolled_on, state_id`);
      await tx.execute(sql`
        INSERT INTO enroller_counters (worker_id, token_id, district_id, state_id, members, voided)
        SELECT worker_id, token_id, district_id, state_id, members, voided FROM (${ENROLLER_COUNTS}) e`);
      // Standings last: from counters that are now exact, the members trigger moves them exactly.
      if (standing.length > 0) {
        await tx.execute(sql`UPDATE members m SET standing = ${STANDING_FROM_FLAGS} WHERE m.standing <> ${STANDING_FROM_FLAGS}`);
      }
    }
    return differences;
  });
}
