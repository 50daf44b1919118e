/**
 * `npm run bench:pages` — server-side time of the progress pages at two data sizes, in one run.
 *
 * Each page is measured as what its server component awaits before it renders: resolving the unit in the
 * viewer's scope and loading its data through the same lib/progress and lib/targets functions the page calls,
 * plus serialising the result (what the page hands to its client components). The databases are used
 * read-only and alternately (page by page, round by round), so both sizes see the same machine load.
 *
 *   BENCH_SMALL_URL  default postgres://postgres@127.0.0.1:5432/sadasyata_200k
 *   BENCH_LARGE_URL  default postgres://postgres@127.0.0.1:5432/sadasyata_2m
 *   BENCH_ROUNDS     measured rounds per page and database (default 25, after 3 warm-up rounds)
 *   BENCH_ANALYZE=1  run ANALYZE first on a database that has no planner statistics (the seed runs ANALYZE;
 *                    a copy made without it would otherwise be measured with nested-loop plans)
 *
 * Then the same pages through the real thing: one `next start` per database (the production build in
 * NEXT_DIST_DIR, `.next` by default, built first when missing), signed in as a leadership and a district-president
 * user the script adds to each database (`bench-*@bench.local`, the only write it makes), each page fetched in
 * full (server render, React and all, to the last byte on loopback), again alternating the databases.
 *   BENCH_HTTP=0     skip the HTTP pass
 *   BENCH_PORT       first of the two ports (default 3331)
 *
 * Run with the react-server condition so that `server-only` modules load outside Next
 * (the npm script does this). Fails (exit 1) when a median exceeds 150 ms or a large/small ratio exceeds 1.3.
 */
import type { ChildProcess } from "node:child_process";
import { sql } from "drizzle-orm";
import { openDb, type Db, type DbHandle } from "@/db/client";
import { formatNumber } from "@/lib/format";
import type { Viewer } from "@/lib/auth/viewer";
import { listUnits, loadUnitProgress } from "@/lib/progress/data";
import { findUnit, scopeUnit } from "@/lib/geo/units";
import { loadTargetsPage } from "@/lib/targets/queries";
import { buildIfMissing, startNextServer } from "@/scripts/next-server";
import type { GeoLevel } from "@/lib/geo/levels";
import { benchUsers, fixture, HTTP_PAGES, pageTarget, samplePages, type Fixture, type PageTarget } from "@/scripts/bench/pages";
import { median } from "@/scripts/bench/stats";

const small = process.env.BENCH_SMALL_URL ?? "postgres://postgres@127.0.0.1:5432/sadasyata_200k";
const large = process.env.BENCH_LARGE_URL ?? "postgres://postgres@127.0.0.1:5432/sadasyata_2m";
const rounds = Number(process.env.BENCH_ROUNDS ?? 25);
const WARMUP = 3;
const LIMIT_MS = 150;
const LIMIT_RATIO = 1.3;
const HTTP = process.env.BENCH_HTTP !== "0";
const FIRST_PORT = Number(process.env.BENCH_PORT ?? 3331);
const DIST = process.env.NEXT_DIST_DIR || ".next";

type Page = { name: string; run: (db: Db, f: Fixture) => Promise<unknown> };

async function unitPage(db: Db, viewer: Viewer, level: GeoLevel, key: string, districtSlug?: string) {
  const unit = await findUnit(db, viewer, level, key, { districtSlug });
  if (!unit) throw new Error(`${level} ${key} not found`);
  return loadUnitProgress(db, viewer, unit);
}

async function overview(db: Db, viewer: Viewer) {
  const unit = await scopeUnit(db, viewer);
  if (!unit) throw new Error("no scope unit");
  return loadUnitProgress(db, viewer, unit);
}

async function list(db: Db, viewer: Viewer, level: "pc" | "ac" | "district") {
  const unit = await scopeUnit(db, viewer);
  if (!unit) throw new Error("no scope unit");
  return listUnits(db, viewer, unit, level);
}

const PAGES: Page[] = [
  { name: "/ (state leadership)", run: (db, f) => overview(db, f.leadership) },
  { name: "/ (district president)", run: (db, f) => overview(db, f.president) },
  { name: "/api/progress/summary (state)", run: async (db, f) => loadUnitProgress(db, f.leadership, (await scopeUnit(db, f.leadership))!, { headlineOnly: true }) },
  { name: "/lok-sabha", run: (db, f) => list(db, f.leadership, "pc") },
  { name: "/assembly", run: (db, f) => list(db, f.leadership, "ac") },
  { name: "/districts", run: (db, f) => list(db, f.leadership, "district") },
  { name: "/lok-sabha/[no]", run: (db, f) => unitPage(db, f.leadership, "pc", f.pcNo) },
  { name: "/assembly/[no]", run: (db, f) => unitPage(db, f.leadership, "ac", f.acNo) },
  { name: "/assembly/[no] (two districts)", run: (db, f) => unitPage(db, f.leadership, "ac", f.splitAcNo) },
  { name: "/districts/[slug]", run: (db, f) => unitPage(db, f.leadership, "district", f.districtSlug) },
  { name: "/districts/[slug]/blocks/[id]", run: (db, f) => unitPage(db, f.leadership, "block", f.blockId, f.districtSlug) },
  { name: "/booths/[code]", run: (db, f) => unitPage(db, f.leadership, "booth", f.boothCode) },
  { name: "/targets (state leadership)", run: (db, f) => loadTargetsPage(db, f.leadership, new Date(), { page: 1 }) },
  { name: "/targets (district president)", run: (db, f) => loadTargetsPage(db, f.president, new Date(), { page: 1 }) },
];

async function time(page: Page, db: Db, f: Fixture): Promise<number> {
  const started = performance.now();
  const data = await page.run(db, f);
  JSON.stringify(data);
  return performance.now() - started;
}

function report(title: string, names: string[], samples: Map<string, number[][]>): boolean {
  let failed = false;
  console.log(`\n${title}`);
  const header = `${"page".padEnd(34)} ${"small".padStart(8)} ${"large".padStart(8)} ${"ratio".padStart(6)}`;
  console.log(header);
  console.log("-".repeat(header.length));
  for (const name of names) {
    const [a, b] = samples.get(name)!.map(median) as [number, number];
    const ratio = b / a;
    const bad = b > LIMIT_MS || ratio > LIMIT_RATIO;
    failed ||= bad;
    console.log(`${name.padEnd(34)} ${a.toFixed(1).padStart(8)} ${b.toFixed(1).padStart(8)} ${ratio.toFixed(2).padStart(6)}${bad ? "  ✗" : ""}`);
  }
  console.log(`limits: median under ${LIMIT_MS} ms on the large database; large/small under ${LIMIT_RATIO}`);
  return failed;
}

async function httpPass(dbs: { label: string; url: string; handle: DbHandle; f: Fixture }[]): Promise<boolean> {
  buildIfMissing(DIST, (m) => console.log(`\n${m}`));
  const servers: ChildProcess[] = [];
  try {
    const targets: PageTarget[] = [];
    for (const [i, d] of dbs.entries()) {
      await benchUsers(d.handle.db, d.f);
      const port = FIRST_PORT + i;
      servers.push(await startNextServer({ dist: DIST, port, databaseUrl: d.url, env: { LOGIN_ATTEMPTS_PER_ADDRESS: "100000" } }));
      targets.push(await pageTarget(`http://127.0.0.1:${port}`, d.f));
    }
    const httpRounds = Math.max(5, Math.round(rounds * 0.6));
    const samples = await samplePages(targets, HTTP_PAGES, httpRounds, WARMUP);
    return report(`over HTTP: next start, signed in, the whole response (${httpRounds} rounds after ${WARMUP} warm-up rounds)`, HTTP_PAGES.map((p) => p.name), samples);
  } finally {
    for (const s of servers) s.kill("SIGTERM");
  }
}

const handles: DbHandle[] = [];
try {
  const dbs: { label: string; url: string; handle: DbHandle; f: Fixture }[] = [];
  for (const [label, url] of [["small", small], ["large", large]] as const) {
    const handle = await openDb({ url, max: 10 });
    handles.push(handle);
    dbs.push({ label, url, handle, f: await fixture(handle.db) });
  }
  for (const d of dbs.filter((x) => !x.f.stats)) {
    if (process.env.BENCH_ANALYZE !== "1") {
      console.error(
        `${d.handle.location} has no planner statistics (pg_stats is empty, autovacuum has not analysed it): its plans would not be ` +
          "production plans. Run ANALYZE on it, bench a copy that has them, or set BENCH_ANALYZE=1 to let this script run ANALYZE.",
      );
      process.exit(2);
    }
    await d.handle.db.execute(sql`ANALYZE`);
    d.f.stats = true;
  }
  for (const d of dbs) {
    console.log(
      `${d.label}: ${d.handle.location} — ${formatNumber(d.f.members)} members, ${formatNumber(d.f.booths)} booths` +
        (d.f.stats ? "" : "  (no planner statistics: run ANALYZE, as the seed and autovacuum do, or plans will differ)"),
    );
  }
  console.log(`${rounds} rounds per page and database after ${WARMUP} warm-up rounds; medians in ms\n`);
  const samples = new Map<string, number[][]>(PAGES.map((p) => [p.name, dbs.map(() => [])]));
  for (let round = 0; round < WARMUP + rounds; round++) {
    for (const page of PAGES) {
      // Alternate which database goes first, so neither always runs on a warmer machine.
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) {
        const ms = await time(page, dbs[i]!.handle.db, dbs[i]!.f);
        if (round >= WARMUP) samples.get(page.name)![i]!.push(ms);
      }
    }
  }
  let failed = report("in process: data for the page, loaded and serialised", PAGES.map((p) => p.name), samples);
  if (HTTP) failed = (await httpPass(dbs)) || failed;
  process.exitCode = failed ? 1 : 0;
} finally {
  await Promise.all(handles.map((h) => h.close()));
}
