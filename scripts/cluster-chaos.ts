/**
 * `npm run cluster:chaos` — the deadline evening with a machine lost, on the local cluster of `npm run cluster`
 * (started, or restarted whole, when any part of it is down):
 *
 *   for CHAOS_SECONDS (default 60): 50 enrolment-app clients through HAProxy, each a phone that uploads its
 *   queue at CHAOS_RATE sign-ups a second (default 1.5, under the per-token limit of 120 a minute) and, on a 503
 *   or a dropped connection, sends the same sign-up again with the same Idempotency-Key (after Retry-After);
 *   and 10 dashboard clients loading `/` one after another.
 *   At 15 s the primary PostgreSQL's postmaster is SIGKILLed; at 40 s one app process.
 *
 * Then every phone finishes its retries, and the database is checked: each sign-up that got a 201 is stored
 * exactly once (by its EPIC), and the counters equal a recount. The last line reads
 *   chaos: acknowledged N, stored N, lost 0, duplicated 0, write outage S s, 5xx other than 503: 0
 * where S is the longest time in which no sign-up was acknowledged. The exit code is 0 only when nothing was
 * lost or duplicated, the counters agree and no answer was a 5xx other than 503.
 * Load comes from plain fetch loops: autocannon cannot resend a request with its Idempotency-Key on a 503.
 */
import { spawnSync } from "node:child_process";
import { sql } from "drizzle-orm";
import { openDb, queryRows } from "@/db/client";
import { recount } from "@/db/recount";
import { DEMO_PASSWORD } from "@/lib/seed";
import { signIn } from "@/scripts/bench/pages";
import { percentile } from "@/scripts/bench/stats";
import { issueEnrollerTokens, signUp, type ApiClient } from "@/scripts/bench/signup";
import { APPS, HOST, LB_PORT, NODES, OWNER_URL, readPids, type ProcessName } from "@/scripts/cluster/layout";
import { formationState, postmasterPid, settled } from "@/scripts/cluster/postgres";
import { httpOk, isRunning, sleep, waitUntil } from "@/scripts/cluster/processes";

const SECONDS = Number(process.env.CHAOS_SECONDS ?? 60);
const RATE = Number(process.env.CHAOS_RATE ?? 1.5);
const API_CLIENTS = 50;
const DASHBOARD_CLIENTS = 10;
const KILL_PRIMARY_AT = 15;
const KILL_APP_AT = 40;
/** How long a phone keeps retrying one sign-up after the run before it gives up (counted, never silent). */
const RETRY_FOR_MS = 90_000;
const EPIC_PREFIX = "ZZC";
const BASE = `http://${HOST}:${LB_PORT}`;

const started = Date.now();
const at = () => (Date.now() - started) / 1000;
const log = (m: string) => console.log(`[chaos ${at().toFixed(1).padStart(5)} s] ${m}`);

function clusterIsUp(): boolean {
  const pids = readPids();
  const parts: ProcessName[] = ["monitor", "node1", "node2", "app1", "app2", "haproxy"];
  return parts.every((p) => isRunning(pids[p])) && settled(formationState()) !== null;
}

function npm(script: string): void {
  const r = spawnSync("npm", ["run", "--silent", script], { stdio: "inherit", env: process.env });
  if (r.status !== 0) throw new Error(`npm run ${script} failed (${r.signal ?? r.status})`);
}

interface Tally {
  acknowledged: Map<string, number>;
  /** Answers per status (or "network" for a dropped connection), for every attempt. */
  statuses: Map<string, number>;
  other5xx: number;
  refused: { status: number; body: string }[];
  gaveUp: string[];
  /** Times (s since start) at which a sign-up was acknowledged. */
  writes: number[];
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** One phone: its queue of sign-ups, each sent until it is acknowledged (or refused, or the phone gives up). */
async function phone(client: ApiClient, first: number, step: number, until: number, tally: Tally): Promise<void> {
  const gap = 1000 / RATE;
  for (let n = 0; Date.now() < until; n++) {
    const i = first + n * step;
    const body = signUp(i, client.boothCode, EPIC_PREFIX);
    const key = `chaos-${started}-${i}`;
    const tryUntil = Math.max(until, Date.now()) + RETRY_FOR_MS;
    const sent = Date.now();
    for (;;) {
      let status: number | "network";
      let retryAfter = 0.5;
      let text = "";
      try {
        const res = await fetch(`${BASE}/api/v1/members`, {
          method: "POST",
          headers: { authorization: `Bearer ${client.token}`, "idempotency-key": key, "content-type": "application/json" },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
        status = res.status;
        text = await res.text();
        retryAfter = Math.min(5, Number(res.headers.get("retry-after") ?? 0.5) || 0.5);
      } catch {
        status = "network";
      }
      bump(tally.statuses, String(status));
      if (status === 201) {
        if (!tally.acknowledged.has(body.epic)) tally.writes.push(at());
        bump(tally.acknowledged, body.epic);
        break;
      }
      if (typeof status === "number" && status >= 500 && status !== 503) tally.other5xx++;
      if (typeof status === "number" && status < 500 && status !== 429) {
        tally.refused.push({ status, body: text.slice(0, 200) });
        break;
      }
      if (Date.now() > tryUntil) {
        tally.gaveUp.push(body.epic);
        break;
      }
      await sleep(retryAfter * 1000);
    }
    const wait = gap - (Date.now() - sent);
    if (wait > 0) await sleep(wait);
  }
}

/** Every dashboard answer with its time (s since start), for the timeline printed after the run. */
async function dashboard(cookie: string, until: number, answers: { t: number; status: string }[]): Promise<void> {
  while (Date.now() < until) {
    const t = at();
    try {
      const res = await fetch(`${BASE}/`, { headers: { cookie }, redirect: "manual", signal: AbortSignal.timeout(15_000) });
      await res.arrayBuffer();
      answers.push({ t, status: String(res.status) });
      // The failover's error page is quick: a client that keeps reloading it would only spin.
      if (res.status >= 500) await sleep(200);
    } catch {
      answers.push({ t, status: "network" });
      await sleep(200);
    }
  }
}

/** Answers per 5 s of the run: `15-20 s: 200×40 500×12`. */
function timeline(answers: { t: number; status: string }[], origin: number): string[] {
  const buckets = new Map<number, Map<string, number>>();
  for (const a of answers) {
    const b = Math.floor((a.t - origin) / 5) * 5;
    const m = buckets.get(b) ?? new Map<string, number>();
    bump(m, a.status);
    buckets.set(b, m);
  }
  return [...buckets]
    .sort((x, y) => x[0] - y[0])
    .map(([b, m]) => `${String(b).padStart(3)}-${b + 5} s: ${[...m].map(([st, n]) => `${st}×${n}`).join(" ")}`);
}

/**
 * The primary node lost as a machine is lost: its pg_autoctl and its PostgreSQL together (SIGKILL to the
 * process group). A SIGKILL of the postmaster alone is mended by pg_autoctl restarting it within a second or
 * two, which measures a restart, not a failover.
 */
function killPrimary(): string {
  const state = settled(formationState());
  if (!state) throw new Error("no settled primary to kill");
  const node = NODES.find((n) => n.port === state.primary.port) ?? NODES.find((n) => state.primary.name.includes(n.name));
  if (!node) throw new Error(`primary ${JSON.stringify(state.primary)} is not one of this cluster's nodes`);
  const keeper = readPids()[node.name];
  const postmaster = postmasterPid(node.pgdata);
  if (keeper && isRunning(keeper)) process.kill(-keeper.pid, "SIGKILL");
  if (postmaster) {
    try {
      process.kill(postmaster, "SIGKILL");
    } catch {
      // gone with its group
    }
  }
  return `${node.name} (:${node.port}; pg_autoctl ${keeper?.pid ?? "?"} and postmaster ${postmaster ?? "?"})`;
}

async function main(): Promise<number> {
  if (!clusterIsUp()) {
    log("the cluster is not (wholly) running: npm run cluster:stop, then npm run cluster");
    npm("cluster:stop");
    npm("cluster");
  }
  if (!(await httpOk(`${BASE}/api/health`))) throw new Error(`${BASE}/api/health does not answer`);

  let owner = await openDb({ url: OWNER_URL, max: 2 });
  let exitCode = 1;
  try {
    const clients = await issueEnrollerTokens(owner.db, API_CLIENTS);
    if (clients.length === 0) throw new Error("no enroller posts to issue tokens to (is the cluster seeded?)");
    const [first] = await queryRows<{ next: number }>(
      owner.db,
      sql`SELECT coalesce(max(substr(epic, 4)::int) + 1, 0)::int AS next FROM members WHERE epic LIKE ${`${EPIC_PREFIX}%`}`,
    );
    const next = first?.next ?? 0;
    const cookie = await signIn(BASE, "pcc@demo.local", DEMO_PASSWORD);
    log(`${clients.length} phones at ${RATE}/s each and ${DASHBOARD_CLIENTS} dashboards for ${SECONDS} s through ${BASE}`);

    const tally: Tally = { acknowledged: new Map(), statuses: new Map(), other5xx: 0, refused: [], gaveUp: [], writes: [] };
    const dashboardAnswers: { t: number; status: string }[] = [];
    const loadStarted = at();
    const until = Date.now() + SECONDS * 1000;
    // The standby's replay lag under this load, as the primary measures it (pg_stat_replication.replay_lag; no
    // row's lag, or NULL once caught up, counts as 0), every 200 ms until the primary is lost.
    const lagMs: number[] = [];
    const lagSampler = (async () => {
      while (at() - loadStarted < KILL_PRIMARY_AT - 0.5) {
        const rows = await queryRows<{ ms: number; standbys: number }>(
          owner.db,
          sql`SELECT coalesce(max(extract(epoch FROM replay_lag)) * 1000, 0)::float8 AS ms, count(*)::int AS standbys FROM pg_stat_replication`,
        ).catch(() => []);
        if (rows[0]?.standbys) lagMs.push(rows[0].ms);
        await sleep(200);
      }
    })();
    const events = (async () => {
      await sleep(KILL_PRIMARY_AT * 1000);
      log(`SIGKILL the primary: ${killPrimary()}`);
      await sleep((KILL_APP_AT - KILL_PRIMARY_AT) * 1000);
      const app = readPids()[APPS[0].name];
      if (app && isRunning(app)) {
        process.kill(app.pid, "SIGKILL");
        log(`SIGKILL app process ${APPS[0].name} (:${APPS[0].port}, pid ${app.pid})`);
      }
    })();
    await Promise.all([
      events,
      lagSampler,
      ...clients.map((c, k) => phone(c, next + k, clients.length, until, tally)),
      ...Array.from({ length: DASHBOARD_CLIENTS }, () => dashboard(cookie, until, dashboardAnswers)),
    ]);
    log(
      lagMs.length
        ? `standby replay lag under this load before the primary was lost: p50 ${percentile(lagMs, 0.5).toFixed(1)} ms, p95 ${percentile(lagMs, 0.95).toFixed(1)} ms, max ${Math.max(...lagMs).toFixed(1)} ms (${lagMs.length} samples of pg_stat_replication)`
        : "standby replay lag: no standby was streaming",
    );
    log(`load over; phones finished their retries. API answers: ${[...tally.statuses].map(([s, n]) => `${s}×${n}`).join(", ")}`);
    log(`dashboards (/), from the load's start (primary lost at ${KILL_PRIMARY_AT} s, app process at ${KILL_APP_AT} s):`);
    for (const line of timeline(dashboardAnswers, loadStarted)) console.log(`    ${line}`);
    if (tally.refused.length) log(`refused (4xx): ${tally.refused.length}, e.g. ${JSON.stringify(tally.refused[0])}`);
    if (tally.gaveUp.length) log(`gave up after ${RETRY_FOR_MS / 1000} s of retries: ${tally.gaveUp.length}`);

    // The pool opened before the failover holds connections to the killed node: the checks use a new one, once
    // a primary answers again.
    await owner.close();
    owner = await openDb({ url: OWNER_URL, max: 2 });
    const db = owner.db;
    await waitUntil("a primary answering", 120_000, () => db.execute(sql`SELECT 1`).then(() => true, () => false), 1000);
    const stored = await queryRows<{ epic: string; n: number }>(
      owner.db,
      sql`SELECT epic, count(*)::int AS n FROM members WHERE epic LIKE ${`${EPIC_PREFIX}%`} AND substr(epic, 4)::int >= ${next} GROUP BY epic`,
    );
    const storedSet = new Map(stored.map((r) => [r.epic, r.n]));
    const acknowledged = tally.acknowledged.size;
    const lost = [...tally.acknowledged.keys()].filter((e) => !storedSet.has(e)).length;
    const duplicated = stored.filter((r) => r.n > 1).length;
    const differences = await recount(owner.db);
    log(`counters vs recount: ${differences.length === 0 ? "equal" : `${differences.length} differences, e.g. ${JSON.stringify(differences[0])}`}`);
    // The longest time within the load's SECONDS in which no sign-up was acknowledged (times from the load's start).
    const within = tally.writes.map((w) => w - loadStarted).filter((w) => w >= 0 && w <= SECONDS).sort((a, b) => a - b);
    const writes = [0, ...within, SECONDS];
    let outage = 0;
    for (let k = 1; k < writes.length; k++) outage = Math.max(outage, writes[k]! - writes[k - 1]!);
    const ok = lost === 0 && duplicated === 0 && tally.other5xx === 0 && differences.length === 0 && tally.refused.length === 0 && tally.gaveUp.length === 0;
    exitCode = ok ? 0 : 1;
    console.log(
      `chaos: acknowledged ${acknowledged}, stored ${stored.length}, lost ${lost}, duplicated ${duplicated}, write outage ${outage.toFixed(1)} s, 5xx other than 503: ${tally.other5xx}`,
    );
  } finally {
    await owner.close();
  }
  return exitCode;
}

try {
  process.exitCode = await main();
} catch (err) {
  console.error(`cluster:chaos failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
