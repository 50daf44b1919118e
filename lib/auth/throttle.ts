/**
 * A fixed-window limiter kept in process memory: enough to slow password guessing against one demo or
 * single-server deployment. (Several servers would need a shared store.)
 */
export class Throttle {
  private hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  allow(key: string, now = Date.now()): boolean {
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      if (this.hits.size > 10_000) this.prune(now);
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      return true;
    }
    entry.count += 1;
    return entry.count <= this.limit;
  }

  private prune(now: number) {
    for (const [key, entry] of this.hits) if (entry.resetAt <= now) this.hits.delete(key);
  }
}

// Sign-in attempts per address and email per minute; the e2e server raises it (every spec signs in).
export const loginThrottle = new Throttle(Number(process.env.LOGIN_ATTEMPTS_PER_MINUTE) || 10, 60_000);
