/**
 * `npm run cluster:stop` — stops everything `npm run cluster` started, by the PIDs it recorded in
 * .cluster/pids.json: HAProxy (:3810), the two `next start` processes (:3811, :3812; SIGTERM, then SIGKILL
 * after a grace period), and pg_auto_failover's two data nodes (:5451, :5452, standby first) and monitor
 * (:5450) through `pg_autoctl stop`, then by PID. The data stays in .cluster/ for the next `npm run cluster`;
 *   --clean   also removes .cluster/ (databases, logs, the shared AUTH_SECRET)
 * Safe to run twice, and when nothing runs.
 */
import { stopCluster } from "@/scripts/cluster/stop";

const started = Date.now();
try {
  console.log("cluster: stopping…");
  await stopCluster({ clean: process.argv.includes("--clean"), log: (m) => console.log(m) });
  console.log(`cluster: stopped in ${((Date.now() - started) / 1000).toFixed(1)} s${process.argv.includes("--clean") ? "" : " (data kept in .cluster/; --clean removes it)"}`);
} catch (err) {
  console.error(`cluster:stop failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
