import { describe, expect, it } from "vitest";
import { TokenBucket } from "./rate-limit";

describe("TokenBucket", () => {
  it("lets a burst through, refuses the rest, and refills at the rate", () => {
    const b = new TokenBucket(3, 2);
    expect([1, 2, 3].map(() => b.take("a", 0).ok)).toEqual([true, true, true]);
    expect(b.take("a", 0)).toEqual({ ok: false, retryAfter: 1 });
    expect(b.take("b", 0).ok).toBe(true);
    expect(b.take("a", 499).ok).toBe(false);
    expect(b.take("a", 1_000).ok).toBe(true);
    expect(b.take("a", 10_000).ok).toBe(true);
    expect([1, 2, 3].map(() => b.take("a", 10_000).ok)).toEqual([true, true, false]);
  });
});
