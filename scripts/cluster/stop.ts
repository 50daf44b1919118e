/**
 * Stops what `npm run cluster` started, by the PIDs in .cluster/pids.json: HAProxy, the app processes
 * (SIGTERM, SIGKILL after a grace period), then the PostgreSQL nodes secondary first, so that the monitor never
 * sees a primary vanish while a healthy standby could take over, and the monitor last. Safe to run twice and
 * when nothing runs. The data stays in .cluster/ unless `clean` is set.
 */
import { existsSync, rmSync } from "node:fs";
import { CLUSTER_DIR, MONITOR, NODES, PIDS_FILE, readPids, writePids, type PidFile } from "@/scripts/cluster/layout";
import { formationState, postmasterPid, stopPgAutoctl } from "@/scripts/cluster/postgres";
import { stopProcess } from "@/scripts/cluster/processes";

export async function stopCluster(opts: { clean?: boolean; log: (m: string) => void }): Promise<void> {
  const { log } = opts;
  const pids: PidFile = readPids();
  const outcome = await stopProcess(pids.haproxy, 5000);
  log(`  haproxy: ${outcome}`);
  delete pids.haproxy;
  if (existsSync(PIDS_FILE)) writePids(pids);

  const apps = await Promise.all((["app1", "app2"] as const).map(async (name) => [name, await stopProcess(pids[name], 8000)] as const));
  for (const [name, o] of apps) {
    log(`  ${name}: ${o === "killed" ? "killed after the grace period" : o}`);
    delete pids[name];
  }
  if (existsSync(PIDS_FILE)) writePids(pids);

  const state = formationState() ?? [];
  const rank = (name: string) => {
    const s = state.find((n) => n.name === name);
    return s?.reported === "primary" || s?.assigned === "primary" ? 1 : 0;
  };
  const nodes = [...NODES].reverse().sort((a, b) => rank(a.name) - rank(b.name));
  for (const node of nodes) {
    await stopPgAutoctl(node.pgdata, pids[node.name], log);
    delete pids[node.name];
    if (existsSync(PIDS_FILE)) writePids(pids);
  }
  await stopPgAutoctl(MONITOR.pgdata, pids.monitor, log);
  rmSync(PIDS_FILE, { force: true });

  if (opts.clean) {
    const still = [MONITOR, ...NODES].filter((n) => postmasterPid(n.pgdata) !== null);
    if (still.length > 0) throw new Error(`not removing .cluster/: PostgreSQL still runs in ${still.map((n) => n.name).join(", ")}`);
    rmSync(CLUSTER_DIR, { recursive: true, force: true });
    log("  removed .cluster/ (data, logs, configuration)");
  }
}
