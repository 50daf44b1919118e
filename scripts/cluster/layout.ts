/**
 * Where the local cluster of `npm run cluster` lives and how its parts are reached: one place for the ports,
 * the folders under `<repo>/.cluster/`, the connection strings and the PID file, so that `cluster:stop` (and
 * any later script that drives the cluster, such as a chaos test) reads the same layout.
 *
 *   .cluster/pg/monitor, node1, node2   pg_auto_failover's data folders (owned by postgres)
 *   .cluster/pg/xdg/                     pg_autoctl's configuration, state and PID files (XDG_* folders)
 *   .cluster/autoctl                     `pg_autoctl` as the postgres user with those folders, for use by hand
 *   .cluster/logs/                       one log per process
 *   .cluster/haproxy.cfg, haproxy.pid    the load balancer's configuration and PID
 *   .cluster/auth-secret                 the AUTH_SECRET both app processes share (mode 0600)
 *   .cluster/pids.json                   every process `npm run cluster` started, for `npm run cluster:stop`
 * (`.cluster/` is `$CLUSTER_DIR` when that is set.)
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * CLUSTER_DIR moves it all elsewhere: the postgres user must be able to reach the data folders, and a checkout
 * inside a folder only root may enter (a CI run's temporary clone) would keep it out.
 */
export const CLUSTER_DIR = path.resolve(process.env.CLUSTER_DIR || path.join(process.cwd(), ".cluster"));
export const PG_DIR = path.join(CLUSTER_DIR, "pg");
export const LOG_DIR = path.join(CLUSTER_DIR, "logs");
export const PIDS_FILE = path.join(CLUSTER_DIR, "pids.json");
export const AUTH_SECRET_FILE = path.join(CLUSTER_DIR, "auth-secret");
export const HAPROXY_CFG = path.join(CLUSTER_DIR, "haproxy.cfg");
export const HAPROXY_PID_FILE = path.join(CLUSTER_DIR, "haproxy.pid");
export const AUTOCTL_WRAPPER = path.join(CLUSTER_DIR, "autoctl");

export const HOST = "127.0.0.1";
export const DATABASE = "sadasyata";
/** The role the app processes connect as (db/roles.ts); migrations and the seed run as `postgres`. */
export const APP_ROLE = "sadasyata_app";
export const MONITOR = { name: "monitor", port: 5450, pgdata: path.join(PG_DIR, "monitor") } as const;
export const NODES = [
  { name: "node1", port: 5451, pgdata: path.join(PG_DIR, "node1") },
  { name: "node2", port: 5452, pgdata: path.join(PG_DIR, "node2") },
] as const;
export const LB_PORT = 3810;
export const APPS = [
  { name: "app1", port: 3811 },
  { name: "app2", port: 3812 },
] as const;
export const PUBLIC_URL = `http://${HOST}:${LB_PORT}`;

/**
 * libpq's multi-host form; db/failover.ts connects each new client to the node that accepts writes (or, for
 * `prefer-standby`, to the node in hot standby).
 */
export function clusterUrl(user: string, attrs: "read-write" | "prefer-standby" = "read-write"): string {
  return `postgres://${user}@${NODES.map((n) => `${HOST}:${n.port}`).join(",")}/${DATABASE}?target_session_attrs=${attrs}`;
}

/** The tables' owner (migrations, seed, recount). */
export const OWNER_URL = clusterUrl("postgres");
/** What the app processes get as DATABASE_URL. */
export const APP_URL = clusterUrl(APP_ROLE);
/** …and as DATABASE_READ_URL: dashboard reads from the standby (lib/reads.ts). */
export const READ_URL = clusterUrl(APP_ROLE, "prefer-standby");

export type ProcessName = "monitor" | "node1" | "node2" | "app1" | "app2" | "haproxy";

export interface PidRecord {
  pid: number;
  /** A word the process's command line contains, so that a PID the kernel reused is not taken for ours. */
  marker: string;
}

export type PidFile = Partial<Record<ProcessName, PidRecord>> & { startedAt?: string };

export function readPids(): PidFile {
  if (!existsSync(PIDS_FILE)) return {};
  try {
    return JSON.parse(readFileSync(PIDS_FILE, "utf8")) as PidFile;
  } catch {
    return {};
  }
}

/** Written after every process started, so that a start that fails half-way can still be stopped. */
export function writePids(pids: PidFile): void {
  const tmp = `${PIDS_FILE}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(pids, null, 2)}\n`);
  renameSync(tmp, PIDS_FILE);
}
