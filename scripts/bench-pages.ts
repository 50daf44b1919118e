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
import bcrypt from "bcryptjs";
import { sql } from "drizzle-orm";
import { openDb, queryRows, type Db, type DbHandle } from "@/db/client";
import { formatNumber } from "@/lib/format";
import type { Viewer } from "@/lib/auth/viewer";
import { listUnits, loadUnitProgress } from "@/lib/progress/data";
import { findUnit, scopeUnit } from "@/lib/geo/units";
import { loadTargetsPage } from "@/lib/targets/queries";
import { buildIfMissing, startNextServer } from "@/scripts/next-server";
import type { GeoLevel } from "@/lib/geo/levels";

const small = process.env.BENCH_SMALL_URL ?? "postgres://postgres@127.0.0.1:5432/sadasyata_200k";
const large = process.env.BENCH_LARGE_URL ?? "postgres://postgres@127.0.0.1:5432/sadasyata_2m";
const rounds = Number(process.env.BENCH_ROUNDS ?? 25);
const WARMUP = 3;
const LIMIT_MS = 150;
const LIMIT_RATIO = 1.3;
const HTTP = process.env.BENCH_HTTP !== "0";
const FIRST_PORT = Number(process.env.BENCH_PORT ?? 3331);
const DIST = process.env.NEXT_DIST_DIR || ".next";
const BENCH_PASSWORD = "bench-password";

interface Fixture {
  members: number;
  booths: number;
  stats: boolean;
  leadership: Viewer;
  president: Viewer;
  pcNo: string;
  acNo: string;
  splitAcNo: string;
  districtSlug: string;
  blockId: string;
  boothCode: string;
}

/** Viewers as `loadViewer` builds them, without needing user rows (the benchmark databases have none). */
async function fixture(db: Db): Promise<Fixture> {
  const [r] = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT s.id AS state_id, s.code, s.name, s.name_hi,
               (SELECT sum(members)::bigint FROM booth_counters) AS members, (SELECT count(*)::int FROM booths) AS booths,
               (SELECT count(*)::int FROM pg_stats WHERE schemaname = 'public' AND tablename = 'booths') > 0 AS stats,
               d.id AS d_id, d.slug AS d_slug, d.name AS d_name, d.name_hi AS d_name_hi,
               (SELECT min(id) FROM blocks WHERE district_id = d.id) AS block_id,
               (SELECT a.no FROM assembly_seats a JOIN booths b ON b.ac_id = a.id WHERE b.district_id = d.id ORDER BY a.no LIMIT 1) AS ac_no,
               (SELECT min(a.no) FROM assembly_seats a WHERE (SELECT count(*) FROM assembly_seat_districts x WHERE x.ac_id = a.id) > 1) AS split_ac_no,
               (SELECT p.no FROM lok_sabha_seats p JOIN booths b ON b.pc_id = p.id WHERE b.district_id = d.id LIMIT 1) AS pc_no,
               (SELECT code FROM booths WHERE district_id = d.id ORDER BY code LIMIT 1 OFFSET 100) AS booth_code
        FROM states s JOIN districts d ON d.state_id = s.id AND d.slug = 'raipur' LIMIT 1`,
  );
  if (!r) throw new Error("no seeded state with a district 'raipur'");
  const stateId = Number(r.state_id);
  const viewer = (role: Viewer["role"], scope: Viewer["scope"]): Viewer => ({ id: 0, email: "bench@local", name: "bench", role, scope });
  return {
    members: Number(r.members),
    booths: Number(r.booths),
    stats: Boolean(r.stats),
    leadership: viewer("leadership", { level: "state", stateId, id: stateId, name: String(r.name), nameHi: String(r.name_hi), key: String(r.code) }),
    president: viewer("district_president", {
      level: "district",
      stateId,
      id: Number(r.d_id),
      name: String(r.d_name),
      nameHi: r.d_name_hi === null ? null : String(r.d_name_hi),
      key: String(r.d_slug),
    }),
    pcNo: String(r.pc_no),
    acNo: String(r.ac_no),
    splitAcNo: String(r.split_ac_no),
    districtSlug: String(r.d_slug),
    blockId: String(r.block_id),
    boothCode: String(r.booth_code),
  };
}

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
  { name: "/targets (state leadership)", run: (db, f) => loadTargetsPage(db, f.leadership) },
  { name: "/targets (district president)", run: (db, f) => loadTargetsPage(db, f.president) },
];

async function time(page: Page, db: Db, f: Fixture): Promise<number> {
  const started = performance.now();
  const data = await page.run(db, f);
  JSON.stringify(data);
  return performance.now() - started;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

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

/** Sign-in users for the HTTP pass, added once per database (the bench databases are seeded without users). */
async function benchUsers(db: Db, f: Fixture) {
  const hash = await bcrypt.hash(BENCH_PASSWORD, 4);
  await db.execute(sql`INSERT INTO users (email, name, password_hash, role, state_id, scope_level, district_id)
    VALUES ('bench-pcc@bench.local', 'Bench leadership', ${hash}, 'leadership', ${f.leadership.scope.stateId}, 'state', NULL),
           ('bench-district@bench.local', 'Bench district president', ${hash}, 'district_president', ${f.president.scope.stateId}, 'district', ${f.president.scope.id})
    ON CONFLICT (lower(email)) DO UPDATE SET password_hash = EXCLUDED.password_hash, active = true`);
}

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]!);

/** Auth.js credentials sign-in, as the login form does it: CSRF token first, then the callback. */
async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, email, password: BENCH_PASSWORD, callbackUrl: `${base}/` }),
  });
  const session = cookiesOf(res).find((c) => /session-token=/.test(c));
  if (!session) throw new Error(`sign-in of ${email} at ${base} failed (${res.status})`);
  return session;
}

interface HttpPage {
  name: string;
  as: "pcc" | "district";
  path: (f: Fixture) => string;
}
const HTTP_PAGES: HttpPage[] = [
  { name: "/ (state leadership)", as: "pcc", path: () => "/" },
  { name: "/ (district president)", as: "district", path: () => "/" },
  { name: "/api/progress/summary (state)", as: "pcc", path: () => "/api/progress/summary" },
  { name: "/lok-sabha", as: "pcc", path: () => "/lok-sabha" },
  { name: "/assembly", as: "pcc", path: () => "/assembly" },
  { name: "/districts", as: "pcc", path: () => "/districts" },
  { name: "/lok-sabha/[no]", as: "pcc", path: (f) => `/lok-sabha/${f.pcNo}` },
  { name: "/assembly/[no]", as: "pcc", path: (f) => `/assembly/${f.acNo}` },
  { name: "/assembly/[no] (two districts)", as: "pcc", path: (f) => `/assembly/${f.splitAcNo}` },
  { name: "/districts/[slug]", as: "pcc", path: (f) => `/districts/${f.districtSlug}` },
  { name: "/districts/[slug]/blocks/[id]", as: "pcc", path: (f) => `/districts/${f.districtSlug}/blocks/${f.blockId}` },
  { name: "/booths/[code]", as: "pcc", path: (f) => `/booths/${f.boothCode}` },
  { name: "/targets (state leadership)", as: "pcc", path: () => "/targets" },
  { name: "/targets (district president)", as: "district", path: () => "/targets" },
];

async function httpPass(dbs: { label: string; url: string; handle: DbHandle; f: Fixture }[]): Promise<boolean> {
  buildIfMissing(DIST, (m) => console.log(`\n${m}`));
  const servers: ChildProcess[] = [];
  try {
    const targets: { base: string; f: Fixture; cookies: Record<HttpPage["as"], string> }[] = [];
    for (const [i, d] of dbs.entries()) {
      await benchUsers(d.handle.db, d.f);
      const port = FIRST_PORT + i;
      servers.push(await startNextServer({ dist: DIST, port, databaseUrl: d.url, env: { LOGIN_ATTEMPTS_PER_ADDRESS: "100000" } }));
      const base = `http://127.0.0.1:${port}`;
      targets.push({ base, f: d.f, cookies: { pcc: await signIn(base, "bench-pcc@bench.local"), district: await signIn(base, "bench-district@bench.local") } });
    }
    const samples = new Map<string, number[][]>(HTTP_PAGES.map((p) => [p.name, dbs.map(() => [])]));
    const httpRounds = Math.max(5, Math.round(rounds * 0.6));
    for (let round = 0; round < WARMUP + httpRounds; round++) {
      for (const page of HTTP_PAGES) {
        for (const i of round % 2 === 0 ? [0, 1] : [1, 0]) {
          const t = targets[i]!;
          const started = performance.now();
          const res = await fetch(t.base + page.path(t.f), { headers: { cookie: t.cookies[page.as] }, redirect: "manual" });
          const body = await res.text();
          const ms = performance.now() - started;
          if (res.status !== 200) throw new Error(`${page.path(t.f)} on ${t.base}: ${res.status} ${body.slice(0, 200)}`);
          if (round >= WARMUP) samples.get(page.name)![i]!.push(ms);
        }
      }
    }
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
