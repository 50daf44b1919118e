/**
 * The overview's per-seat and per-district totals computed the naive way: `COUNT(*)` over `members`, grouped
 * by assembly seat, district and standing — what every page would cost without the per-booth counters.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { median } from "@/scripts/bench/stats";

export const NAIVE_SQL = sql`SELECT ac_id, district_id, standing, count(*)::int AS n
  FROM members WHERE erased_at IS NULL GROUP BY ac_id, district_id, standing`;

/** Median milliseconds of `rounds` runs after one warm-up run. */
export async function timeNaiveTotals(db: Db, rounds: number): Promise<{ ms: number; groups: number }> {
  let groups = (await queryRows(db, NAIVE_SQL)).length;
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    groups = (await queryRows(db, NAIVE_SQL)).length;
    times.push(performance.now() - started);
  }
  return { ms: median(times), groups };
}
