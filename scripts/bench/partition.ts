/**
 * Partition run: members (and the counters) LIST-partitioned by state, and the plans that show a state's
 * queries touch only that state's partition (partition pruning). The step before Citus (docs/SCALE.md).
 *
 *   npx tsx --conditions=react-server scripts/bench/partition.ts [--members N] [--keep] [--admin-url URL]
 *
 * In a scratch database (`sadasyata_scale_part_<pid>_<hex>`, dropped unless --keep): the project's migrations
 * (up to, not including, the one that adds the cell tables, so that booths go in without row triggers), the
 * real geography sizes of five states (CG, KL, PB, HR, DL: ~1,08,000 booths) made with scale.ts' generator,
 * then simplified partitioned tables beside the real ones:
 *   members_p           LIKE members (defaults, CHECKs, identity), PARTITION BY LIST (state_id), one partition
 *                       per seeded state and a DEFAULT one; primary key and unique keys all lead with state_id
 *                       (a partitioned table's unique key must contain the partition key: the run shows the
 *                       refusal of today's global UNIQUE (membership_no));
 *   booth_counters_p    the booth counters of members_p (GROUP BY, as `npm run recount` builds them);
 *   cells_p, cell_counters_p   one row per (AC, district, block) and its summed counters, as migration 0010 has them.
 * N members per state (default 1,50,000), set-based. Then EXPLAIN (ANALYZE, COSTS OFF) of one state's overview
 * reads and of a naive COUNT(*), printed for docs/SCALE.md.
 */
import path from "node:path";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { Client } from "pg";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { migrateDb, openDb, type DbHandle } from "@/db/client";
import { ALL_INDIA_BOOTHS, admin, migrationsBeforeCells, synthesise, withDatabase } from "@/scripts/bench/scale";

const SEEDED = ["CG", "KL", "PB", "HR", "DL"] as const;
const PROBE = "CG";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function run(opts: { adminUrl: string; membersPerState: number; keep: boolean; log: (m: string) => void }): Promise<void> {
  const { adminUrl, log } = opts;
  const name = `sadasyata_scale_part_${process.pid}_${randomBytes(3).toString("hex")}`;
  const url = withDatabase(adminUrl, name);
  log(`partition: scratch database ${name}; states ${SEEDED.join(", ")}; ${opts.membersPerState.toLocaleString("en-IN")} members each`);
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  let handle: DbHandle | undefined;
  const before = migrationsBeforeCells();
  const c = new Client({ connectionString: url });
  try {
    handle = await openDb({ url, max: 1 });
    if (before) await migrate(handle.db as never, { migrationsFolder: before });
    else await migrateDb(handle);
    await c.connect();
    await synthesise(c, { total: ALL_INDIA_BOOTHS, only: SEEDED, counters: false }, log);
    const step = async (label: string, text: string) => {
      const t = performance.now();
      const r = await c.query(text);
      log(`  ${label}: ${Array.isArray(r) ? "" : `${r.rowCount ?? 0} rows, `}${Math.round((performance.now() - t) / 100) / 10} s`);
    };
    const { rows: states } = await c.query<{ id: number; code: string }>(`SELECT id, code FROM states ORDER BY id`);
    const probe = states.find((s) => s.code === PROBE)!.id;

    // members_p: today's members columns, defaults and CHECKs (not its foreign keys or indexes), by state.
    await c.query(`CREATE TABLE members_p (LIKE members INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING IDENTITY) PARTITION BY LIST (state_id)`);
    for (const s of states) await c.query(`CREATE TABLE members_p_${s.code.toLowerCase()} PARTITION OF members_p FOR VALUES IN (${s.id})`);
    await c.query(`CREATE TABLE members_p_other PARTITION OF members_p DEFAULT`);
    try {
      await c.query(`ALTER TABLE members_p ADD CONSTRAINT members_p_membership_no UNIQUE (membership_no)`);
      log("  UNIQUE (membership_no) on members_p: accepted (unexpected)");
    } catch (err) {
      log(`  UNIQUE (membership_no) on members_p refused: ${(err as Error).message}`);
    }
    await c.query(`ALTER TABLE members_p ADD PRIMARY KEY (state_id, id);
      ALTER TABLE members_p ADD CONSTRAINT members_p_state_membership_no UNIQUE (state_id, membership_no);
      ALTER TABLE members_p ADD CONSTRAINT members_p_state_epic UNIQUE (state_id, epic);
      ALTER TABLE members_p ADD CONSTRAINT members_p_state_idempotency_key UNIQUE (state_id, idempotency_key);
      CREATE INDEX members_p_booth_idx ON members_p (booth_id);
      CREATE INDEX members_p_phone_idx ON members_p (state_id, phone, id)`);
    await c.query(`CREATE TEMP TABLE sb AS
      SELECT state_id, (row_number() OVER (PARTITION BY state_id ORDER BY id) - 1)::int AS i, id, ac_id, district_id FROM booths;
      CREATE INDEX ON sb (state_id, i); ANALYZE sb`);
    await c.query(`SELECT setseed(0.7)`);
    await step(
      "members_p",
      `INSERT INTO members_p (state_id, membership_no, epic, name, gender, age, phone, caste_category, booth_id, ac_id, district_id,
                              channel, consent_version, enrolled_on, standing, erased_at, voided_at)
       SELECT s.id, s.code || '26-' || lpad(g::text, 7, '0'), s.code || 'X' || lpad(g::text, 8, '0'), 'Member ' || g,
              CASE WHEN g % 2 = 0 THEN 'F' ELSE 'M' END, 18 + g % 70, (6000000000 + g * 13)::text,
              (ARRAY['SC', 'ST', 'OBC', 'GEN'])[1 + g % 4], b.id, b.ac_id, b.district_id,
              CASE WHEN g % 10 < 7 THEN 'app' ELSE 'import' END, 'v1', date '2026-11-01' + (g % 30),
              CASE WHEN g % 97 = 0 THEN 'void' WHEN g % 31 = 0 THEN 'review' ELSE 'counted' END,
              CASE WHEN g % 97 = 0 THEN now() END, CASE WHEN g % 97 = 0 THEN now() END
       FROM states s JOIN (SELECT state_id, count(*) AS n FROM sb GROUP BY state_id) k ON k.state_id = s.id
       CROSS JOIN generate_series(1, ${opts.membersPerState}) g
       JOIN sb b ON b.state_id = s.id AND b.i = (g::bigint * 7919 % k.n)::int`,
    );
    // The counters, partitioned the same way, built from members_p as `npm run recount` builds them.
    await step(
      "booth_counters_p",
      `CREATE TABLE booth_counters_p (LIKE booth_counters INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY LIST (state_id);
       ${states.map((s) => `CREATE TABLE booth_counters_p_${s.code.toLowerCase()} PARTITION OF booth_counters_p FOR VALUES IN (${s.id});`).join("\n")}
       ALTER TABLE booth_counters_p ADD PRIMARY KEY (state_id, booth_id);
       INSERT INTO booth_counters_p (booth_id, state_id, members, via_app, via_book, via_import, cat_sc, cat_st, cat_obc, cat_gen, voided)
       SELECT booth_id, state_id, count(*) FILTER (WHERE standing <> 'void'),
              count(*) FILTER (WHERE standing <> 'void' AND channel = 'app'), count(*) FILTER (WHERE standing <> 'void' AND channel = 'book'),
              count(*) FILTER (WHERE standing <> 'void' AND channel = 'import'), count(*) FILTER (WHERE standing <> 'void' AND caste_category = 'SC'),
              count(*) FILTER (WHERE standing <> 'void' AND caste_category = 'ST'), count(*) FILTER (WHERE standing <> 'void' AND caste_category = 'OBC'),
              count(*) FILTER (WHERE standing <> 'void' AND caste_category = 'GEN'), count(*) FILTER (WHERE standing = 'void')
       FROM members_p GROUP BY booth_id, state_id`,
    );
    await step(
      "cells_p, cell_counters_p",
      `CREATE TABLE cells_p (id int NOT NULL, state_id smallint NOT NULL, pc_id int NOT NULL, ac_id int NOT NULL, district_id int NOT NULL,
                             block_id int, booths int NOT NULL, PRIMARY KEY (state_id, id)) PARTITION BY LIST (state_id);
       CREATE TABLE cell_counters_p (LIKE booth_counters_p INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY LIST (state_id);
       ALTER TABLE cell_counters_p RENAME COLUMN booth_id TO cell_id;
       ${states
         .map(
           (s) => `CREATE TABLE cells_p_${s.code.toLowerCase()} PARTITION OF cells_p FOR VALUES IN (${s.id});
                   CREATE TABLE cell_counters_p_${s.code.toLowerCase()} PARTITION OF cell_counters_p FOR VALUES IN (${s.id});`,
         )
         .join("\n")}
       ALTER TABLE cell_counters_p ADD PRIMARY KEY (state_id, cell_id);
       INSERT INTO cells_p SELECT row_number() OVER (ORDER BY ac_id, district_id, block_id), state_id, pc_id, ac_id, district_id, block_id, count(*)
         FROM booths GROUP BY state_id, pc_id, ac_id, district_id, block_id;
       INSERT INTO cell_counters_p (cell_id, state_id, members, via_app, via_book, via_import, cat_sc, cat_st, cat_obc, cat_gen, voided)
       SELECT x.id, x.state_id, sum(k.members), sum(k.via_app), sum(k.via_book), sum(k.via_import), sum(k.cat_sc), sum(k.cat_st), sum(k.cat_obc),
              sum(k.cat_gen), sum(k.voided)
       FROM booth_counters_p k JOIN booths b ON b.id = k.booth_id
       JOIN cells_p x ON x.ac_id = b.ac_id AND x.district_id = b.district_id AND x.block_id IS NOT DISTINCT FROM b.block_id
       GROUP BY x.id, x.state_id`,
    );
    await c.query(`VACUUM ANALYZE`);
    const { rows: sizes } = await c.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM members_p) AS members, (SELECT count(*) FROM booths) AS booths, (SELECT count(*) FROM cells_p) AS cells,
              (SELECT sum(members) FROM cell_counters_p) = (SELECT count(*) FROM members_p WHERE standing <> 'void') AS agree`,
    );
    log(`  ${sizes[0]!.members} members, ${sizes[0]!.booths} booths, ${sizes[0]!.cells} cells; cell counters agree with members: ${sizes[0]!.agree}`);

    const explain = async (title: string, q: string) => {
      const { rows } = await c.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${q}`);
      log(`\n-- ${title}\n${q.replace(/\s+/g, " ").trim()}\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
    };
    const sums = `sum(k.members) AS members, sum(k.via_app) AS via_app, sum(k.via_book) AS via_book, sum(k.via_import) AS via_import,
      sum(k.cat_sc) AS sc, sum(k.cat_st) AS st, sum(k.cat_obc) AS obc, sum(k.cat_gen) AS gen, sum(k.voided) AS voided`;
    await explain(`1. naive count of one state's members (${PROBE})`, `SELECT count(*) FROM members_p WHERE state_id = ${probe}`);
    await explain(
      "2. the overview's per-cell rollup, state filter on the cells only (join by cell id)",
      `SELECT c.pc_id, c.ac_id, c.district_id, sum(c.booths) AS booths, ${sums}
       FROM cells_p c LEFT JOIN cell_counters_p k ON k.cell_id = c.id WHERE c.state_id = ${probe} GROUP BY c.pc_id, c.ac_id, c.district_id`,
    );
    await explain(
      "3. the same, joined on (state_id, cell id): the counters' partition is pruned too",
      `SELECT c.pc_id, c.ac_id, c.district_id, sum(c.booths) AS booths, ${sums}
       FROM cells_p c LEFT JOIN cell_counters_p k ON k.state_id = c.state_id AND k.cell_id = c.id
       WHERE c.state_id = ${probe} GROUP BY c.pc_id, c.ac_id, c.district_id`,
    );
    await explain(
      "4. the booth-level rollup (loadCells' shape up to 0009) over the partitioned booth counters, joined on (state_id, booth id)",
      `SELECT b.pc_id, b.ac_id, b.district_id, count(*) AS booths, ${sums}
       FROM booths b LEFT JOIN booth_counters_p k ON k.state_id = b.state_id AND k.booth_id = b.id
       WHERE b.state_id = ${probe} GROUP BY b.pc_id, b.ac_id, b.district_id`,
    );
    await explain(
      "5. a membership number alone (the verify page today): no state key, every partition is searched",
      `SELECT id, standing FROM members_p WHERE membership_no = '${PROBE}26-0000042'`,
    );
    await explain(
      "6. the same with the state read from the number's prefix: pruned at run time",
      `SELECT id, standing FROM members_p
       WHERE state_id = (SELECT id FROM states WHERE code = left('${PROBE}26-0000042', 2)) AND membership_no = '${PROBE}26-0000042'`,
    );
  } finally {
    await c.end().catch(() => undefined);
    await handle?.close().catch(() => undefined);
    if (before) rmSync(before, { recursive: true, force: true });
    if (opts.keep) log(`partition: kept ${name}`);
    else await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const adminUrl = arg("--admin-url") ?? process.env.SCALE_ADMIN_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  run({
    adminUrl,
    membersPerState: Number(arg("--members") ?? 150_000),
    keep: process.argv.includes("--keep"),
    log: (m) => console.log(m),
  }).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
