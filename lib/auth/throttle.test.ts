import { describe, expect, it } from "vitest";
import { Throttle } from "./throttle";

describe("Throttle", () => {
  it("allows the limit within a window, refuses more, and resets", () => {
    const t = new Throttle(3, 1_000);
    expect([1, 2, 3, 4].map(() => t.allow("a", 0))).toEqual([true, true, true, false]);
    expect(t.allow("b", 0)).toBe(true);
    expect(t.allow("a", 999)).toBe(false);
    expect(t.allow("a", 1_000)).toBe(true);
  });
});
