import { describe, expect, it } from "vitest";
import { invalidateRollups, sharedRollup } from "@/lib/rollups";

describe("sharedRollup", () => {
  it("computes once for concurrent requests with one key and shares it for the interval", async () => {
    invalidateRollups();
    let calls = 0;
    const compute = async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 10));
      return { n: calls };
    };
    const t0 = 1_000_000;
    const answers = await Promise.all(Array.from({ length: 20 }, () => sharedRollup("k", compute, { seconds: 5, now: t0 })));
    expect(calls).toBe(1);
    expect(new Set(answers).size).toBe(1);
    expect(await sharedRollup("k", compute, { seconds: 5, now: t0 + 4_999 })).toEqual({ n: 1 });
    expect(calls).toBe(1);
    expect(await sharedRollup("k", compute, { seconds: 5, now: t0 + 5_000 })).toEqual({ n: 2 });
    expect(calls).toBe(2);
  });

  it("never hands one key's value to another key", async () => {
    invalidateRollups();
    const a = await sharedRollup("district:1", async () => "raipur", { seconds: 5, now: 0 });
    const b = await sharedRollup("district:2", async () => "durg", { seconds: 5, now: 0 });
    expect([a, b]).toEqual(["raipur", "durg"]);
  });

  it("does not keep a failure: the next request computes again", async () => {
    invalidateRollups();
    await expect(sharedRollup("f", async () => Promise.reject(new Error("down")), { seconds: 5, now: 0 })).rejects.toThrow("down");
    expect(await sharedRollup("f", async () => "up", { seconds: 5, now: 1 })).toBe("up");
  });

  it("computes every time with 0 seconds, and afresh after invalidateRollups", async () => {
    invalidateRollups();
    let calls = 0;
    const compute = async () => ++calls;
    await sharedRollup("z", compute, { seconds: 0 });
    await sharedRollup("z", compute, { seconds: 0 });
    expect(calls).toBe(2);
    await sharedRollup("y", compute, { seconds: 5, now: 0 });
    invalidateRollups();
    await sharedRollup("y", compute, { seconds: 5, now: 1 });
    expect(calls).toBe(4);
  });

  it("keeps one database handle's values apart from another's under the same key", async () => {
    invalidateRollups();
    const [a, b] = [{}, {}];
    expect(await sharedRollup("state-row|1", async () => "Chhattisgarh", { seconds: 5, now: 0, db: a })).toBe("Chhattisgarh");
    expect(await sharedRollup("state-row|1", async () => "Test state", { seconds: 5, now: 0, db: b })).toBe("Test state");
    expect(await sharedRollup("state-row|1", async () => "again", { seconds: 5, now: 1, db: a })).toBe("Chhattisgarh");
  });
});
