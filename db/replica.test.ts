import { describe, expect, it } from "vitest";
import { lagOf, parseLsn } from "@/db/replica";

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
