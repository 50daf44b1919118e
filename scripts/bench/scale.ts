/**
 * All-India scale: the overview's state-wide rollup at the size of the whole country.
 *
 *   npx tsx --conditions=react-server scripts/bench/scale.ts [--small] [--keep] [--runs N] [--admin-url URL] [--scratch-cells]
 *       [--reuse sadasyata_scale_…]   (time a database an earlier --keep run left, without loading it again)
 *
 * Creates a scratch database (`sadasyata_scale_<pid>_<hex>`, dropped at the end unless --keep), runs the
 * project's migrations, and synthesises India in set-based SQL (generate_series, no row-by-row inserts):
 * 36 states and union territories with their real Lok Sabha / assembly / district counts (UTs without an
 * assembly get one synthetic seat per Lok Sabha seat, since booths hang from assembly seats), ~7,000 blocks,
 * 10,50,000 booths spread over the states in proportion to their real electorates (`--small`: 1/50 of the
 * booths, same geography, for CI), booth counters with random member counts (~95 a booth, i.e. ~10 crore
 * members), under-review counts on a tenth of the booths, and active IT-member / enroller posts on a share of
 * the booths (plus some ended posts, as history).
 *
 * Then it times, as medians after warm-up and ANALYZE, the overview's rollup two ways:
 *   - booth-level (the app's way up to migration 0009): the SQL text of `loadCells` (lib/geo/cells.ts) for a
 *     state-level unit, copied below as BOOTH_COUNTERS_SQL / BOOTH_POSTS_SQL, the two queries run side by side
 *     as the app runs them;
 *   - per-cell: one row per (AC, district, block) with the booth counters summed into it. When the
 *     database has migration 0010's cell tables (cells, cell_counters, cell_review_counters,
 *     cell_post_counters, kept by triggers) those are read — for one state through `loadCells` itself, so
 *     the timed query is exactly the app's; before 0010 a scratch equivalent is built with GROUP BY from the
 *     booth rows (tables scale_cell*).
 * Both are timed for the biggest state (Uttar Pradesh, ~1,60,000 booths, inside the all-India tables) and for
 * the whole country (the same statement with the state predicate removed: every booth row in India).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { Client, Pool } from "pg";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { migrateDb, openDb, type Db, type DbHandle } from "@/db/client";
import * as schema from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer";

export interface ScaleOptions {
  /** A superuser connection string (any database): CREATE/DROP DATABASE run through it. */
  adminUrl: string;
  log: (m: string) => void;
  /** 1/50 of the booths (~21,000), for CI: seconds, not minutes. */
  small?: boolean;
  /** Leave the scratch database behind (its name is logged). */
  keep?: boolean;
  /** Measured runs per query (after warm-up); default 9 (small: 5). */
  runs?: number;
  /** Time the GROUP BY-built scratch cell tables even when migration 0010's are there (a cross-check). */
  scratchCells?: boolean;
  /** Time a database an earlier run left (--keep) instead of making one: no loading, never dropped. */
  reuse?: string;
}

export interface RollupTiming {
  booths: number;
  cells: number;
  /** Median ms of the booth-level rollup (counters and posts queries side by side, as loadCells runs them). */
  boothLevelMs: number;
  /** Median ms of the per-cell rollup. */
  cellMs: number;
}

export interface ServerTiming {
  /** Server execution only (EXPLAIN ANALYZE medians; the booth-level figure adds its two statements). */
  boothLevelServerMs: number;
  cellServerMs: number;
}

export interface ScaleResult extends RollupTiming, ServerTiming {
  /** The figures above are the whole country's; these are one big state's (Uttar Pradesh) inside it. */
  bigState: RollupTiming & ServerTiming & { code: string };
  /** "migration": 0010's cell tables; "scratch": twins built here with GROUP BY (before 0010). */
  cellSource: "migration" | "scratch";
  /** How the cell tables were filled: 0010's row triggers (small), 0010's own backfill (full size), here, or by an earlier run. */
  cellFill: "row-triggers" | "migration-backfill" | "scratch-group-by" | "reused";
  /** The big state's per-cell figure is lib/geo/cells.ts loadCells itself (once it reads the cell tables). */
  viaLoadCells: boolean;
  /** Median ms of India's totals per state from the cell tables (36 rows): what a national overview would read. */
  byStateCellMs: number;
  /** Seconds spent synthesising the data. */
  loadSeconds: number;
  /** 1-minute load average before and after the timings (the machine is shared). */
  loadAverage: [number, number];
  database: string;
}

/** code, name, Lok Sabha seats, assembly seats, districts, booths (approximate real figures, 2024). */
const STATES: [string, string, number, number, number, number][] = [
  ["UP", "Uttar Pradesh", 80, 403, 75, 162000],
  ["MH", "Maharashtra", 48, 288, 36, 100000],
  ["WB", "West Bengal", 42, 294, 23, 80500],
  ["BR", "Bihar", 40, 243, 38, 77700],
  ["TN", "Tamil Nadu", 39, 234, 38, 68300],
  ["MP", "Madhya Pradesh", 29, 230, 55, 65000],
  ["RJ", "Rajasthan", 25, 200, 50, 53000],
  ["KA", "Karnataka", 28, 224, 31, 58800],
  ["GJ", "Gujarat", 26, 182, 33, 50800],
  ["AP", "Andhra Pradesh", 25, 175, 26, 46400],
  ["OD", "Odisha", 21, 147, 30, 37800],
  ["TG", "Telangana", 17, 119, 33, 35400],
  ["JH", "Jharkhand", 14, 81, 24, 29500],
  ["KL", "Kerala", 20, 140, 14, 25200],
  ["AS", "Assam", 14, 126, 35, 24600],
  ["PB", "Punjab", 13, 117, 23, 24400],
  ["CG", "Chhattisgarh", 11, 90, 33, 24100],
  ["HR", "Haryana", 10, 90, 22, 20600],
  ["DL", "Delhi", 7, 70, 11, 13600],
  ["JK", "Jammu and Kashmir", 5, 90, 20, 11800],
  ["UK", "Uttarakhand", 5, 70, 13, 11700],
  ["HP", "Himachal Pradesh", 4, 68, 12, 7990],
  ["TR", "Tripura", 2, 60, 8, 3330],
  ["ML", "Meghalaya", 2, 60, 12, 3500],
  ["MN", "Manipur", 2, 60, 16, 2950],
  ["NL", "Nagaland", 1, 60, 16, 2300],
  ["AR", "Arunachal Pradesh", 2, 60, 26, 2230],
  ["GA", "Goa", 2, 40, 2, 1730],
  ["MZ", "Mizoram", 1, 40, 11, 1280],
  ["PY", "Puducherry", 1, 30, 4, 970],
  ["SK", "Sikkim", 1, 32, 6, 590],
  ["CH", "Chandigarh", 1, 1, 1, 620],
  ["DN", "Dadra and Nagar Haveli and Daman and Diu", 2, 2, 3, 580],
  ["LA", "Ladakh", 1, 1, 2, 580],
  ["AN", "Andaman and Nicobar Islands", 1, 1, 3, 420],
  ["LD", "Lakshadweep", 1, 1, 1, 60],
];
export const ALL_INDIA_BOOTHS = 1_050_000;
const ALL_INDIA_BLOCKS = 7_000;
const BIG_STATE = "UP";

// --- The baseline: loadCells' state-level SQL as of migration 0009 (lib/geo/cells.ts), captured from Drizzle's
// output for a state-scope viewer. `%WHERE%` is the booth filter: the state three times (the unit, the state
// key, the viewer's scope), or `true` for the whole country. `%POSTS_WHERE%` is the appointments' state filter.
const BOOTH_COUNTERS_SQL = `SELECT "booths"."pc_id" AS pc_id, "booths"."ac_id" AS ac_id, "booths"."district_id" AS district_id, count(*)::int AS booths, coalesce(sum(c.members), 0)::int AS members,
    coalesce(sum(c.via_app), 0)::int AS via_app, coalesce(sum(c.via_book), 0)::int AS via_book,
    coalesce(sum(c.via_import), 0)::int AS via_import, coalesce(sum(c.cat_sc), 0)::int AS sc,
    coalesce(sum(c.cat_st), 0)::int AS st, coalesce(sum(c.cat_obc), 0)::int AS obc, coalesce(sum(c.cat_gen), 0)::int AS gen,
    coalesce(sum(r.under_review), 0)::int AS under_review, coalesce(sum(c.voided), 0)::int AS voided
              FROM "booths" LEFT JOIN booth_counters c ON c.booth_id = "booths"."id" LEFT JOIN booth_review_counters r ON r.booth_id = "booths"."id"
              WHERE %WHERE% GROUP BY "booths"."pc_id", "booths"."ac_id", "booths"."district_id"`;
const BOOTH_POSTS_SQL = `SELECT "booths"."ac_id" AS ac_id, "booths"."district_id" AS district_id, count(*) FILTER (WHERE p.covered)::int AS covered,
                         count(*) FILTER (WHERE p.enrollers > 0)::int AS enroller_booths, coalesce(sum(p.enrollers), 0)::int AS enrollers
                  FROM (SELECT a.booth_id, bool_or(a.role = 'it_member') AS covered, count(*) FILTER (WHERE a.role = 'enroller') AS enrollers
                        FROM appointments a WHERE a.ended_at IS NULL AND a.role IN ('it_member', 'enroller') AND a.booth_id IS NOT NULL AND %POSTS_WHERE%
                        GROUP BY a.booth_id) p
                  JOIN "booths" ON "booths"."id" = p.booth_id
                  WHERE %WHERE% GROUP BY "booths"."ac_id", "booths"."district_id"`;

function boothLevelSql(stateId: number | null): string[] {
  const where = stateId === null ? "true" : `("booths"."state_id" = ${stateId} and "booths"."state_id" = ${stateId} and "booths"."state_id" = ${stateId})`;
  const postsWhere = stateId === null ? "true" : `a.state_id = ${stateId}`;
  return [BOOTH_COUNTERS_SQL, BOOTH_POSTS_SQL].map((q) => q.replaceAll("%WHERE%", where).replaceAll("%POSTS_WHERE%", postsWhere));
}

/** The per-cell rollup: one statement over cell rows (the four cell tables, or their scratch twins). */
function cellSql(prefix: "" | "scale_", stateId: number | null): string {
  return `SELECT c.pc_id, c.ac_id, c.district_id, sum(c.booths)::int AS booths, coalesce(sum(k.members), 0)::int AS members,
      coalesce(sum(k.via_app), 0)::int AS via_app, coalesce(sum(k.via_book), 0)::int AS via_book, coalesce(sum(k.via_import), 0)::int AS via_import,
      coalesce(sum(k.cat_sc), 0)::int AS sc, coalesce(sum(k.cat_st), 0)::int AS st, coalesce(sum(k.cat_obc), 0)::int AS obc,
      coalesce(sum(k.cat_gen), 0)::int AS gen, coalesce(sum(r.under_review), 0)::int AS under_review, coalesce(sum(k.voided), 0)::int AS voided,
      coalesce(sum(p.covered), 0)::int AS covered, coalesce(sum(p.enroller_booths), 0)::int AS enroller_booths, coalesce(sum(p.enrollers), 0)::int AS enrollers
    FROM ${prefix}cells c LEFT JOIN ${prefix}cell_counters k ON k.cell_id = c.id
      LEFT JOIN ${prefix}cell_review_counters r ON r.cell_id = c.id LEFT JOIN ${prefix}cell_post_counters p ON p.cell_id = c.id
    WHERE ${stateId === null ? "true" : `c.state_id = ${stateId}`}
    GROUP BY c.pc_id, c.ac_id, c.district_id`;
}

export /** A national overview's read: the cell counters summed per state (36 rows), the figure a Citus coordinator would gather. */
function cellByStateSql(prefix: "" | "scale_"): string {
  return `SELECT c.state_id, sum(c.booths)::int AS booths, coalesce(sum(k.members), 0)::bigint AS members, coalesce(sum(r.under_review), 0)::int AS under_review,
      coalesce(sum(k.voided), 0)::int AS voided, coalesce(sum(p.covered), 0)::int AS covered, coalesce(sum(p.enrollers), 0)::int AS enrollers
    FROM ${prefix}cells c LEFT JOIN ${prefix}cell_counters k ON k.cell_id = c.id
      LEFT JOIN ${prefix}cell_review_counters r ON r.cell_id = c.id LEFT JOIN ${prefix}cell_post_counters p ON p.cell_id = c.id
    GROUP BY c.state_id`;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function admin(adminUrl: string, text: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

async function timed(fn: () => Promise<unknown>, warmup: number, runs: number): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

/** Median server-side execution time (EXPLAIN ANALYZE, timing off) of statements, added up: no client transfer. */
async function serverMs(p: Pool, qs: string[], runs = 3): Promise<number> {
  let sum = 0;
  for (const q of qs) {
    const xs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const { rows } = await p.query<{ "QUERY PLAN": [{ "Execution Time": number }] }>(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${q}`);
      xs.push(rows[0]!["QUERY PLAN"][0]["Execution Time"]);
    }
    sum += median(xs);
  }
  return round1(sum);
}

/**
 * The states' figures with booths scaled so that India adds up to `total` (blocks likewise to ~7,000, at least
 * one a district); `only` keeps some states (by code), at the same scale.
 */
function plan(total: number, only?: readonly string[]) {
  const real = STATES.reduce((s, x) => s + x[5], 0);
  return STATES.map(([code, name, pcs, acs, districts, booths], i) => ({
    id: i + 1,
    code,
    name,
    pcs,
    acs,
    districts,
    blocks: Math.max(districts, Math.round((ALL_INDIA_BLOCKS * booths) / real)),
    booths: Math.max(acs, Math.round((total * booths) / real)),
  })).filter((s) => !only || only.includes(s.code));
}

export interface SynthOptions {
  /** Booths in the whole of India (each state gets its share). */
  total: number;
  /** Only these states (codes); all 36 by default. */
  only?: readonly string[];
  /** Random booth counters and under-review counts (default true); off when the caller derives them from members. */
  counters?: boolean;
}

/**
 * The whole of India, set-based. Booth k (0-based) of a state with B booths, A assembly seats and D districts
 * lies in AC floor(k·A/B) and district floor(k·D/B): consecutive booths fill an AC, and where a district
 * boundary falls inside an AC that AC lies in two districts (as ~800 real ones do). Inside its district a booth's
 * block follows its position the same way, so an AC straddles one to three blocks.
 */
export async function synthesise(c: Client, opts: SynthOptions, log: (m: string) => void): Promise<void> {
  const states = plan(opts.total, opts.only);
  const step = async (label: string, text: string) => {
    const t = performance.now();
    const r = await c.query(text);
    log(`  ${label}: ${r.rowCount ?? 0} rows, ${round1((performance.now() - t) / 1000)} s`);
  };
  await c.query("SELECT setseed(0.42)");
  await c.query(`CREATE TEMP TABLE st (id smallint, code text, name text, pcs int, acs int, nd int, nbs int, nb int)`);
  await c.query(
    `INSERT INTO st VALUES ${states
      .map((s) => `(${s.id}, '${s.code}', '${s.name.replaceAll("'", "''")}', ${s.pcs}, ${s.acs}, ${s.districts}, ${s.blocks}, ${s.booths})`)
      .join(", ")}`,
  );
  await step("states", `INSERT INTO states (id, code, name, name_hi, lok_sabha_seats, assembly_seats) SELECT id, code, name, name, pcs, acs FROM st`);
  await step(
    "lok_sabha_seats",
    `INSERT INTO lok_sabha_seats (state_id, no, name) SELECT st.id, g, 'PC ' || g FROM st, generate_series(1, st.pcs) g ORDER BY st.id, g`,
  );
  await step(
    "districts",
    `INSERT INTO districts (state_id, slug, name) SELECT st.id, 'district-' || g, 'District ' || g FROM st, generate_series(1, st.nd) g ORDER BY st.id, g`,
  );
  await c.query(`CREATE TEMP TABLE m_d AS
    SELECT d.state_id, substr(d.slug, 10)::int - 1 AS dj, d.id,
           ((substr(d.slug, 10)::int) * st.nbs) / st.nd - ((substr(d.slug, 10)::int - 1) * st.nbs) / st.nd AS nb
    FROM districts d JOIN st ON st.id = d.state_id`);
  await step(
    "assembly_seats",
    `INSERT INTO assembly_seats (state_id, pc_id, no, name)
     SELECT st.id, p.id, g, 'AC ' || g FROM st CROSS JOIN LATERAL generate_series(1, st.acs) g
     JOIN lok_sabha_seats p ON p.state_id = st.id AND p.no = 1 + ((g - 1) * st.pcs) / st.acs ORDER BY st.id, g`,
  );
  // AC a (0-based) covers districts floor(a·D/A) .. ceil((a+1)·D/A) − 1.
  await step(
    "assembly_seat_districts",
    `INSERT INTO assembly_seat_districts (ac_id, district_id)
     SELECT a.id, d.id FROM st JOIN assembly_seats a ON a.state_id = st.id
     CROSS JOIN LATERAL generate_series(((a.no - 1) * st.nd) / st.acs, (a.no * st.nd + st.acs - 1) / st.acs - 1) dj
     JOIN m_d d ON d.state_id = st.id AND d.dj = dj.dj`,
  );
  await step(
    "blocks",
    `INSERT INTO blocks (state_id, district_id, name)
     SELECT d.state_id, d.id, 'Block ' || g FROM m_d d CROSS JOIN LATERAL generate_series(1, d.nb) g ORDER BY d.id, g`,
  );
  await c.query(`CREATE TEMP TABLE m_b AS SELECT district_id, substr(name, 7)::int - 1 AS bi, id FROM blocks`);
  await c.query(`CREATE TEMP TABLE m_a AS SELECT state_id, no - 1 AS ai, id, pc_id, no FROM assembly_seats`);
  await c.query("ANALYZE st; ANALYZE m_d; ANALYZE m_b; ANALYZE m_a");
  await step(
    "booths",
    `INSERT INTO booths (state_id, pc_id, ac_id, district_id, block_id, part_no, code, name, synthetic)
     SELECT st.id, a.pc_id, a.id, d.id, b.id, x.part, lpad(a.no::text, 3, '0') || '-' || lpad(x.part::text, 3, '0'), 'Booth ' || x.part, true
     FROM st CROSS JOIN LATERAL generate_series(0, st.nb - 1) k
     CROSS JOIN LATERAL (SELECT (k::bigint * st.acs / st.nb)::int AS ai, (k::bigint * st.nd / st.nb)::int AS dj,
                                (k - (((k::bigint * st.acs / st.nb) * st.nb + st.acs - 1) / st.acs))::int + 1 AS part) x
     JOIN m_a a ON a.state_id = st.id AND a.ai = x.ai
     JOIN m_d d ON d.state_id = st.id AND d.dj = x.dj
     JOIN m_b b ON b.district_id = d.id AND b.bi = ((k::bigint * st.nd) % st.nb) * d.nb / st.nb
     ORDER BY st.id, k`,
  );
  // ~95 members a booth on average (about 10 crore in India); 5 % of booths have no counter row yet.
  if (opts.counters !== false) await step(
    "booth_counters",
    `INSERT INTO booth_counters (booth_id, state_id, members, via_app, via_book, via_import, cat_sc, cat_st, cat_obc, cat_gen, voided)
     SELECT id, state_id, m, m * 6 / 10, m * 3 / 10, m - m * 6 / 10 - m * 3 / 10,
            m * 16 / 100, m * 9 / 100, m * 41 / 100, m - m * 16 / 100 - m * 9 / 100 - m * 41 / 100, m / 50
     FROM (SELECT id, state_id, floor(random() * 200)::int AS m, random() AS p FROM booths) x WHERE p < 0.95 ORDER BY id`,
  );
  if (opts.counters !== false) await step(
    "booth_review_counters",
    `INSERT INTO booth_review_counters (booth_id, state_id, under_review)
     SELECT id, state_id, 1 + floor(random() * 5)::int FROM booths WHERE random() < 0.1 ORDER BY id`,
  );
  await step(
    "workers",
    `INSERT INTO workers (state_id, name, phone)
     SELECT st.id, 'Worker ' || g, (6000000000 + st.id::bigint * 10000000 + g)::text FROM st, generate_series(1, st.nb / 8 + 4) g`,
  );
  await c.query(`CREATE TEMP TABLE m_w AS SELECT state_id, min(id) AS first, count(*) AS n FROM workers GROUP BY state_id`);
  // Posts: an IT-cell member on ~45 % of booths, one or two enrollers on ~30 %, and an ended IT-member post
  // (history, not counted) on ~10 %.
  await step(
    "appointments",
    `INSERT INTO appointments (state_id, worker_id, role, booth_id, appointed_at, ended_at, ended_reason)
     SELECT b.state_id, w.first + (b.id * 7 + j) % w.n, r.role, b.id,
            now() - interval '30 days', CASE WHEN r.ended THEN now() - interval '10 days' END, CASE WHEN r.ended THEN 'replaced' END
     FROM (SELECT id, state_id, random() AS u, random() AS v, random() AS h FROM booths) b
     JOIN m_w w ON w.state_id = b.state_id
     CROSS JOIN LATERAL (VALUES ('it_member', false, b.u < 0.45, 1), ('enroller', false, b.v < 0.30, 1 + (b.id % 2)::int),
                                ('it_member', true, b.h < 0.10, 1)) r(role, ended, has, n)
     CROSS JOIN LATERAL generate_series(1, r.n) j
     WHERE r.has ORDER BY b.id`,
  );
}

/** The per-cell tables as migration 0010 has them, built here with GROUP BY from the booth rows (before 0010). */
async function scratchCells(c: Client, log: (m: string) => void): Promise<void> {
  const t = performance.now();
  await c.query(`CREATE TABLE scale_cells AS
      SELECT row_number() OVER (ORDER BY ac_id, district_id, block_id)::int AS id, state_id, pc_id, ac_id, district_id, block_id, count(*)::int AS booths
      FROM booths GROUP BY state_id, pc_id, ac_id, district_id, block_id;
    ALTER TABLE scale_cells ADD PRIMARY KEY (id);
    CREATE INDEX scale_cells_state_idx ON scale_cells (state_id);
    CREATE TEMP TABLE scale_booth_cell AS SELECT b.id AS booth_id, c.id AS cell_id FROM booths b
      JOIN scale_cells c ON c.ac_id = b.ac_id AND c.district_id = b.district_id AND c.block_id IS NOT DISTINCT FROM b.block_id;
    CREATE TABLE scale_cell_counters AS
      SELECT x.cell_id, min(k.state_id) AS state_id, sum(k.members)::int AS members, sum(k.via_app)::int AS via_app, sum(k.via_book)::int AS via_book,
             sum(k.via_import)::int AS via_import, sum(k.cat_sc)::int AS cat_sc, sum(k.cat_st)::int AS cat_st, sum(k.cat_obc)::int AS cat_obc,
             sum(k.cat_gen)::int AS cat_gen, sum(k.voided)::int AS voided
      FROM booth_counters k JOIN scale_booth_cell x USING (booth_id) GROUP BY x.cell_id;
    ALTER TABLE scale_cell_counters ADD PRIMARY KEY (cell_id);
    CREATE TABLE scale_cell_review_counters AS
      SELECT x.cell_id, min(r.state_id) AS state_id, sum(r.under_review)::int AS under_review
      FROM booth_review_counters r JOIN scale_booth_cell x USING (booth_id) GROUP BY x.cell_id;
    ALTER TABLE scale_cell_review_counters ADD PRIMARY KEY (cell_id);
    CREATE TABLE scale_cell_post_counters AS
      SELECT x.cell_id, min(p.state_id) AS state_id, count(*) FILTER (WHERE p.covered)::int AS covered,
             count(*) FILTER (WHERE p.enrollers > 0)::int AS enroller_booths, coalesce(sum(p.enrollers), 0)::int AS enrollers
      FROM (SELECT a.booth_id, min(a.state_id) AS state_id, bool_or(a.role = 'it_member') AS covered, count(*) FILTER (WHERE a.role = 'enroller') AS enrollers
            FROM appointments a WHERE a.ended_at IS NULL AND a.role IN ('it_member', 'enroller') AND a.booth_id IS NOT NULL GROUP BY a.booth_id) p
      JOIN scale_booth_cell x USING (booth_id) GROUP BY x.cell_id;
    ALTER TABLE scale_cell_post_counters ADD PRIMARY KEY (cell_id);`);
  log(`  scratch cell tables (GROUP BY from booths): ${round1((performance.now() - t) / 1000)} s`);
}

async function hasMigrationCells(c: Client): Promise<boolean> {
  const { rows } = await c.query<{ ok: boolean }>(
    `SELECT to_regclass('public.cells') IS NOT NULL AND to_regclass('public.cell_counters') IS NOT NULL
        AND to_regclass('public.cell_review_counters') IS NOT NULL AND to_regclass('public.cell_post_counters') IS NOT NULL AS ok`,
  );
  return Boolean(rows[0]?.ok);
}

/** The cell tables must agree with the booth rows they sum (the triggers' work, or the scratch build's). */
async function checkCells(c: Client, prefix: "" | "scale_", log: (m: string) => void): Promise<void> {
  const { rows } = await c.query<Record<string, string>>(`SELECT
      (SELECT count(*) FROM booths) AS booths, (SELECT coalesce(sum(booths), 0) FROM ${prefix}cells) AS cell_booths,
      (SELECT coalesce(sum(members), 0) FROM booth_counters) AS members, (SELECT coalesce(sum(members), 0) FROM ${prefix}cell_counters) AS cell_members,
      (SELECT coalesce(sum(under_review), 0) FROM booth_review_counters) AS review, (SELECT coalesce(sum(under_review), 0) FROM ${prefix}cell_review_counters) AS cell_review,
      (SELECT count(DISTINCT booth_id) FROM appointments WHERE ended_at IS NULL AND role = 'it_member') AS covered,
      (SELECT coalesce(sum(covered), 0) FROM ${prefix}cell_post_counters) AS cell_covered`);
  const r = rows[0]!;
  const pairs: [string, string, string][] = [
    ["booths", "booths", "cell_booths"],
    ["members", "members", "cell_members"],
    ["under review", "review", "cell_review"],
    ["covered booths", "covered", "cell_covered"],
  ];
  const bad = pairs.filter(([, a, b]) => r[a] !== r[b]);
  if (bad.length > 0) throw new Error(`cell tables disagree with the booth rows: ${bad.map(([l, a, b]) => `${l} ${r[a]} vs ${r[b]}`).join(", ")}`);
  log(`  cells agree with booths: ${r.booths} booths, ${r.members} members, ${r.review} under review, ${r.covered} covered`);
}

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");

/**
 * The committed migrations before the one that creates the cell tables (0010), in a folder of their own, or
 * null when there is no such migration yet. Loading the booths there and then migrating to the head is how a
 * live database meets 0010: its own GROUP BY fills the cells from the booth rows, and its triggers keep them.
 */
export function migrationsBeforeCells(): string | null {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  const first = journal.entries.findIndex((e) => /CREATE TABLE "cells"/.test(readFileSync(path.join(MIGRATIONS, `${e.tag}.sql`), "utf8")));
  if (first < 0) return null;
  const dir = mkdtempSync(path.join(os.tmpdir(), "sadasyata-scale-"));
  cpSync(path.join(MIGRATIONS, "meta"), path.join(dir, "meta"), { recursive: true });
  writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, first) }));
  for (const e of journal.entries.slice(0, first)) cpSync(path.join(MIGRATIONS, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

export async function measureAllIndiaRollup(opts: ScaleOptions): Promise<ScaleResult> {
  const { adminUrl, log } = opts;
  const total = opts.small ? ALL_INDIA_BOOTHS / 50 : ALL_INDIA_BOOTHS;
  const runs = opts.runs ?? (opts.small ? 5 : 9);
  const warmup = opts.small ? 1 : 2;
  const name = opts.reuse ?? `sadasyata_scale_${process.pid}_${randomBytes(3).toString("hex")}`;
  if (!/^sadasyata_scale_[a-z0-9_]+$/.test(name)) throw new Error(`not a scale database: ${name}`);
  const url = withDatabase(adminUrl, name);
  if (opts.reuse) log(`scale: timing ${name} as an earlier run left it`);
  else {
    log(`scale: scratch database ${name}, ${total.toLocaleString("en-IN")} booths`);
    await admin(adminUrl, `CREATE DATABASE ${name}`);
  }
  let handle: DbHandle | undefined;
  let pool: Pool | undefined;
  let before: string | null = null;
  const c = new Client({ connectionString: url });
  try {
    handle = await openDb({ url, max: 4 });
    await c.connect();
    const t0 = performance.now();
    // Small: everything through 0010's row triggers (they are the thing under test). Full size: the triggers
    // would take ~10 minutes for a million booths, so the rows go in at 0009 and 0010's backfill folds them.
    before = opts.small || opts.reuse ? null : migrationsBeforeCells();
    if (opts.reuse) {
      // Loaded, checked and analysed by the run that kept it.
    } else if (before) {
      await migrate(handle.db as never, { migrationsFolder: before });
      await synthesise(c, { total }, log);
      const t = performance.now();
      await migrateDb(handle);
      log(`  migrated to the head (0010 backfills the cells with GROUP BY): ${round1((performance.now() - t) / 1000)} s`);
    } else {
      await migrateDb(handle);
      await synthesise(c, { total }, log);
    }
    const migrationCells = !opts.scratchCells && (await hasMigrationCells(c));
    if (opts.reuse) {
      if (!migrationCells && !(await c.query(`SELECT to_regclass('public.scale_cells') IS NOT NULL AS ok`)).rows[0]?.ok) {
        await scratchCells(c, log);
      }
    } else if (migrationCells && !before) log("  cell tables: migration 0010's, filled row by row by its triggers as the rows above went in");
    else if (!migrationCells) await scratchCells(c, log);
    const prefix = migrationCells ? "" : "scale_";
    await checkCells(c, prefix, log);
    if (!opts.reuse) await c.query("VACUUM ANALYZE");
    const loadSeconds = round1((performance.now() - t0) / 1000);
    log(`  loaded and analysed in ${loadSeconds} s`);

    const { rows: geo } = await c.query<Record<string, string>>(
      `SELECT s.id, s.code, s.name, (SELECT count(*) FROM booths b WHERE b.state_id = s.id) AS booths,
              (SELECT count(*) FROM ${prefix}cells x WHERE x.state_id = s.id) AS cells,
              (SELECT count(*) FROM booths) AS all_booths, (SELECT count(*) FROM ${prefix}cells) AS all_cells
       FROM states s WHERE s.code = '${BIG_STATE}'`,
    );
    const g = geo[0]!;
    const bigId = Number(g.id);
    pool = new Pool({ connectionString: url, max: 4 });
    const p = pool;
    const both = (qs: string[]) => () => Promise.all(qs.map((q) => p.query(q)));
    const load1 = os.loadavg()[0]!;

    // One state: the booth-level SQL, and the per-cell read: loadCells itself once it reads the cell tables.
    const bigBooth = await timed(both(boothLevelSql(bigId)), warmup, runs);
    let bigCell: number;
    let viaLoadCells = false;
    // lib/geo/cells.ts is server-only: it loads under `--conditions=react-server` (as this script's CLI and
    // bench:pages run); without it the module's own cell SQL is timed instead.
    const serverConditions = import.meta.resolve("server-only").endsWith("/empty.js");
    const cellsModule = migrationCells && serverConditions ? await import("@/lib/geo/cells") : null;
    if (migrationCells && !cellsModule) log("  (lib/geo/cells.ts did not load: run with --conditions=react-server to time loadCells itself)");
    if (cellsModule) {
      const { loadCells } = cellsModule;
      const viewer: Viewer = {
        id: 0,
        email: "bench@local",
        name: "bench",
        role: "leadership",
        scope: { level: "state", stateId: bigId, id: bigId, name: String(g.name), nameHi: null, key: String(g.code) },
      };
      const unit = { level: "state" as const, id: bigId, stateId: bigId };
      // Which tables does the app's loadCells read today? Its statements, through a logging Drizzle.
      const seen: string[] = [];
      const logged = drizzle(p, { schema, logger: { logQuery: (q) => void seen.push(q) } }) as unknown as Db;
      await loadCells(logged, viewer, unit);
      viaLoadCells = seen.some((q) => /\bcell_counters\b/.test(q)) && !seen.some((q) => /\bbooth_counters\b/.test(q));
      if (viaLoadCells) {
        const db = drizzle(p, { schema }) as unknown as Db;
        bigCell = await timed(() => loadCells(db, viewer, unit), warmup, runs);
      } else {
        log("  (lib/geo/cells.ts loadCells still reads booth_counters: the per-cell figure is this module's cell SQL over 0010's tables)");
        bigCell = await timed(both([cellSql(prefix, bigId)]), warmup, runs);
      }
    } else {
      bigCell = await timed(both([cellSql(prefix, bigId)]), warmup, runs);
    }
    // The whole country: the same statements without the state predicate.
    const allBooth = await timed(both(boothLevelSql(null)), warmup, runs);
    const allCell = await timed(both([cellSql(prefix, null)]), warmup, runs);
    const byState = await timed(both([cellByStateSql(prefix)]), warmup, runs);
    const server = {
      big: { boothLevelServerMs: await serverMs(p, boothLevelSql(bigId)), cellServerMs: await serverMs(p, [cellSql(prefix, bigId)]) },
      all: { boothLevelServerMs: await serverMs(p, boothLevelSql(null)), cellServerMs: await serverMs(p, [cellSql(prefix, null)]) },
    };
    const load2 = os.loadavg()[0]!;

    const result: ScaleResult = {
      booths: Number(g.all_booths),
      cells: Number(g.all_cells),
      boothLevelMs: round1(allBooth),
      cellMs: round1(allCell),
      ...server.all,
      bigState: {
        code: BIG_STATE,
        booths: Number(g.booths),
        cells: Number(g.cells),
        boothLevelMs: round1(bigBooth),
        cellMs: round1(bigCell),
        ...server.big,
      },
      cellSource: migrationCells ? "migration" : "scratch",
      byStateCellMs: round1(byState),
      cellFill: opts.reuse ? "reused" : !migrationCells ? "scratch-group-by" : before ? "migration-backfill" : "row-triggers",
      viaLoadCells,
      loadSeconds,
      loadAverage: [Math.round(load1 * 100) / 100, Math.round(load2 * 100) / 100],
      database: name,
    };
    log(
      `  ${BIG_STATE} (${result.bigState.booths.toLocaleString("en-IN")} booths, ${result.bigState.cells.toLocaleString("en-IN")} cells): ` +
        `booth-level ${result.bigState.boothLevelMs} ms, per-cell ${result.bigState.cellMs} ms` +
        (viaLoadCells ? " (loadCells)" : "") +
        `; server only ${result.bigState.boothLevelServerMs} / ${result.bigState.cellServerMs} ms`,
    );
    log(
      `  India (${result.booths.toLocaleString("en-IN")} booths, ${result.cells.toLocaleString("en-IN")} cells): ` +
        `booth-level ${result.boothLevelMs} ms, per-cell ${result.cellMs} ms; server only ${result.boothLevelServerMs} / ${result.cellServerMs} ms; ` +
        `per-cell totals by state ${result.byStateCellMs} ms`,
    );
    log(`  medians of ${runs} runs after ${warmup} warm-up; load average ${load1.toFixed(2)} → ${load2.toFixed(2)} (${os.cpus().length} cores)`);
    return result;
  } finally {
    await c.end().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await handle?.close().catch(() => undefined);
    if (before) rmSync(before, { recursive: true, force: true });
    if (opts.keep || opts.reuse) log(`scale: kept ${name}`);
    else await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const adminUrl = arg("--admin-url") ?? process.env.SCALE_ADMIN_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const runs = arg("--runs");
  measureAllIndiaRollup({
    adminUrl,
    log: (m) => console.log(m),
    small: process.argv.includes("--small"),
    keep: process.argv.includes("--keep"),
    scratchCells: process.argv.includes("--scratch-cells"),
    reuse: arg("--reuse"),
    runs: runs ? Number(runs) : undefined,
  })
    .then((r) => console.log(JSON.stringify(r)))
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
