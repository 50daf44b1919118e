import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { FlagReason } from "@/db/schema";
import { loadThresholds } from "@/lib/members/quality/settings";
import { fingerprintRange, groupSignals } from "@/lib/members/quality/signals";

export interface ScanProgress {
  phase: "fingerprints" | "groups";
  done: number;
  total: number;
}

export interface ScanResult {
  members: number;
  flagged: Partial<Record<FlagReason, number>>;
  cleared: Partial<Record<FlagReason, number>>;
  seconds: number;
}

/**
 * `npm run quality:scan`: every signal over every member, idempotently — after an import of old data or a
 * changed threshold. Fingerprints and EPIC rules go in id-ordered batches (each its own transaction, so the
 * API keeps writing meanwhile); then each group signal runs once over the whole state, set-based, and marks
 * open flags that no longer hold `cleared`. Members queued before the scan began are taken off the queue.
 * Running it twice changes nothing the second time.
 */
export async function scanAll(db: Db, opts: { batch?: number; workers?: number; onProgress?: (p: ScanProgress) => void } = {}): Promise<ScanResult> {
  const started = Date.now();
  const batch = opts.batch ?? 5_000;
  const [{ total, max_id, began }] = (await queryRows<{ total: number; max_id: string | null; began: string }>(
    db,
    sql`SELECT count(*)::int AS total, max(id)::text AS max_id, now()::text AS began FROM members WHERE standing <> 'void' AND erased_at IS NULL`,
  )) as [{ total: number; max_id: string | null; began: string }];
  const flagged: ScanResult["flagged"] = {};
  const cleared: ScanResult["cleared"] = {};
  let done = 0;
  const last = max_id === null ? 0 : Number(max_id);
  // Two workers over the two halves of the id range: one computes name keys and photo hashes while the
  // other's batch is in the database (a 2-core machine has one core for each).
  const workers = Math.max(1, opts.workers ?? 2);
  const worker = async (from: number, to: number) => {
    let after = from;
    while (after < to) {
      const r = await db.transaction((tx) => fingerprintRange(tx, after, batch, to));
      if (r.last === null) break;
      after = r.last;
      done += r.rows;
      flagged.epic_pattern = (flagged.epic_pattern ?? 0) + r.epic.flagged;
      cleared.epic_pattern = (cleared.epic_pattern ?? 0) + r.epic.cleared;
      opts.onProgress?.({ phase: "fingerprints", done, total: Number(total) });
    }
  };
  const step = Math.ceil(last / workers);
  await Promise.all(Array.from({ length: workers }, (_, i) => worker(i * step, Math.min(last, (i + 1) * step))));
  const thresholds = await loadThresholds(db);
  let g = 0;
  for (const [stateId, t] of thresholds) {
    const counts = await db.transaction((tx) => groupSignals(tx, "all", stateId, t));
    for (const [k, v] of Object.entries(counts.flagged)) flagged[k as FlagReason] = (flagged[k as FlagReason] ?? 0) + v;
    for (const [k, v] of Object.entries(counts.cleared)) cleared[k as FlagReason] = (cleared[k as FlagReason] ?? 0) + v;
    opts.onProgress?.({ phase: "groups", done: ++g, total: thresholds.size });
  }
  await db.execute(sql`DELETE FROM quality_queue WHERE member_id <= ${last} AND queued_at <= ${began}::timestamptz`);
  return { members: done, flagged, cleared, seconds: (Date.now() - started) / 1000 };
}
