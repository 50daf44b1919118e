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
  const batch = opts.batch ?? JOB_BATCH;
  const flagged: SignalCounts["flagged"] = {};
  let members = 0;
  const thresholds = await loadThresholds(db);
  for (let i = 0; i < (opts.maxBatches ?? Infinity); i++) {
    let ids: number[] = [];
    let done: number;
    try {
      done = await db.transaction(async (tx) => {
        // Background work takes no parallel workers: on a small machine they would take every core from sign-ups.
        await tx.execute(sql`SET LOCAL max_parallel_workers_per_gather = 0`);
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

/** The batch the job takes (and `drainQualityQueue`'s default). */
const JOB_BATCH = 500;

export interface JobPacing {
  /** QUALITY_JOB_INTERVAL_MS: how long an idle job waits before it looks at the queue again (default 2 s). */
  intervalMs: number;
  /** QUALITY_JOB_DUTY: the share of the time the job may work while sign-ups pour in (default 0.25). */
  duty: number;
  /** QUALITY_JOB_BUSY_RATE: sign-ups a second above which they are pouring in (default 20). */
  busyRate: number;
}

function envNumber(value: string | undefined, fallback: number, ok: (n: number) => boolean): number {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(n) && ok(n) ? n : fallback;
}

export function jobPacing(env: NodeJS.ProcessEnv = process.env): JobPacing {
  return {
    intervalMs: envNumber(env.QUALITY_JOB_INTERVAL_MS, 2_000, (n) => n >= 0),
    duty: envNumber(env.QUALITY_JOB_DUTY, 0.25, (n) => n > 0 && n <= 1),
    busyRate: envNumber(env.QUALITY_JOB_BUSY_RATE, 20, (n) => n >= 0),
  };
}

/**
 * How long the job waits after a batch. A batch that emptied the queue: the idle interval. Otherwise more is
 * waiting, and the job goes on at once while sign-ups arrive slowly (a backlog drains at full speed in a quiet
 * hour), but while they arrive faster than `busyRate` a second it pauses so as to work only `duty` of the time:
 * on the deadline evening the sign-ups get the machine and the signals follow a little later (each sign-up is
 * counted at once and flagged when the job reaches it; docs/QUALITY.md).
 */
export function pauseAfterBatch(batch: { members: number; tookMs: number; arrivalsPerSecond: number }, pacing: JobPacing, batchSize = JOB_BATCH): number {
  if (batch.members < batchSize) return pacing.intervalMs;
  if (batch.arrivalsPerSecond <= pacing.busyRate) return 0;
  return Math.round(batch.tookMs * (1 / pacing.duty - 1));
}

/** The newest queued member: sign-ups arrive with rising ids, so its rise over time is their rate. */
async function newestQueued(db: Db): Promise<number> {
  const [row] = await queryRows<{ id: string | null }>(db, sql`SELECT max(member_id)::text AS id FROM quality_queue`);
  return Number(row?.id ?? 0);
}

let timer: ReturnType<typeof setTimeout> | null = null;

/**
 * Runs the job in this server process until the process ends, one batch at a time, paced by `pauseAfterBatch`
 * (QUALITY_JOB_INTERVAL_MS, QUALITY_JOB_DUTY, QUALITY_JOB_BUSY_RATE); QUALITY_JOB=off leaves it to another
 * process or to `npm run quality:scan`. A failed batch is logged and retried after the interval (it stays
 * queued).
 */
export function startQualityJob(getDb: () => Promise<Db>): void {
  if (timer || process.env.QUALITY_JOB === "off") return;
  const pacing = jobPacing();
  let seen: { id: number; at: number } | null = null;
  const tick = async () => {
    let pause = pacing.intervalMs;
    try {
      const db = await getDb();
      const started = performance.now();
      const { members } = await drainQualityQueue(db, { batch: JOB_BATCH, maxBatches: 1 });
      const tookMs = performance.now() - started;
      let arrivalsPerSecond = 0;
      if (members === JOB_BATCH) {
        const now = { id: await newestQueued(db), at: performance.now() };
        if (seen && now.at > seen.at) arrivalsPerSecond = (Math.max(0, now.id - seen.id) * 1000) / (now.at - seen.at);
        seen = now;
      } else {
        seen = null;
      }
      pause = pauseAfterBatch({ members, tookMs, arrivalsPerSecond }, pacing);
    } catch (err) {
      console.error("quality job:", describeFailure(err));
    } finally {
      timer = setTimeout(tick, pause);
      timer.unref?.();
    }
  };
  timer = setTimeout(tick, pacing.intervalMs);
  timer.unref?.();
}
