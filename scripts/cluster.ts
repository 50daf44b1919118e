/**
 * `npm run cluster` — the local highly-available deployment, from nothing, out of well-known parts:
 *
 *   PostgreSQL   pg_auto_failover: monitor 127.0.0.1:5450, data nodes :5451 and :5452 (one primary, one hot
 *                standby), run as the postgres user; data in .cluster/pg/{monitor,node1,node2}
 *   database     `sadasyata` on the primary: migrations as postgres, the app as the role `sadasyata_app`
 *                (db/roles.ts), both through the multi-host URL
 *                postgres://…@127.0.0.1:5451,127.0.0.1:5452/sadasyata?target_session_attrs=read-write
 *                seeded once with the demo users and CLUSTER_MEMBERS members (default 20000); dashboard
 *                reads from the standby (DATABASE_READ_URL, the same nodes with target_session_attrs=prefer-standby)
 *   app          the production build (NEXT_DIST_DIR, default .next; built when it has no BUILD_ID), two
 *                `next start` processes on :3811 and :3812 sharing one AUTH_SECRET (.cluster/auth-secret)
 *   HAProxy      http://127.0.0.1:3810 in front of both (scripts/cluster/haproxy.ts)
 *
 * Every process runs detached (it outlives this script), logs to .cluster/logs/, and its PID is recorded in
 * .cluster/pids.json for `npm run cluster:stop`. Missing Debian packages (postgresql-15-auto-failover,
 * haproxy) are installed with apt-get. A second run reuses the data (no new seed); while a cluster runs, it
 * only prints the URL.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { openDb } from "@/db/client";
import { ensureAppRole } from "@/db/roles";
import { isSeeded } from "@/lib/seed";
import { buildIfMissing } from "@/scripts/next-server";
import {
  APP_ROLE,
  APP_URL,
  APPS,
  AUTH_SECRET_FILE,
  CLUSTER_DIR,
  DATABASE,
  HAPROXY_CFG,
  HOST,
  LB_PORT,
  LOG_DIR,
  MONITOR,
  NODES,
  READ_URL,
  OWNER_URL,
  PUBLIC_URL,
  readPids,
  writePids,
  type PidFile,
  type ProcessName,
} from "@/scripts/cluster/layout";
import { haproxyConfig } from "@/scripts/cluster/haproxy";
import { describeState, formationState, preparePgFolders, settled, startPgAutoctl, tuneMonitor, tuneNode } from "@/scripts/cluster/postgres";
import { ensurePackages, httpOk, isRunning, portInUse, spawnDetached, waitUntil } from "@/scripts/cluster/processes";
import { stopCluster } from "@/scripts/cluster/stop";

const started = Date.now();
const ALL: ProcessName[] = ["monitor", "node1", "node2", "app1", "app2", "haproxy"];
const dist = process.env.NEXT_DIST_DIR || ".next";
const members = Number(process.env.CLUSTER_MEMBERS ?? 20_000);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const log = (m: string) => console.log(`[cluster ${elapsed().padStart(5)}] ${m}`);

function printAccess(): void {
  const state = formationState();
  console.log(`
  ${PUBLIC_URL}   (HAProxy → next start on :${APPS.map((a) => a.port).join(" and :")})
  sign in as pcc@demo.local / demo-password   (also raipur@, itcell@ and admin@demo.local)
  PostgreSQL: ${state ? describeState(state) : "?"}; monitor :${MONITOR.port}
    state:  .cluster/autoctl show state --pgdata ${MONITOR.pgdata}
    psql:   psql '${OWNER_URL}'
  logs in .cluster/logs/
  stop:   npm run cluster:stop   (keeps the data; --clean removes it)`);
}

/** One AUTH_SECRET for both processes (a session signed by one is read by the other), kept across runs. */
function authSecret(): string {
  if (existsSync(AUTH_SECRET_FILE)) return readFileSync(AUTH_SECRET_FILE, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(AUTH_SECRET_FILE, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function runTsx(script: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("node_modules/.bin/tsx", [script, ...args], { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${script} failed (${signal ?? code})`))));
  });
}

async function waitForPostgres(pids: PidFile): Promise<{ primary: string; primaryPort: number }> {
  let last = "";
  const check = (name: ProcessName) => {
    if (!isRunning(pids[name])) throw new Error(`pg_autoctl (${name}) exited; see .cluster/logs/${name}.log`);
  };
  let roles: ReturnType<typeof settled> = null;
  // Settled three checks in a row: right after a restart the monitor still shows the roles of before the
  // stop, until the keepers report (and it may then assign a failover).
  let steady = 0;
  await waitUntil("one primary and one secondary", 300_000, () => {
    (["monitor", "node1", "node2"] as const).forEach(check);
    const state = formationState();
    const line = state ? describeState(state) : "monitor not answering yet";
    if (line !== last) log(`  ${line}`);
    const same = line === last;
    last = line;
    roles = settled(state);
    steady = roles !== null && same ? steady + 1 : roles !== null ? 1 : 0;
    return steady >= 3;
  }, 1000);
  const { primary } = roles as unknown as NonNullable<ReturnType<typeof settled>>;
  return { primary: primary.name, primaryPort: primary.port };
}

async function prepareDatabase(primaryPort: number): Promise<void> {
  const client = new pg.Client({ connectionString: `postgres://postgres@${HOST}:${primaryPort}/postgres` });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${DATABASE}`);
      log(`created database ${DATABASE}`);
    }
    if ((await ensureAppRole(client, APP_ROLE, null)) === "created") log(`created role ${APP_ROLE} (LOGIN, no other powers)`);
  } finally {
    await client.end();
  }
  const dbEnv = { DATABASE_OWNER_URL: OWNER_URL, DATABASE_URL: APP_URL };
  await runTsx("scripts/migrate.ts", [], dbEnv);
  const handle = await openDb({ url: OWNER_URL, max: 1 });
  const seeded = await isSeeded(handle.db).finally(() => handle.close());
  if (seeded) {
    log("database already seeded; reusing its data");
    return;
  }
  if (!Number.isInteger(members) || members < 0) throw new Error(`CLUSTER_MEMBERS must be a whole number, got ${process.env.CLUSTER_MEMBERS}`);
  log(`seeding ${members} members and the demo users (once; later runs reuse them)…`);
  await runTsx("scripts/seed.ts", ["--demo"], { ...dbEnv, SEED_MEMBERS: String(members) });
}

function build(): void {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  // next build may add the dist folder's types to tsconfig.json; the file is the repository's, not ours.
  const tsconfig = readFileSync("tsconfig.json", "utf8");
  try {
    buildIfMissing(dist, log);
  } finally {
    if (readFileSync("tsconfig.json", "utf8") !== tsconfig) writeFileSync("tsconfig.json", tsconfig);
  }
}

function startApps(pids: PidFile, secret: string): void {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_DIST_DIR: dist,
    DATABASE_URL: APP_URL,
    DATABASE_READ_URL: READ_URL,
    AUTH_SECRET: secret,
    AUTH_TRUST_HOST: "true",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PUBLIC_URL,
    // HAProxy on 127.0.0.1 appends the client's address to X-Forwarded-For: one trusted hop, from there only.
    TRUSTED_PROXY_HOPS: "1",
    TRUSTED_PROXIES: HOST,
  };
  for (const key of ["NODE_OPTIONS", "DATABASE_OWNER_URL", "PORT", "HOSTNAME"]) delete env[key];
  for (const app of APPS) {
    const logFile = path.join(LOG_DIR, `${app.name}.log`);
    appendFileSync(logFile, `--- ${new Date().toISOString()} next start -p ${app.port}\n`);
    const pid = spawnDetached(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(app.port), "-H", HOST], logFile, { env });
    pids[app.name] = { pid, marker: "next" };
    writePids(pids);
    log(`${app.name}: next start on :${app.port} (PID ${pid})`);
  }
}

function startHaproxy(pids: PidFile): void {
  writeFileSync(HAPROXY_CFG, haproxyConfig());
  const logFile = path.join(LOG_DIR, "haproxy.log");
  appendFileSync(logFile, `--- ${new Date().toISOString()} haproxy -W -f ${HAPROXY_CFG}\n`);
  // Master-worker in the foreground of its own session: its log goes to the file, its PID is the master's.
  const pid = spawnDetached("haproxy", ["-W", "-f", HAPROXY_CFG], logFile);
  pids.haproxy = { pid, marker: "haproxy" };
  writePids(pids);
  log(`haproxy on :${LB_PORT} (PID ${pid})`);
}

async function main(): Promise<void> {
  const previous = readPids();
  const alive = ALL.filter((name) => isRunning(previous[name]));
  if (alive.length === ALL.length && (await httpOk(`${PUBLIC_URL}/api/health`))) {
    console.log(`cluster: already running (started ${previous.startedAt ?? "earlier"}); not starting another`);
    printAccess();
    return;
  }
  if (alive.length > 0) {
    throw new Error(`a cluster is partly running (${alive.join(", ")} of ${ALL.join(", ")}); run npm run cluster:stop first`);
  }
  const ports = [MONITOR.port, ...NODES.map((n) => n.port), ...APPS.map((a) => a.port), LB_PORT];
  const busy = (await Promise.all(ports.map(async (p) => ((await portInUse(HOST, p)) ? p : null)))).filter((p) => p !== null);
  if (busy.length > 0) throw new Error(`port ${busy.join(", ")} on ${HOST} is in use by another process (npm run cluster:stop ends what an earlier run recorded)`);

  ensurePackages(["postgresql-15-auto-failover", "haproxy"], log);
  // First, as it needs no database: a failed build then leaves nothing running.
  build();
  mkdirSync(LOG_DIR, { recursive: true });
  const secret = authSecret();
  preparePgFolders();

  const pids: PidFile = { startedAt: new Date().toISOString() };
  writePids(pids);
  const stopOnSignal = () => {
    console.error("\ncluster: interrupted; stopping what started…");
    void stopCluster({ log: (m) => console.error(m) }).finally(() => process.exit(130));
  };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  try {
    const monitor = startPgAutoctl("monitor");
    pids.monitor = monitor.rec;
    writePids(pids);
    log(`monitor: ${monitor.created ? "pg_autoctl create monitor" : "pg_autoctl run"} on :${MONITOR.port} (PID ${monitor.rec.pid})`);
    await waitUntil("the monitor", 120_000, () => {
      if (!isRunning(pids.monitor)) throw new Error("pg_autoctl (monitor) exited; see .cluster/logs/monitor.log");
      return formationState() !== null;
    });
    await tuneMonitor();
    for (const node of NODES) {
      const n = startPgAutoctl(node.name);
      pids[node.name] = n.rec;
      writePids(pids);
      log(`${node.name}: ${n.created ? "pg_autoctl create postgres" : "pg_autoctl run"} on :${node.port} (PID ${n.rec.pid})`);
      // The first node of a new formation becomes its primary: let it register before the second one clones it.
      if (n.created && node.name === "node1") {
        await waitUntil("node1 registered", 120_000, () => {
          if (!isRunning(pids.node1)) throw new Error("pg_autoctl (node1) exited; see .cluster/logs/node1.log");
          return (formationState() ?? []).some((s) => s.name === "node1" && ["single", "wait_primary", "primary"].includes(s.reported));
        }, 1000);
      }
    }
    await waitForPostgres(pids);
    // pg_autoctl refuses `config set` while its service is mid-transition: a few tries, then the roles again.
    for (const node of NODES) {
      await waitUntil(`${node.name}'s failover timing`, 30_000, () => {
        try {
          tuneNode(node.pgdata);
          return true;
        } catch {
          return false;
        }
      }, 1000);
    }
    const { primary, primaryPort } = await waitForPostgres(pids);
    log(`PostgreSQL ready: primary ${primary} on :${primaryPort}`);

    await prepareDatabase(primaryPort);
    startApps(pids, secret);
    await Promise.all(
      APPS.map((app) =>
        waitUntil(`${app.name} answering /api/health`, 120_000, async () => {
          if (!isRunning(pids[app.name])) throw new Error(`${app.name} exited; see .cluster/logs/${app.name}.log`);
          return httpOk(`http://${HOST}:${app.port}/api/health`);
        }),
      ),
    );
    startHaproxy(pids);
    await waitUntil("HAProxy answering /api/health", 30_000, async () => {
      if (!isRunning(pids.haproxy)) throw new Error("haproxy exited; see .cluster/logs/haproxy.log");
      return httpOk(`${PUBLIC_URL}/api/health`);
    });
  } catch (err) {
    console.error(`cluster: ${err instanceof Error ? err.message : String(err)}; stopping what started…`);
    await stopCluster({ log: (m) => console.error(m) });
    throw err;
  } finally {
    process.off("SIGINT", stopOnSignal);
    process.off("SIGTERM", stopOnSignal);
  }
  console.log(`cluster: ready in ${elapsed()} (PIDs in ${path.relative(process.cwd(), CLUSTER_DIR)}/pids.json)`);
  printAccess();
}

try {
  await main();
} catch (err) {
  console.error(`cluster failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
