import { describe, expect, it } from "vitest";
import { lagOf, parseLsn, Replica } from "@/db/replica";

describe("WAL positions", () => {
  it("are read as PostgreSQL prints them, and nothing else is", () => {
    expect(parseLsn("0/0")).toBe(0n);
    expect(parseLsn("16/B374D848")).toBe((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn("16/b374d848")).toBe(parseLsn("16/B374D848"));
    // Ordered as numbers, not as text: 9/… is before 10/….
    expect(parseLsn("9/FFFFFFFF")! < parseLsn("10/0")!).toBe(true);
    for (const bad of [undefined, null, "", "16", "16/", "/1", "G/1", "1/2/3", "123456789/0", " 0/1"]) expect(parseLsn(bad)).toBeNull();
  });
});

describe("the standby's lag", () => {
  const at = (s: number) => 1_000_000 + s * 1000;
  const positions = [
    { lsn: 100n, at: at(0) },
    { lsn: 200n, at: at(1) },
    { lsn: 300n, at: at(2) },
  ];

  it("is 0 when the standby has replayed every position the primary reported", () => {
    expect(lagOf(positions, 300n, at(10))).toBe(0);
    expect(lagOf(positions, 999n, at(10))).toBe(0);
    expect(lagOf([], 0n, at(10))).toBe(0);
  });

  it("is the age of the oldest position it has not replayed, however quiet the primary was before", () => {
    // Replayed up to 150: the primary was at 200 at second 1, so the standby shows it as it was before then.
    expect(lagOf(positions, 150n, at(4))).toBe(3000);
    expect(lagOf(positions, 99n, at(4))).toBe(4000);
    expect(lagOf(positions, 200n, at(4))).toBe(2000);
  });
});

describe("the sampler", () => {
  /** A primary at WAL position `primary.lsn` and a standby replayed up to `standby.replayed`, as fake handles. */
  function fakes() {
    const primary = { lsn: 100n, fail: false };
    const standby = { replayed: 50n, inRecovery: true };
    const hex = (n: bigint) => `0/${n.toString(16).toUpperCase()}`;
    const primaryDb = {
      execute: async () => {
        if (primary.fail) throw new Error("connection refused");
        return { rows: [{ lsn: hex(primary.lsn) }] };
      },
    };
    const standbyDb = { execute: async () => ({ rows: [{ standby: standby.inRecovery, replayed: standby.inRecovery ? hex(standby.replayed) : null }] }) };
    const replica = new Replica(standbyDb as never, primaryDb as never, async () => {});
    return { primary, standby, replica, sample: () => (replica as unknown as { sample(): Promise<void> }).sample() };
  }

  it("trusts no lag until the standby has been seen past a sampled position, then measures from the samples", async () => {
    const { primary, standby, replica, sample } = fakes();
    try {
      // First sample: the standby is behind a position just taken; how far behind is unknown (it could be hours).
      const first = await replica.state();
      expect(first.ok).toBe(false);
      // It replays past that position: from now on the lag is known.
      standby.replayed = 100n;
      primary.lsn = 200n;
      await sample();
      const second = await replica.state();
      expect(second).toMatchObject({ ok: true, standby: true, replayed: 100n });
      expect(second.lagMs).toBeLessThan(1_000);
      // A failed sample forgets it all: unknown again until the standby passes a new position.
      primary.fail = true;
      await sample();
      expect((await replica.state()).ok).toBe(false);
      primary.fail = false;
      primary.lsn = 300n;
      await sample();
      expect((await replica.state()).ok).toBe(false);
      standby.replayed = 300n;
      await sample();
      expect(await replica.state()).toMatchObject({ ok: true, lagMs: 0 });
    } finally {
      await replica.close();
    }
  });

  it("says when the read pool reached a node that is not a standby (reads then go to the primary)", async () => {
    const { standby, replica } = fakes();
    standby.inRecovery = false;
    try {
      expect(await replica.state()).toMatchObject({ ok: true, standby: false, replayed: null, lagMs: 0 });
    } finally {
      await replica.close();
    }
  });

  it("does not trust a state it has not refreshed for a while, and ages a lag it has", async () => {
    const { replica } = fakes();
    try {
      const latest = { ok: true, standby: true, replayed: 100n, lagMs: 1_500, at: 10_000 };
      (replica as unknown as { latest: typeof latest; timer: unknown }).latest = latest;
      (replica as unknown as { timer: unknown }).timer = setInterval(() => {}, 1_000_000);
      expect((await replica.state(10_500)).lagMs).toBe(2_000);
      expect((await replica.state(60_000)).ok).toBe(false);
    } finally {
      await replica.close();
    }
  });
});
