/**
 * `npm run quality:scan` — recomputes every quality signal over all members in batches, with a progress bar,
 * idempotently (lib/members/quality/scan.ts). Run it after importing old data or changing a threshold.
 */
import { getDbHandle, migrateDb } from "@/db/client";
import { formatNumber } from "@/lib/format";
import { scanAll, type ScanProgress } from "@/lib/members/quality/scan";

const tty = process.stderr.isTTY;
let lastShown = -1;
function bar(p: ScanProgress) {
  const share = p.total === 0 ? 1 : p.done / p.total;
  const width = 30;
  const line = `${p.phase.padEnd(12)} [${"#".repeat(Math.round(share * width)).padEnd(width)}] ${formatNumber(p.done)} / ${formatNumber(p.total)} (${Math.round(share * 100)} %)`;
  if (tty) process.stderr.write(`\r${line}`);
  else if (Math.floor(share * 10) !== lastShown || p.phase === "groups") {
    lastShown = Math.floor(share * 10);
    console.error(line);
  }
}

const handle = await getDbHandle();
try {
  await migrateDb(handle);
  const result = await scanAll(handle.db, { onProgress: bar });
  if (tty) process.stderr.write("\n");
  const list = (o: Record<string, number | undefined>) => Object.entries(o).map(([k, v]) => `${k} ${formatNumber(v ?? 0)}`).join(", ") || "none";
  console.log(`quality scan: ${formatNumber(result.members)} members in ${result.seconds.toFixed(1)} s`);
  console.log(`  flags written or refreshed: ${list(result.flagged)}`);
  console.log(`  flags cleared: ${list(result.cleared)}`);
} finally {
  await handle.close();
}
