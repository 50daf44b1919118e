/**
 * A token bucket per key, kept in process memory: a burst up to `capacity` passes at once (a phone uploading
 * the sign-ups it queued while offline), after which requests pass at `perSecond`. A refused request costs
 * nothing and writes nothing. One server process per deployment today; several would need a shared store.
 */
export class TokenBucket {
  private buckets = new Map<string | number, { tokens: number; at: number }>();

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
  ) {}

  /** Takes one token for `key`; when none is left, how many seconds until one is. */
  take(key: string | number, now = Date.now()): { ok: true } | { ok: false; retryAfter: number } {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size > 10_000) this.prune(now);
      b = { tokens: this.capacity, at: now };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(this.capacity, b.tokens + ((now - b.at) / 1000) * this.perSecond);
      b.at = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond)) };
  }

  /** Forgets buckets that have refilled: they behave exactly like new ones. */
  private prune(now: number) {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.perSecond >= this.capacity) this.buckets.delete(key);
    }
  }
}
