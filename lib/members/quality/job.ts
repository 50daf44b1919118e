import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { loadThresholds } from "@/lib/members/quality/settings";
import { signalsForMembers, type SignalCounts } from "@/lib/members/quality/signals";

/**
 * The quality job: works through quality_queue (filled by the members insert trigger in the sign-up's own
 * statement) in batches. Each batch is one transaction that claims its rows with FOR UPDATE SKIP LOCKED, runs
 * every signal for them and deletes them from the queue — so a crash loses nothing (the rows are still
 * queued), several server processes share the work without doing a row twice, and the sign-up itself never
 * waits for a signal.
 */
export async function drainQualityQueue(
  db: Db,
  opts: { batch?: number; maxBatches?: number } = {},
): Promise<{ members: number; flagged: SignalCounts["flagged"] }> {
  const batch = opts.batch ?? 500;
  const flagged: SignalCounts["flagged"] = {};
  let members = 0;
  const thresholds = await loadThresholds(db);
  for (let i = 0; i < (opts.maxBatches ?? Infinity); i++) {
    let ids: number[] = [];
    let done: number;
    try {
      done = await db.transaction(async (tx) => {
        const claimed = await queryRows<{ member_id: string }>(
          tx,
          sql`SELECT member_id::text FROM quality_queue WHERE attempts < ${MAX_ATTEMPTS}
              ORDER BY member_id LIMIT ${batch} FOR UPDATE SKIP LOCKED`,
        );
        if (claimed.length === 0) return 0;
        ids = claimed.map((r) => Number(r.member_id));
        const counts = await signalsForMembers(tx, ids, thresholds);
        for (const [k, v] of Object.entries(counts.flagged)) flagged[k as keyof typeof flagged] = (flagged[k as keyof typeof flagged] ?? 0) + v;
        await tx.execute(sql`DELETE FROM quality_queue WHERE member_id = ANY(${sql.param(ids)}::bigint[])`);
        return ids.length;
      });
    } catch (err) {
      // The batch stays queued; after MAX_ATTEMPTS failures its rows wait for `npm run quality:scan`, so one
      // row the signals cannot handle never stalls every later sign-up.
      if (ids.length > 0) {
        await db.execute(sql`UPDATE quality_queue SET attempts = attempts + 1 WHERE member_id = ANY(${sql.param(ids)}::bigint[])`).catch(() => {});
      }
      throw err;
    }
    members += done;
    if (done < batch) break;
  }
  return { members, flagged };
}

/** Failed batches a queued member may be in before the job leaves it to the full scan. */
export const MAX_ATTEMPTS = 3;

/**
 * What the log says of a failure: the database's error code and the first line of its message, never the
 * query's parameters (drizzle puts them in the message, and they hold name keys: personal data).
 */
export function describeFailure(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown; message?: unknown }; message?: unknown };
  const code = e?.cause?.code ?? e?.code;
  const message = String(e?.cause?.message ?? e?.message ?? err).split("\n")[0]!.replace(/params:.*$/s, "").slice(0, 200);
  return code ? `${String(code)} ${message}` : message;
}

let timer: ReturnType<typeof setTimeout> | null = null;

/**
 * Runs the job in this server process every QUALITY_JOB_INTERVAL_MS (default 2 s) until the process ends;
 * QUALITY_JOB=off leaves it to another process or to `npm run quality:scan`. A failed round is logged and
 * retried on the next tick (its batch stays queued).
 */
export function startQualityJob(getDb: () => Promise<Db>): void {
  if (timer || process.env.QUALITY_JOB === "off") return;
  const interval = Number(process.env.QUALITY_JOB_INTERVAL_MS ?? 2_000);
  const tick = async () => {
    try {
      await drainQualityQueue(await getDb(), { maxBatches: 20 });
    } catch (err) {
      console.error("quality job:", describeFailure(err));
    } finally {
      timer = setTimeout(tick, interval);
      timer.unref?.();
    }
  };
  timer = setTimeout(tick, interval);
  timer.unref?.();
}
