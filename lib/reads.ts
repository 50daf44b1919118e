import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { secureSessionCookies } from "@/auth.config";
import { getDbHandle, type Db } from "@/db/client";
import { parseLsn } from "@/db/replica";
import { invalidateRollups } from "@/lib/rollups";

/**
 * Where a page's reads go. With a hot standby (DATABASE_READ_URL, db/replica.ts), the pages that only read —
 * progress, targets, coverage, appointments, trainings, audit, users, the review queue (their `pages.ts`) —
 * read from it, on two conditions:
 *
 *   - its lag is within READ_MAX_LAG_SECONDS (default 30): further behind, everyone reads the primary; and a
 *     lag over LAG_NOTE_SECONDS is said on each such page (components/shell/read-lag-note.tsx);
 *   - the reader has not just written: every server action (defineAction) and every route handler that writes
 *     calls `afterWrite`, which leaves the primary's WAL position in a cookie, and until the standby has
 *     replayed past it this browser reads the primary (and its shared rollups are its own, `rollupKey`). So
 *     whoever sets a target or appoints someone sees it on the next page at once, through any app process,
 *     and everyone else within the lag.
 *
 * The viewer (the session check) and every write always use the primary (`getDb()`); so do pages whose loading
 * writes (the member pages: reveals and card visits are audited). Without a standby every read is the primary's.
 */

/** A lag over this is said on the page. */
export const LAG_NOTE_SECONDS = 5;
const WROTE_COOKIE = "sadasyata-wrote";

/** READ_MAX_LAG_SECONDS: a standby further behind than this is not read from (default 30, at most 300). */
export function readMaxLagSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.READ_MAX_LAG_SECONDS ?? 30);
  return Number.isFinite(v) && v >= 0 ? Math.min(v, 300) : 30;
}

export interface ReadTarget {
  db: Db;
  /** Which node the reads go to. */
  from: "primary" | "standby";
  /** How far behind the data read is, in seconds (0 for the primary). */
  lagSeconds: number;
  /**
   * What a shared rollup's key must add for this reader (lib/rollups.ts): "" for most; for a reader who has
   * written within the cookie's life, their write's position, so that they are never handed a rollup computed
   * before their write — by another reader from the standby just before it replayed the write, or by another
   * app process whose rollups their write did not clear.
   */
  rollupKey: string;
}

/** This request's read target (once per request: the page and the note that states the lag agree). */
export const readTarget = cache(async (): Promise<ReadTarget> => {
  const handle = await getDbHandle();
  const replica = handle.replica;
  if (!replica) return { db: handle.db, from: "primary", lagSeconds: 0, rollupKey: "" };
  const cookie = (await cookies()).get(WROTE_COOKIE)?.value;
  const wrote = parseLsn(cookie);
  const primary: ReadTarget = { db: handle.db, from: "primary", lagSeconds: 0, rollupKey: wrote === null ? "" : `wrote:${cookie}` };
  const state = await replica.state();
  // Not a standby (the sample reached a promoted node): the read pool may hold connections to both, so the
  // primary's own pool is the one that is surely current.
  if (!state.ok || !state.standby || state.lagMs > readMaxLagSeconds() * 1000) return primary;
  if (wrote !== null && (state.replayed === null || state.replayed < wrote)) return primary;
  return { ...primary, db: replica.db, from: "standby", lagSeconds: state.lagMs / 1000 };
});

/** The database a read-only page loads from (see above). */
export async function readDb(): Promise<Db> {
  return (await readTarget()).db;
}

/**
 * After a write by this browser — every server action (defineAction) and every route handler that writes what a
 * dashboard page shows: this process's shared rollups are computed again, and with a standby the write's
 * position is noted (`noteWrite`). A failure to note it is logged, never the write's failure: the write is done.
 */
export async function afterWrite(): Promise<void> {
  invalidateRollups();
  await noteWrite().catch((err: unknown) => console.warn("reads: could not note the write's position:", err instanceof Error ? err.message : err));
}

/**
 * Remember the primary's WAL position in a cookie, so that this browser's reads go to the primary until the
 * standby has replayed the write (and its rollups are its own meanwhile). Nothing without a standby.
 */
async function noteWrite(): Promise<void> {
  const replica = (await getDbHandle()).replica;
  if (!replica) return;
  const lsn = await replica.primaryLsn();
  // Beyond the lag bound plus a margin the cookie is of no use: a standby that far behind is not read from.
  (await cookies()).set(WROTE_COOKIE, lsn, { httpOnly: true, sameSite: "lax", secure: secureSessionCookies(), path: "/", maxAge: readMaxLagSeconds() + 30 });
}
