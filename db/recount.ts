import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";

export interface CounterDifference {
  table: "booth_counters" | "booth_day_counters" | "ac_day_counters";
  key: string;
  stored: number;
  counted: number;
}

/**
 * Counts members afresh and compares with the counters the members trigger keeps. With `fix`, the counters
 * are rebuilt from members in one transaction (members locked against writes meanwhile), so a page never
 * sees half a rebuild. Returns every difference found (before fixing).
 */
type Row = { key: string; stored: number; counted: number };

export async function recount(db: Db, opts: { fix?: boolean } = {}): Promise<CounterDifference[]> {
  return db.transaction(async (tx) => {
    if (opts.fix) await tx.execute(sql`LOCK TABLE members IN SHARE MODE`);
    const booth = await queryRows<Row>(tx, sql`
      WITH counted AS (SELECT booth_id, count(*)::int AS n FROM members GROUP BY booth_id)
      SELECT coalesce(c.booth_id, m.booth_id)::text AS key, coalesce(c.members, 0) AS stored, coalesce(m.n, 0) AS counted
      FROM booth_counters c FULL JOIN counted m ON m.booth_id = c.booth_id
      WHERE coalesce(c.members, 0) <> coalesce(m.n, 0)
         OR c.via_app + c.via_book + c.via_import <> coalesce(m.n, 0)`);
    const boothDetail = await queryRows<Row>(tx, sql`
      WITH counted AS (
        SELECT booth_id,
               count(*) FILTER (WHERE channel = 'app')::int AS app, count(*) FILTER (WHERE channel = 'book')::int AS book,
               count(*) FILTER (WHERE channel = 'import')::int AS imp,
               count(*) FILTER (WHERE caste_category = 'SC')::int AS sc, count(*) FILTER (WHERE caste_category = 'ST')::int AS st,
               count(*) FILTER (WHERE caste_category = 'OBC')::int AS obc, count(*) FILTER (WHERE caste_category = 'GEN')::int AS gen
        FROM members GROUP BY booth_id)
      SELECT c.booth_id::text AS key, c.members AS stored, (m.app + m.book + m.imp) AS counted
      FROM booth_counters c JOIN counted m ON m.booth_id = c.booth_id
      WHERE (c.via_app, c.via_book, c.via_import, c.cat_sc, c.cat_st, c.cat_obc, c.cat_gen)
            <> (m.app, m.book, m.imp, m.sc, m.st, m.obc, m.gen)`);
    // The per-day counters of booths and of assembly seats differ only in the unit they count by.
    const dayDifferences = (table: "booth_day_counters" | "ac_day_counters", unit: "booth_id" | "ac_id") => {
      const [t, u] = [sql.identifier(table), sql.identifier(unit)];
      return queryRows<Row>(tx, sql`
        WITH counted AS (SELECT ${u}, enrolled_on AS day, count(*)::int AS n FROM members GROUP BY ${u}, enrolled_on)
        SELECT coalesce(c.${u}, m.${u})::text || ' ' || coalesce(c.day, m.day)::text AS key,
               coalesce(c.members, 0) AS stored, coalesce(m.n, 0) AS counted
        FROM ${t} c FULL JOIN counted m ON m.${u} = c.${u} AND m.day = c.day
        WHERE coalesce(c.members, 0) <> coalesce(m.n, 0)`);
    };
    const boothDay = await dayDifferences("booth_day_counters", "booth_id");
    const acDay = await dayDifferences("ac_day_counters", "ac_id");
    const rows = (table: CounterDifference["table"], r: Row[]) =>
      r.map((x) => ({ table, key: String(x.key), stored: Number(x.stored), counted: Number(x.counted) }));
    const differences = [
      ...rows("booth_counters", booth),
      ...rows("booth_counters", boothDetail).filter((d) => !booth.some((b) => String(b.key) === d.key)),
      ...rows("booth_day_counters", boothDay),
      ...rows("ac_day_counters", acDay),
    ];
    if (opts.fix && differences.length > 0) {
      await tx.execute(sql`DELETE FROM booth_counters`);
      await tx.execute(sql`DELETE FROM booth_day_counters`);
      await tx.execute(sql`DELETE FROM ac_day_counters`);
      await tx.execute(sql`
        INSERT INTO booth_counters (booth_id, state_id, members, via_app, via_book, via_import, cat_sc, cat_st, cat_obc, cat_gen)
        SELECT booth_id, state_id, count(*),
               count(*) FILTER (WHERE channel = 'app'), count(*) FILTER (WHERE channel = 'book'),
               count(*) FILTER (WHERE channel = 'import'),
               count(*) FILTER (WHERE caste_category = 'SC'), count(*) FILTER (WHERE caste_category = 'ST'),
               count(*) FILTER (WHERE caste_category = 'OBC'), count(*) FILTER (WHERE caste_category = 'GEN')
        FROM members GROUP BY booth_id, state_id`);
      await tx.execute(sql`
        INSERT INTO booth_day_counters (booth_id, day, state_id, district_id, members)
        SELECT booth_id, enrolled_on, state_id, district_id, count(*) FROM members
        GROUP BY booth_id, enrolled_on, state_id, district_id`);
      await tx.execute(sql`
        INSERT INTO ac_day_counters (ac_id, day, state_id, members)
        SELECT ac_id, enrolled_on, state_id, count(*) FROM members GROUP BY ac_id, enrolled_on, state_id`);
    }
    return differences;
  });
}
