import "server-only";

/**
 * Work shared across viewers: a rollup (a unit's tables and charts) is computed once per key and handed, for
 * `rollupSeconds()`, to every request with the same key; requests that arrive while it is being computed wait
 * for the same computation instead of starting their own. That is what keeps the morning review meeting (fifty
 * people opening the same overview at once) to one computation every few seconds.
 *
 * The key must name everything the value depends on, and nothing personal may be cached: progress keys are the
 * viewer's role and scope (never the user), the unit and the India-time day, so a rollup is never shared across
 * scopes. This is a per-process optimisation only: every process computes its own, nothing here is state that
 * processes must agree on. A write through a server action clears this process's rollups (`invalidateRollups`,
 * called by lib/reads.ts `afterWrite`), and for a while the writer's keys carry their write's position (lib/reads.ts
 * `rollupKey`), so the writer sees their write at once through any process. Sign-ups through the API or an
 * import show within the interval, which the page states.
 */

/** How long a rollup is shared (ROLLUP_SECONDS, default 5; 0 computes every request afresh). */
export function rollupSeconds(): number {
  const v = Number(process.env.ROLLUP_SECONDS ?? 5);
  return Number.isFinite(v) && v >= 0 ? Math.min(v, 60) : 5;
}

const MAX_ENTRIES = 2_000;

interface Entry {
  until: number;
  value: Promise<unknown>;
}

const entries = new Map<string, Entry>();

/** A number per database handle, so that `opts.db` keeps one handle's rollups apart from another's. */
const handles = new WeakMap<object, number>();
let lastHandle = 0;
const handleKey = (db: object) => {
  let n = handles.get(db);
  if (n === undefined) handles.set(db, (n = ++lastHandle));
  return n;
};

/**
 * `compute()`'s value under `key`, shared for `seconds`. With `db`, the key is that database handle's own (a
 * value read from one database is never handed to a reader of another: tests open several in one process).
 */
export async function sharedRollup<T>(
  key: string,
  compute: () => Promise<T>,
  opts: { seconds?: number; now?: number; db?: object } = {},
): Promise<T> {
  const seconds = opts.seconds ?? rollupSeconds();
  if (seconds <= 0) return compute();
  if (opts.db) key = `db${handleKey(opts.db)}|${key}`;
  const now = opts.now ?? Date.now();
  const hit = entries.get(key);
  if (hit && hit.until > now) return hit.value as Promise<T>;
  if (entries.size >= MAX_ENTRIES) prune(now);
  const value = compute();
  const entry: Entry = { until: now + seconds * 1000, value };
  entries.set(key, entry);
  // A failure is not shared beyond the requests already waiting for it: the next request computes again.
  value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return value;
}

/** Forget every shared rollup of this process (after a write, so the writer reads it). */
export function invalidateRollups(): void {
  entries.clear();
}

function prune(now: number): void {
  for (const [k, e] of entries) if (e.until <= now) entries.delete(k);
  // Still full (many units viewed within one interval): drop the oldest half (a Map iterates in insertion order).
  if (entries.size >= MAX_ENTRIES) {
    let drop = Math.ceil(entries.size / 2);
    for (const k of entries.keys()) {
      if (drop-- <= 0) break;
      entries.delete(k);
    }
  }
}
