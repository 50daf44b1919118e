/**
 * Reads from the hot standby (issue 14): DATABASE_READ_URL names the nodes the way libpq does, with
 * `target_session_attrs=prefer-standby`, and a second pool reads from the node in hot standby (or from the
 * primary while there is none). Which reads may use it, and when a reader must read the primary instead (the
 * lag is over its bound; the reader has just written), is decided per request in lib/reads.ts.
 *
 * How far behind the standby is: every SAMPLE_MS this process asks the primary for its WAL position
 * (`pg_current_wal_lsn()`) and keeps the positions with the time it asked, then asks the standby how far it has
 * replayed (`pg_last_wal_replay_lsn()`). The standby shows the primary as it was at the oldest kept position it
 * has not replayed yet, so the lag is the time since that position was asked (0 when it has replayed all of
 * them). Unlike `now() - pg_last_xact_replay_timestamp()`, this does not mistake a quiet primary (no commits
 * for minutes) for a standby minutes behind. The lag is known only once the standby has been seen past a
 * sampled position (before that, all that is known is that it is at least the oldest sample's age): until then,
 * after a sample fails (the positions start again), and when no sample has come for a while, the state is
 * unusable and reads go to the primary. The sampler asks the primary on a connection of its own, so that a
 * busy pool cannot hold it up exactly when the standby's help matters most.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

export interface ReplicaState {
  /** The standby could be asked just now and its lag is known; when false, read the primary. */
  ok: boolean;
  /** The read pool reaches a node in recovery (false after a failover promoted it: its reads are current). */
  standby: boolean;
  /** How far the standby has replayed the primary's WAL (null when it is not a standby). */
  replayed: bigint | null;
  /** How far behind the primary the standby's data is, in milliseconds. */
  lagMs: number;
  /** When this state was sampled (Date.now()). */
  at: number;
}

/** How often the lag is sampled (while the process serves reads). */
export const SAMPLE_MS = 500;
/** A state older than this is not trusted (the sampler is stuck behind a node that does not answer). */
const STALE_MS = 2_000;
/** Positions kept; at SAMPLE_MS that is over 15 minutes, far beyond any lag a reader is sent to the standby with. */
const MAX_POSITIONS = 2_000;

const UNKNOWN: ReplicaState = { ok: false, standby: false, replayed: null, lagMs: Infinity, at: 0 };

/** A WAL position as PostgreSQL prints it (`16/B374D848`), as a number; null for anything else. */
export function parseLsn(text: string | null | undefined): bigint | null {
  const m = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text ?? "");
  return m ? (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`) : null;
}

/**
 * The lag from the primary's sampled positions (ascending) and the standby's replayed position: the age of the
 * oldest position not replayed yet, or 0.
 */
export function lagOf(positions: readonly { lsn: bigint; at: number }[], replayed: bigint, now: number): number {
  const behind = positions.find((p) => p.lsn > replayed);
  return behind ? Math.max(0, now - behind.at) : 0;
}

export class Replica {
  private positions: { lsn: bigint; at: number }[] = [];
  /** The standby has been seen past a sampled position since the positions (re)started: its lag is known. */
  private calibrated = false;
  private latest: ReplicaState = UNKNOWN;
  private first: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private sampling = false;

  constructor(
    /** Reads through the read pool (the standby). */
    readonly db: Db,
    /** The primary, for the sampler only (a pool of one connection). */
    private readonly primary: Db,
    private readonly endPools: () => Promise<void>,
  ) {}

  /** The latest sample (the sampler starts on first use; the first call waits for its first sample). */
  async state(now = Date.now()): Promise<ReplicaState> {
    if (!this.timer) {
      this.timer = setInterval(() => void this.sample(), SAMPLE_MS);
      this.timer.unref();
      this.first = this.sample();
    }
    if (this.latest.at === 0) await this.first;
    const latest = this.latest;
    if (now - latest.at > STALE_MS) return { ...latest, ok: false };
    // A standby behind at the sample is further behind now, until the next sample says otherwise.
    return latest.lagMs > 0 ? { ...latest, lagMs: latest.lagMs + Math.max(0, now - latest.at) } : latest;
  }

  /** The primary's WAL position now, as text (for a reader's "I wrote up to here" cookie). */
  async primaryLsn(): Promise<string> {
    const rows = (await this.primary.execute(sql`SELECT pg_current_wal_lsn()::text AS lsn`)) as unknown as { rows: { lsn: string }[] };
    return rows.rows[0]!.lsn;
  }

  private async sample(): Promise<void> {
    if (this.sampling) return;
    this.sampling = true;
    try {
      const askedAt = Date.now();
      const lsn = parseLsn(await this.primaryLsn());
      if (lsn === null) throw new Error("the primary's WAL position is unreadable");
      if (this.positions.length >= MAX_POSITIONS) this.positions.shift();
      this.positions.push({ lsn, at: askedAt });
      const result = (await this.db.execute(
        sql`SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed`,
      )) as unknown as { rows: { standby: boolean; replayed: string | null }[] };
      const row = result.rows[0]!;
      const now = Date.now();
      const replayed = row.standby ? parseLsn(row.replayed) : null;
      if (row.standby && replayed === null) throw new Error("the standby's replay position is unreadable");
      const lagMs = replayed === null ? 0 : lagOf(this.positions, replayed, now);
      // Positions the standby has passed are not needed again (the oldest one not passed sets the lag).
      if (replayed !== null) {
        const keep = this.positions.findIndex((p) => p.lsn > replayed);
        if (keep !== 0) this.calibrated = true;
        this.positions = keep < 0 ? [] : this.positions.slice(keep);
      }
      this.latest = { ok: replayed === null || this.calibrated, standby: row.standby, replayed, lagMs, at: now };
    } catch {
      // Positions are not taken while samples fail: start again, and trust no lag until it is known again.
      this.positions = [];
      this.calibrated = false;
      this.latest = { ...UNKNOWN, at: Date.now() };
    } finally {
      this.sampling = false;
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.endPools();
  }
}
