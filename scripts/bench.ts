/**
 * `npm run bench` — every performance figure of issue 13 in one run, against PostgreSQL (DATABASE_ADMIN_URL,
 * default postgres://postgres@127.0.0.1:5432/postgres) and the embedded PGlite demo:
 *
 *  1. seeds fresh databases `sadasyata_bench_small` (2,00,000 members) and `sadasyata_bench_large`
 *     (20,00,000) with lib/seed, and a PGlite folder (bench/.pglite, 2,00,000, the demo users);
 *  2. the naive totals: COUNT(*) over members at both sizes (what the counters save);
 *  3. starts the production build (NEXT_DIST_DIR, default .next-bench, built when missing) once per database
 *     on ports BENCH_PORT (default 3651, the large one), +1 (small) and +2 (PGlite); +3 for the mixed load's
 *     API process;
 *  4. every dashboard page over HTTP, signed in, at both sizes: p50, p95 and the large ÷ small ratio;
 *  5. load with autocannon, each run in a process of its own (scripts/bench/autocannon-runner.ts): `/` with
 *     50 clients on the large database; the browser figures of `/` (scripts/bench/browser.ts); the enrolment
 *     API with 50 clients while 10 clients load `/`, then the counters are checked against a recount: once with
 *     one process serving both, once with the API on a process of its own (as a deployment routes it; the
 *     quality job runs in the other process), and the time the quality job then takes for the backlog;
 *  6. the quality scan of the large database (before the servers start, so their job is idle); the rollup SQL at all-India booth count (scripts/bench/scale.ts);
 *     the booth, member and appointment importers on a scratch database; `/` with 20 clients on PGlite;
 *  7. prints the tables and the goals (met / not met / not measured), writes bench/results.json.
 *
 *   BENCH_SIZE=small  the same steps at tiny sizes and 3-second loads (CI: writes bench/results.small.json)
 *   BENCH_REUSE=1     reuse the bench databases and PGlite folder when they are already seeded (and keep them)
 *   --keep            keep the databases and the PGlite folder at the end
 *
 * Exit code 0 when every step ran (goals not met are reported, not failures); 1 when a step errored: a server
 * that did not start, a page that did not answer 200, a sign-up count or counter that does not add up.
 * Every process it starts is ended on the way out, Ctrl-C included. Run with the react-server condition (the
 * npm script does), as server-only modules are loaded outside Next.
 */
import type { ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrateDb, openDb, queryRows, type Db, type DbHandle } from "@/db/client";
import { recount } from "@/db/recount";
import { DEMO_PASSWORD, isSeeded } from "@/lib/seed";
import { drainQualityQueue } from "@/lib/members/quality/job";
import { scanAll } from "@/lib/members/quality/scan";
import { buildIfMissing, startNextServer } from "@/scripts/next-server";
import { ADMIN_URL, copyDatabase, databaseExists, databaseUrl, dropDatabase, seedFreshDatabase } from "@/scripts/bench/databases";
import { timeImports } from "@/scripts/bench/imports";
import { describeLoad, runLoad, type LoadResult } from "@/scripts/bench/load";
import { timeNaiveTotals } from "@/scripts/bench/naive";
import { BENCH_LEADERSHIP, BENCH_PASSWORD, benchUsers, fixture, HTTP_PAGES, pageTarget, samplePages, signIn, type Fixture } from "@/scripts/bench/pages";
import { preparePglite } from "@/scripts/bench/pglite";
import { killDescendants, killTree } from "@/scripts/bench/procs";
import { goals, printReport, type Measured, type PageFigures, type Results } from "@/scripts/bench/report";
import { issueEnrollerTokens } from "@/scripts/bench/signup";
import { median, percentile } from "@/scripts/bench/stats";

const SMALL = process.env.BENCH_SIZE === "small";
const REUSE = process.env.BENCH_REUSE === "1";
const KEEP = process.argv.includes("--keep") || REUSE;
const PORT = Number(process.env.BENCH_PORT ?? 3651);
const DIST = process.env.NEXT_DIST_DIR || ".next-bench";
const SIZES = SMALL
  ? { small: 10_000, large: 40_000, pglite: 10_000, importMembers: 5_000, importBooths: 2_000, importAppointments: 500, loadSeconds: 5, rounds: 3, warmup: 1 }
  : { small: 200_000, large: 2_000_000, pglite: 200_000, importMembers: 100_000, importBooths: 25_000, importAppointments: 5_000, loadSeconds: 20, rounds: 15, warmup: 3 };
/** Concurrent clients of each load run; a few in the small run, whose seconds are too short for 50 to get answers. */
const CLIENTS = SMALL ? { load: 4, pglite: 2, api: 4, dashboard: 2 } : { load: 50, pglite: 20, api: 50, dashboard: 10 };
const PREFIX = SMALL ? "sadasyata_bench_ci" : "sadasyata_bench";
const DB = { small: `${PREFIX}_small`, large: `${PREFIX}_large`, imports: `${PREFIX}_import` } as const;
const PGLITE_DIR = path.resolve(process.env.BENCH_PGLITE_DIR ?? (SMALL ? "bench/.pglite-small" : "bench/.pglite"));
const RESULTS_FILE = SMALL ? "bench/results.small.json" : "bench/results.json";
/** The EPICs of the API load's sign-ups: three letters no seed uses, then a running number. */
const EPIC_PREFIX = "ZZB";

const started = Date.now();
const log = (m: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`);
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

const results: Results = {
  size: SMALL ? "small" : "full",
  startedAt: new Date().toISOString(),
  machine: { cpus: cpus().length, loadStart: loadavg() },
  members: { small: SIZES.small, large: SIZES.large, pglite: SIZES.pglite },
  seed: {},
  errors: [],
};

/** Set on Ctrl-C (SIGINT) or SIGTERM: no further step starts, and what fails meanwhile is not an error. */
let stopping = false;

/** Runs one step; an exception is recorded as an error (exit 1) and the run goes on without the step's result. */
async function step<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
  if (stopping) return undefined;
  log(name);
  try {
    return await fn();
  } catch (err) {
    if (stopping) return undefined;
    results.errors.push({ step: name, message: message(err) });
    log(`${name}: ERROR ${message(err)}`);
    return undefined;
  }
}

/**
 * A module other work provides (scripts/bench/scale.ts, scripts/bench/browser.ts): loaded when the step
 * runs, so that the benchmark runs without it; its absence or failure is "not measured", not an error.
 */
async function optional<T>(file: string, run: (mod: Record<string, unknown>) => Promise<T>): Promise<Measured<T>> {
  if (stopping) return { notMeasured: "stopped" };
  try {
    const specifier = `@/scripts/bench/${file}`;
    const mod = (await import(specifier)) as Record<string, unknown>;
    return await run(mod);
  } catch (err) {
    log(`${file}: not measured (${message(err)})`);
    return { notMeasured: message(err) };
  }
}

const running = new Set<ChildProcess>();

async function startServer(port: number, databaseUrl: string, env: Record<string, string> = {}): Promise<{ base: string; server: ChildProcess }> {
  const server = await startNextServer({
    dist: DIST,
    port,
    databaseUrl,
    env: {
      LOGIN_ATTEMPTS_PER_ADDRESS: "100000",
      // The per-token limit guards against one runaway phone; the benchmark measures the server instead.
      MEMBERS_API_BURST: "1000000000",
      MEMBERS_API_PER_MINUTE: "1000000000",
      ...env,
    },
  });
  running.add(server);
  return { base: `http://127.0.0.1:${port}`, server };
}

async function stopServer(server: ChildProcess | undefined): Promise<void> {
  if (!server) return;
  running.delete(server);
  await killTree(server.pid);
}

/** `next build` with another NEXT_DIST_DIR adds its types folder to tsconfig.json: put the file back. */
function build(): void {
  const before = readFileSync("tsconfig.json", "utf8");
  try {
    buildIfMissing(DIST, log);
  } finally {
    if (readFileSync("tsconfig.json", "utf8") !== before) writeFileSync("tsconfig.json", before);
  }
}

/** The bench database `name` with `members` members: reused (BENCH_REUSE=1) when already seeded, else seeded fresh. */
async function seeded(name: string, members: number): Promise<string> {
  const url = databaseUrl(ADMIN_URL, name);
  if (REUSE && (await databaseExists(ADMIN_URL, name))) {
    const h = await openDb({ url, max: 1 });
    try {
      // A database seeded by an earlier run gets the migrations added since (they keep the data).
      await migrateDb(h);
      if (await isSeeded(h.db)) {
        results.seed[name] = { seconds: 0, reused: true };
        log(`${name}: reused`);
        return url;
      }
    } finally {
      await h.close();
    }
  }
  const s = await seedFreshDatabase(ADMIN_URL, name, { members, log: (m) => log(`${name} ${m}`) });
  results.seed[name] = { seconds: s.seconds, reused: false };
  return url;
}

/** A few sequential requests first, so a load run does not measure the server's first compilations. */
async function warm(base: string, cookie: string, times = 3): Promise<void> {
  for (let i = 0; i < times; i++) {
    const res = await fetch(`${base}/`, { headers: { cookie }, redirect: "manual" });
    await res.text();
    if (res.status !== 200) throw new Error(`/ on ${base} answered ${res.status}`);
  }
}

const countEpics = async (db: Db) =>
  (await queryRows<{ n: number; next: number }>(
    db,
    sql`SELECT count(*)::int AS n, coalesce(max(substr(epic, 4)::int) + 1, 0)::int AS next FROM members WHERE epic LIKE ${`${EPIC_PREFIX}%`}`,
  ))[0]!;

function pageFigures(samples: Map<string, number[][]>): PageFigures[] {
  return HTTP_PAGES.map((p) => {
    const [s, l] = samples.get(p.name)! as [number[], number[]];
    const small = { p50: median(s), p95: percentile(s, 0.95) };
    const large = { p50: median(l), p95: percentile(l, 0.95) };
    return { name: p.name, small, large, ratio: large.p50 / small.p50 };
  });
}

/** Steps 2–6 on PostgreSQL: naive totals, pages, loads, browser, mixed load, recount, quality scan. */
async function postgres(smallUrl: string, largeUrl: string, built: boolean): Promise<void> {
  const handles: DbHandle[] = [];
  try {
    const [small, large] = [await openDb({ url: smallUrl, max: 4 }), await openDb({ url: largeUrl, max: 4 })];
    handles.push(small, large);
    const fs = await fixture(small.db);
    const fl = await fixture(large.db);
    results.members.small = fs.members;
    results.members.large = fl.members;
    await benchUsers(small.db, fs);
    await benchUsers(large.db, fl);

    results.naive = await step("naive totals (COUNT(*) over members)", async () => {
      const rounds = SMALL ? 2 : 3;
      const a = await timeNaiveTotals(small.db, rounds);
      const b = await timeNaiveTotals(large.db, rounds);
      log(`naive totals: ${a.ms.toFixed(1)} ms at ${fs.members}, ${b.ms.toFixed(1)} ms at ${fl.members}`);
      return { smallMs: a.ms, largeMs: b.ms, ratio: b.ms / a.ms, groups: b.groups };
    });
    // The seeded members wait in the quality queue; scanned now (timed), so that the servers' quality job is
    // idle as in a running deployment (npm run demo scans its seed too) and sees only the benchmark's sign-ups,
    // instead of working through 20 lakh members while the pages and loads are measured.
    results.qualityScan = await step("quality scan of the large database", async () => {
      const r = await scanAll(large.db);
      log(`quality scan: ${r.members} members in ${r.seconds.toFixed(1)} s`);
      return { members: r.members, seconds: r.seconds };
    });
    await step("quality scan of the small database (the backlog only, not reported)", () => scanAll(small.db));
    if (built) await servers(large.db, fs, fl);
  } finally {
    await Promise.all(handles.map((h) => h.close()));
  }
}

async function servers(largeDb: Db, fs: Fixture, fl: Fixture): Promise<void> {
  const largeServer = await step(`server on ${DB.large}`, () => startServer(PORT, databaseUrl(ADMIN_URL, DB.large)));
  const smallServer = await step(`server on ${DB.small}`, () => startServer(PORT + 1, databaseUrl(ADMIN_URL, DB.small)));
  try {
    if (!largeServer) return;
    const largeTarget = await step("sign in (large)", () => pageTarget(largeServer.base, fl));
    if (smallServer && largeTarget) {
      results.pages = await step("pages over HTTP", async () => {
        const targets = [await pageTarget(smallServer.base, fs), largeTarget];
        const samples = await samplePages(targets, HTTP_PAGES, SIZES.rounds, SIZES.warmup);
        return { rounds: SIZES.rounds, warmup: SIZES.warmup, pages: pageFigures(samples) };
      });
    }
    await stopServer(smallServer?.server);
    if (!largeTarget) return;
    const cookie = largeTarget.cookies.pcc;

    results.load = await step(`load: / with ${CLIENTS.load} clients on the large database`, async () => {
      await warm(largeServer.base, cookie);
      const r = await runLoad({ base: largeServer.base, path: "/", connections: CLIENTS.load, seconds: SIZES.loadSeconds, headers: { cookie } });
      log(`/ ×${CLIENTS.load}: ${describeLoad(r)}`);
      return r;
    });

    log("browser: / as the state leadership");
    results.browser = await optional("browser", async (mod) => {
      const measure = mod.measureBrowser as (o: { baseUrl: string; email: string; password: string; path?: string }) => Promise<{ lcpMs: number; jsGzipBytes: number; htmlBytes: number }>;
      return measure({ baseUrl: largeServer.base, email: BENCH_LEADERSHIP, password: BENCH_PASSWORD, path: "/" });
    });

    // Mixed load, twice. First as one process serves it all: the dashboards' renders and the sign-ups share one
    // event loop. Then as a deployment would route it (docs/SCALE.md): the enrolment API in a process of its own,
    // the dashboards in another, both on this machine's two cores and one PostgreSQL.
    const clients = await step("tokens for the API's clients", async () => {
      const c = await issueEnrollerTokens(largeDb, CLIENTS.api);
      if (c.length === 0) throw new Error("no enroller posts to issue tokens to");
      return c;
    });
    if (!clients) return;
    results.mixed = await step(`mixed load, one process: the enrolment API with ${CLIENTS.api} clients while ${CLIENTS.dashboard} clients load /`, () =>
      mixedLoad(largeDb, clients, { api: largeServer, dashboard: largeServer, cookie }),
    );
    // The quality job (signals for each sign-up, from quality_queue) runs in the dashboards' process only: the
    // API's process writes sign-ups and their counters; their checks follow asynchronously, as designed.
    results.mixedSplit = await step(`mixed load, two processes: the API on its own process (no quality job), / and the quality job on another`, async () => {
      const dashboard = await startServer(PORT + 1, databaseUrl(ADMIN_URL, DB.large));
      const api = await startServer(PORT + 3, databaseUrl(ADMIN_URL, DB.large), { QUALITY_JOB: "off" });
      const dashCookie = await signIn(dashboard.base, BENCH_LEADERSHIP);
      await warm(dashboard.base, dashCookie);
      return mixedLoad(largeDb, clients, { api, dashboard, cookie: dashCookie });
    });
  } finally {
    await stopServer(smallServer?.server);
    await stopServer(largeServer?.server);
  }
}

/**
 * The enrolment API with CLIENTS.api clients while CLIENTS.dashboard clients load / (through `servers.api` and
 * `servers.dashboard`, which may be one process); then the servers stop, and the members written are checked
 * against the 201s and the counters against a recount.
 */
async function mixedLoad(
  largeDb: Db,
  clients: Awaited<ReturnType<typeof issueEnrollerTokens>>,
  servers: { api: { base: string; server: ChildProcess }; dashboard: { base: string; server: ChildProcess }; cookie: string },
) {
  const before = await countEpics(largeDb);
  const [api, dashboard] = await Promise.all([
    runLoad({
      base: servers.api.base,
      path: "/api/v1/members",
      connections: CLIENTS.api,
      seconds: SIZES.loadSeconds,
      signUps: { clients, epicPrefix: EPIC_PREFIX, firstIndex: before.next },
    }),
    runLoad({ base: servers.dashboard.base, path: "/", connections: CLIENTS.dashboard, seconds: SIZES.loadSeconds, headers: { cookie: servers.cookie } }),
  ]);
  log(`API ×${CLIENTS.api}: ${describeLoad(api, "sign-ups/s")}`);
  log(`/ ×${CLIENTS.dashboard} meanwhile: ${describeLoad(dashboard)}`);
  // The servers (and their quality jobs) stop before the count and the recount.
  await stopServer(servers.api.server);
  await stopServer(servers.dashboard.server);
  const written = (await countEpics(largeDb)).n - before.n;
  const recountStarted = performance.now();
  const differences = await recount(largeDb);
  const recountSeconds = (performance.now() - recountStarted) / 1000;
  const created = api.statuses["201"] ?? 0;
  log(`mixed: ${written} members written, recount in ${recountSeconds.toFixed(1)} s: ${differences.length} differences`);
  // autocannon stops at the deadline without waiting for the requests in flight: the server may still have
  // written those (at most one per connection), so the members written are the 201s plus at most that.
  const inFlight = CLIENTS.api + api.errors + api.timeouts;
  if (written < created || written > created + inFlight) {
    throw new Error(`${created} sign-ups answered 201 (and up to ${inFlight} in flight at the end) but ${written} members were written`);
  }
  if (differences.length > 0) throw new Error(`counters differ from a recount after the API load: ${JSON.stringify(differences.slice(0, 3))}`);
  const refused = Object.entries(api.statuses).filter(([code]) => code.startsWith("4"));
  if (refused.length > 0) throw new Error(`the API refused sign-ups: ${refused.map(([code, n]) => `${code}×${n}`).join(", ")}`);
  // The servers' quality job checked sign-ups while they arrived; what it had not reached is checked now, so
  // that the next run's servers do not start on this run's backlog.
  const drainStarted = performance.now();
  const drained = await drainQualityQueue(largeDb);
  const qualityBacklog = { members: drained.members, seconds: (performance.now() - drainStarted) / 1000 };
  log(`mixed: the quality job's backlog, ${qualityBacklog.members} sign-ups, checked in ${qualityBacklog.seconds.toFixed(1)} s`);
  return { api, dashboard, written, recountDifferences: differences.length, recountSeconds, qualityBacklog };
}

async function pgliteDemo(): Promise<void> {
  const pglite = await step(`PGlite demo in ${path.relative(process.cwd(), PGLITE_DIR)}`, async () => {
    results.seed.pglite = await preparePglite(PGLITE_DIR, SIZES.pglite, REUSE, log);
    return startServer(PORT + 2, "", { PGLITE_DIR, DATABASE_OWNER_URL: "" });
  });
  if (!pglite) return;
  try {
    results.pglite = await step(`load: / with ${CLIENTS.pglite} clients on the PGlite demo`, async () => {
      const cookie = await signIn(pglite.base, "pcc@demo.local", DEMO_PASSWORD);
      await warm(pglite.base, cookie);
      const r: LoadResult = await runLoad({ base: pglite.base, path: "/", connections: CLIENTS.pglite, seconds: SIZES.loadSeconds, headers: { cookie } });
      log(`PGlite / ×${CLIENTS.pglite}: ${describeLoad(r)}`);
      return r;
    });
  } finally {
    await stopServer(pglite.server);
  }
}

async function main(): Promise<void> {
  log(`${SMALL ? "BENCH_SIZE=small" : "full size"}: ${SIZES.small} and ${SIZES.large} members on PostgreSQL, ${SIZES.pglite} on PGlite; load ${SIZES.loadSeconds} s`);
  const smallUrl = await step(`seed ${DB.small}`, () => seeded(DB.small, SIZES.small));
  const largeUrl = await step(`seed ${DB.large}`, () => seeded(DB.large, SIZES.large));
  const built = Boolean(await step(`build (${DIST})`, async () => (build(), true)));
  if (smallUrl && largeUrl) await postgres(smallUrl, largeUrl, built);

  log("rollup SQL at all-India booth count");
  // The goal is one state's overview in a database of all India's booths: the largest state (Uttar Pradesh,
  // ~1.6 lakh booths) is the worst case; the whole country in one statement is reported beside it.
  results.rollup = await optional("scale", async (mod) => {
    type Timing = { booths: number; cells: number; boothLevelMs: number; cellMs: number };
    const measure = mod.measureAllIndiaRollup as (o: { adminUrl: string; log: (m: string) => void; small?: boolean }) => Promise<
      Timing & { bigState: Timing & { code: string } }
    >;
    const r = await measure({ adminUrl: ADMIN_URL, log: (m) => log(`rollup: ${m}`), small: SMALL });
    return {
      booths: r.booths,
      cells: r.bigState.cells,
      boothLevelMs: r.bigState.boothLevelMs,
      cellMs: r.bigState.cellMs,
      state: r.bigState.code,
      stateBooths: r.bigState.booths,
      allIndia: { cells: r.cells, boothLevelMs: r.boothLevelMs, cellMs: r.cellMs },
    };
  });

  if (smallUrl) {
    results.imports = await step(`imports on ${DB.imports} (a copy of ${DB.small})`, async () => {
      const url = await copyDatabase(ADMIN_URL, DB.small, DB.imports);
      return timeImports(url, { members: SIZES.importMembers, booths: SIZES.importBooths, appointments: SIZES.importAppointments }, log);
    });
    await dropDatabase(ADMIN_URL, DB.imports).catch(() => undefined);
  }

  if (built) await pgliteDemo();
}

let cleaned: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaned ??= (async () => {
    for (const s of running) await killTree(s.pid);
    await killDescendants();
    if (!KEEP) {
      for (const name of Object.values(DB)) await dropDatabase(ADMIN_URL, name).catch((err) => log(`could not drop ${name}: ${message(err)}`));
      rmSync(PGLITE_DIR, { recursive: true, force: true });
    } else {
      await dropDatabase(ADMIN_URL, DB.imports).catch(() => undefined);
      log(`kept ${DB.small}, ${DB.large} and ${PGLITE_DIR}`);
    }
  })();
  return cleaned;
}

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    stopping = true;
    log(`${sig}: stopping; ending every process the benchmark started${KEEP ? "" : " and dropping its databases"}`);
    void cleanup().finally(() => process.exit(130));
  });
}

try {
  await main();
} catch (err) {
  results.errors.push({ step: "bench", message: message(err) });
} finally {
  await cleanup();
  results.finishedAt = new Date().toISOString();
  results.machine.loadEnd = loadavg();
  results.goals = goals(results);
  printReport(results);
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${RESULTS_FILE} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exitCode = results.errors.length > 0 ? 1 : 0;
}
