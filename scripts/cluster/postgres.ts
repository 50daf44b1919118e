/**
 * pg_auto_failover for `npm run cluster`: a monitor and two data nodes on 127.0.0.1 (ports in layout.ts), run
 * as the `postgres` user (PostgreSQL refuses root) with /usr/lib/postgresql/15/bin on PATH, `--auth trust
 * --no-ssl`. pg_autoctl keeps its configuration and state under .cluster/pg/xdg (XDG_* variables), so that the
 * whole cluster lives in .cluster/ and deleting that folder leaves nothing behind in the postgres user's home.
 *
 * The processes run as postgres through Node's uid/gid (what `runuser -u postgres` does, without a runuser
 * parent in between): the PID recorded is pg_autoctl's own.
 */
import { spawnSync } from "node:child_process";
import pg from "pg";
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { HOST, MONITOR, NODES, PG_DIR, AUTOCTL_WRAPPER, LOG_DIR, type PidRecord } from "@/scripts/cluster/layout";
import { isRunning, sleep, spawnDetached, stopProcess } from "@/scripts/cluster/processes";

const PG_BIN = "/usr/lib/postgresql/15/bin";
const XDG = path.join(PG_DIR, "xdg");
const MONITOR_URL = `postgres://autoctl_node@${HOST}:${MONITOR.port}/pg_auto_failover`;

interface PgUser {
  uid?: number;
  gid?: number;
  home: string;
}

function pgUser(): PgUser {
  if (process.getuid?.() !== 0) return { home: process.env.HOME ?? "/tmp" };
  const entry = spawnSync("getent", ["passwd", "postgres"], { encoding: "utf8" }).stdout.trim().split(":");
  if (entry.length < 6) throw new Error("no postgres user (is the postgresql package installed?)");
  return { uid: Number(entry[2]), gid: Number(entry[3]), home: entry[5]! };
}

function pgEnv(user: PgUser): NodeJS.ProcessEnv {
  // Only these: the postgres user's processes get nothing of ours (no DATABASE_URL, no NODE_OPTIONS).
  const env: Record<string, string | undefined> = {
    PATH: `${PG_BIN}:/usr/local/bin:/usr/bin:/bin`,
    HOME: user.home,
    USER: user.uid === undefined ? process.env.USER : "postgres",
    LOGNAME: user.uid === undefined ? process.env.LOGNAME : "postgres",
    LANG: process.env.LANG ?? "C.UTF-8",
    XDG_CONFIG_HOME: path.join(XDG, "config"),
    XDG_DATA_HOME: path.join(XDG, "data"),
    XDG_RUNTIME_DIR: path.join(XDG, "run"),
  };
  return env as NodeJS.ProcessEnv;
}

function autoctlBin(): string {
  for (const bin of [path.join(PG_BIN, "pg_autoctl"), "/usr/bin/pg_autoctl"]) if (existsSync(bin)) return bin;
  throw new Error("pg_autoctl not found (Debian package postgresql-15-auto-failover)");
}

/** The folders pg_autoctl needs, owned by postgres; a wrapper `.cluster/autoctl` for use by hand. */
export function preparePgFolders(): void {
  const user = pgUser();
  const dirs = [PG_DIR, XDG, ...["config", "data", "run"].map((d) => path.join(XDG, d))];
  for (const dir of dirs) {
    mkdirSync(dir, { recursive: true });
    if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);
  }
  chmodSync(path.join(XDG, "run"), 0o700);
  // PostgreSQL's sockets (Debian's default folder; it is on a tmpfs that a container may not have kept).
  if (user.uid !== undefined && !existsSync("/var/run/postgresql")) {
    mkdirSync("/var/run/postgresql", { recursive: true, mode: 0o2775 });
    chownSync("/var/run/postgresql", user.uid, user.gid!);
  }
  const env = pgEnv(user);
  const vars = ["PATH", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"].map((k) => `${k}='${env[k]}'`).join(" ");
  const runAs = user.uid !== undefined ? "runuser -u postgres -- " : "";
  writeFileSync(
    AUTOCTL_WRAPPER,
    `#!/bin/sh\n# pg_autoctl for the cluster of \`npm run cluster\`, e.g.: .cluster/autoctl show state --pgdata ${MONITOR.pgdata}\nexec ${runAs}env ${vars} pg_autoctl "$@"\n`,
    { mode: 0o755 },
  );
}

/** pg_autoctl as postgres, waiting for it. */
export function autoctl(args: string[], timeoutMs = 60_000): { ok: boolean; out: string; err: string } {
  const user = pgUser();
  const r = spawnSync(autoctlBin(), args, { uid: user.uid, gid: user.gid, env: pgEnv(user), cwd: PG_DIR, encoding: "utf8", timeout: timeoutMs });
  return { ok: r.status === 0, out: r.stdout ?? "", err: r.stderr ?? "" };
}

function configured(pgdata: string): boolean {
  const cfg = path.join(XDG, "config", "pg_autoctl", pgdata, "pg_autoctl.cfg");
  return existsSync(path.join(pgdata, "PG_VERSION")) && existsSync(cfg);
}

/**
 * `pg_autoctl run` for a folder already created, else `pg_autoctl create … --run` (which then keeps running);
 * detached, as postgres, its output in .cluster/logs/<name>.log.
 */
export function startPgAutoctl(name: "monitor" | "node1" | "node2"): { rec: PidRecord; created: boolean } {
  const user = pgUser();
  const node = name === "monitor" ? MONITOR : NODES.find((n) => n.name === name)!;
  const created = !configured(node.pgdata);
  const common = ["--pgdata", node.pgdata, "--pgport", String(node.port), "--hostname", HOST, "--listen", HOST, "--auth", "trust", "--no-ssl"];
  const args = !created
    ? ["run", "--pgdata", node.pgdata]
    : name === "monitor"
      ? ["create", "monitor", ...common, "--run"]
      : ["create", "postgres", ...common, "--name", name, "--monitor", MONITOR_URL, "--run"];
  const pid = spawnDetached(autoctlBin(), args, path.join(LOG_DIR, `${name}.log`), { uid: user.uid, gid: user.gid, env: pgEnv(user), cwd: PG_DIR });
  return { rec: { pid, marker: "pg_autoctl" }, created };
}

/**
 * pg_auto_failover's defaults take about 50 s from a primary that vanished (machine gone, not just its
 * postmaster: pg_autoctl restarts that in a second) to a promoted standby: 20 s before the monitor calls the
 * node unhealthy, then 30 s for the old primary to demote itself (it cannot be told). Shorter here, in the
 * same order, so that writes resume within about 20 s:
 *   - the monitor checks every 2 s and calls a node unhealthy after 8 s without a report or an answer;
 *   - it waits 10 s for an unreachable primary to demote itself before promoting the standby;
 *   - a primary that reaches neither the monitor nor its standby demotes itself after 6 s (keeper's
 *     network_partition_timeout), well before that, so two nodes never accept writes at once.
 */
const MONITOR_SETTINGS: Record<string, string> = {
  "pgautofailover.health_check_period": "2000",
  "pgautofailover.health_check_timeout": "2000",
  "pgautofailover.health_check_retry_delay": "1000",
  "pgautofailover.node_considered_unhealthy_timeout": "8000",
  "pgautofailover.primary_demote_timeout": "10000",
};
const NETWORK_PARTITION_TIMEOUT = "6";

/** Applies MONITOR_SETTINGS (ALTER SYSTEM, reload); idempotent, run on every start. */
export async function tuneMonitor(): Promise<void> {
  const client = new pg.Client({ connectionString: `postgres://postgres@${HOST}:${MONITOR.port}/pg_auto_failover` });
  await client.connect();
  try {
    for (const [name, value] of Object.entries(MONITOR_SETTINGS)) await client.query(`ALTER SYSTEM SET ${name} = '${value}'`);
    await client.query("SELECT pg_reload_conf()");
  } finally {
    await client.end();
  }
}

/** The keeper's side of the same timing (pg_autoctl config set reloads a running service). */
export function tuneNode(pgdata: string): void {
  const r = autoctl(["config", "set", "--pgdata", pgdata, "timeout.network_partition_timeout", NETWORK_PARTITION_TIMEOUT]);
  if (!r.ok) throw new Error(`pg_autoctl config set (${path.basename(pgdata)}): ${(r.err || r.out).trim().split("\n").pop()}`);
}

export interface NodeState {
  name: string;
  port: number;
  reported: string;
  assigned: string;
}

/** `pg_autoctl show state` of the formation, or null while the monitor does not answer. */
export function formationState(): NodeState[] | null {
  // pg_autoctl keeps retrying a monitor that does not answer: ask only while its PostgreSQL runs.
  if (!configured(MONITOR.pgdata) || postmasterPid(MONITOR.pgdata) === null) return null;
  const r = autoctl(["show", "state", "--pgdata", MONITOR.pgdata, "--json"], 15_000);
  if (!r.ok) return null;
  try {
    const rows = JSON.parse(r.out) as Record<string, unknown>[];
    return rows.map((row) => ({
      name: String(row.node_name ?? row.nodename ?? "?"),
      port: Number(row.node_port ?? row.nodeport ?? 0),
      reported: String(row.reported_state ?? row.current_group_state ?? "?"),
      assigned: String(row.assigned_state ?? row.assigned_group_state ?? "?"),
    }));
  } catch {
    return null;
  }
}

export function describeState(nodes: NodeState[]): string {
  if (nodes.length === 0) return "no nodes yet";
  return nodes.map((n) => `${n.name}:${n.port} ${n.reported === n.assigned ? n.reported : `${n.reported}→${n.assigned}`}`).join(", ");
}

/** One primary and one secondary, both in the state the monitor assigned them. */
export function settled(nodes: NodeState[] | null): { primary: NodeState; secondary: NodeState } | null {
  const stable = (nodes ?? []).filter((n) => n.reported === n.assigned);
  const primary = stable.find((n) => n.reported === "primary");
  const secondary = stable.find((n) => n.reported === "secondary");
  return primary && secondary ? { primary, secondary } : null;
}

/** The postmaster's PID from the node's postmaster.pid, when that process is alive. */
export function postmasterPid(pgdata: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(pgdata, "postmaster.pid"), "utf8").split("\n")[0]);
    if (!Number.isInteger(pid) || pid <= 0) return null;
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/**
 * `pg_autoctl stop` (fast shutdown of its PostgreSQL, then the service ends), then the recorded PID if it is
 * still there, then a PostgreSQL left behind by a pg_autoctl that was killed.
 */
export async function stopPgAutoctl(pgdata: string, rec: PidRecord | undefined, log: (m: string) => void): Promise<void> {
  const name = path.basename(pgdata);
  const wasRunning = isRunning(rec);
  if (wasRunning || postmasterPid(pgdata) !== null) {
    const r = autoctl(["stop", "--pgdata", pgdata]);
    if (!r.ok) log(`  ${name}: pg_autoctl stop: ${(r.err || r.out).trim().split("\n").pop() ?? "failed"}`);
  }
  for (let i = 0; i < 100 && isRunning(rec); i++) await sleep(200);
  const outcome = await stopProcess(rec, 10_000);
  const leftover = postmasterPid(pgdata);
  if (leftover !== null) {
    const user = pgUser();
    spawnSync(path.join(PG_BIN, "pg_ctl"), ["stop", "-D", pgdata, "-m", "fast", "-w", "-t", "20"], { uid: user.uid, gid: user.gid, env: pgEnv(user), cwd: PG_DIR, stdio: "ignore" });
    const still = postmasterPid(pgdata);
    if (still !== null) process.kill(still, "SIGKILL");
    log(`  ${name}: stopped its PostgreSQL (${leftover}) left behind`);
  }
  log(`  ${name}: ${!wasRunning ? "not running" : outcome === "killed" ? "killed after the grace period" : "stopped"}`);
}
