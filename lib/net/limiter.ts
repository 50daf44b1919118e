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
  return (await hitMany(db, limit, [key]))[0]!;
}

/**
 * Counts one hit for each key of `keys` (a key may come several times) in one statement, and answers each in
 * order: the hits of one key are numbered one after another, so as many of them pass as the window has room
 * for. For callers that gather concurrent requests (the enrolment API), one round trip and one row lock per
 * key instead of one per request.
 */
export async function hitMany(db: DbOrTx, limit: Limit, keys: readonly string[]): Promise<LimitResult[]> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k.slice(0, 200), (counts.get(k.slice(0, 200)) ?? 0) + 1);
  const w = limit.windowSeconds;
  const rows = await queryRows<{ key: string; hits: number; retry: number }>(
    db,
    sql`INSERT INTO rate_limit_hits AS r (bucket, key, window_start, hits)
        SELECT ${limit.bucket}, u.key, now(), u.n FROM unnest(${sql.param([...counts.keys()])}::text[], ${sql.param([...counts.values()])}::int[]) AS u(key, n)
        ON CONFLICT (bucket, key) DO UPDATE SET
          hits = CASE WHEN r.window_start <= now() - make_interval(secs => ${w}) THEN excluded.hits ELSE LEAST(r.hits + excluded.hits, 1000000000) END,
          window_start = CASE WHEN r.window_start <= now() - make_interval(secs => ${w}) THEN now() ELSE r.window_start END
        RETURNING key, hits, ceil(extract(epoch FROM (window_start + make_interval(secs => ${w}) - now())))::int AS retry`,
  );
  const after = new Map(rows.map((r) => [r.key, { hits: Number(r.hits), retry: Math.max(1, Number(r.retry ?? w)) }]));
  // The first hit of a key in this batch is the one after those counted before it.
  const seen = new Map<string, number>();
  return keys.map((raw) => {
    const k = raw.slice(0, 200);
    const a = after.get(k) ?? { hits: 1, retry: w };
    const i = seen.get(k) ?? 0;
    seen.set(k, i + 1);
    const hits = a.hits - counts.get(k)! + 1 + i;
    return { ok: hits <= limit.limit, hits, retryAfter: a.retry };
  });
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
