import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";

/**
 * A fixed-window limit kept in PostgreSQL (PGlite in the demo), so every server process counts against the
 * same number: `limit` hits per `windowSeconds` for each key of `bucket`. A window passes by itself; nothing
 * an attacker does can lock a key for longer than one window after they stop.
 */
export interface Limit {
  bucket: string;
  limit: number;
  windowSeconds: number;
}

export interface LimitResult {
  ok: boolean;
  /** Hits in the current window, this one included. */
  hits: number;
  /** Whole seconds until the window passes (at least 1). */
  retryAfter: number;
}

/** Counts one hit for `key` and says whether it is within the limit. One statement, atomic across processes. */
export async function hit(db: DbOrTx, limit: Limit, key: string): Promise<LimitResult> {
  const w = limit.windowSeconds;
  const [r] = await queryRows<{ hits: number; retry: number }>(
    db,
    sql`INSERT INTO rate_limit_hits AS r (bucket, key, window_start, hits)
        VALUES (${limit.bucket}, ${key.slice(0, 200)}, now(), 1)
        ON CONFLICT (bucket, key) DO UPDATE SET
          hits = CASE WHEN r.window_start <= now() - make_interval(secs => ${w}) THEN 1 ELSE LEAST(r.hits + 1, 1000000000) END,
          window_start = CASE WHEN r.window_start <= now() - make_interval(secs => ${w}) THEN now() ELSE r.window_start END
        RETURNING hits, ceil(extract(epoch FROM (window_start + make_interval(secs => ${w}) - now())))::int AS retry`,
  );
  const hits = Number(r?.hits ?? 1);
  return { ok: hits <= limit.limit, hits, retryAfter: Math.max(1, Number(r?.retry ?? w)) };
}

/** Takes back one hit (a sign-in that succeeded is not an attempt to guess). Never below zero. */
export async function refund(db: DbOrTx, limit: Limit, key: string): Promise<void> {
  await db.execute(
    sql`UPDATE rate_limit_hits SET hits = hits - 1 WHERE bucket = ${limit.bucket} AND key = ${key.slice(0, 200)} AND hits > 0`,
  );
}

/** Forgets windows that passed more than a day ago (the table stays small; called now and then). */
export async function pruneLimits(db: DbOrTx): Promise<void> {
  await db.execute(sql`DELETE FROM rate_limit_hits WHERE window_start < now() - interval '1 day'`);
}

/** A positive number from the environment, else the default. */
export function envNumber(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}
