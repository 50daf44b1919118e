import { describe, expect, it } from "vitest";
import { epicPattern } from "@/lib/members/quality/epic-pattern";
import { parseEpic } from "@/lib/validation/identity";

/** The demo seed's EPIC (lib/seed/index.ts epicFor), copied so the test does not import the seed. */
function seedEpic(index: number, letters: string): string {
  const digits = (index * 7_919 + 1_234_567) % 10_000_000;
  return `${letters}${String(digits).padStart(7, "0")}`;
}
const SEED_PREFIXES = ["CGX", "RPR", "BSP", "DRG", "JGR", "KRB", "RGH", "BST", "KNK", "MSM", "RJN"];

/** Every case must first pass the loose check, as the EPICs the signal sees do. */
function check(raw: string) {
  const epic = parseEpic(raw);
  if (epic === null) throw new Error(`${raw} does not pass the loose check`);
  return epicPattern(epic);
}

describe("epicPattern", () => {
  it.each(["CGX1234568", "RPR0482913", "ABD7654320", "cgx 4829137", "CG/12/345/678901", "MP/20/148/123456", "CT/090/1/1", "DL/01/0001/0000001"])(
    "passes %s",
    (epic) => {
      expect(check(epic)).toBeNull();
    },
  );

  describe("shape", () => {
    it.each(["XX/12/345/678901", "ZZ/12/345/678901", "CG/00/345/678901", "CG/12/0000/678901", "CG/12/345/0000000", "QQ/99/9999/9999999"])(
      "flags the state-coded %s",
      (epic) => {
        expect(check(epic)).toEqual({ rule: "shape" });
      },
    );
    it("flags what the loose check would refuse too", () => {
      for (const epic of ["AB1234567", "ABCD123456", "", "CG-12-345-678901"]) expect(epicPattern(epic), epic).toEqual({ rule: "shape" });
    });
  });

  describe("serial", () => {
    it.each(["CGX0000000", "CGX1111111", "RPR9999999", "CGX0123456", "CGX1234567", "CGX2345678", "CGX3456789", "CGX9876543", "CGX6543210"])(
      "flags %s",
      (epic) => {
        expect(check(epic)).toEqual({ rule: "serial", serial: epic.slice(3) });
      },
    );
    it.each(["CGX7890123", "CGX1234566", "CGX1212121", "CGX1111112", "CGX0987654", "CGX3210987", "CGX1357913"])("passes %s", (epic) => {
      expect(check(epic)).toBeNull();
    });
    it("applies to the current format only", () => {
      expect(check("CG/12/345/1234567")).toBeNull();
    });
  });

  describe("placeholder", () => {
    it.each(["AAA4829137", "XXX4829137", "ZZZ4829137", "ABC4829137", "XYZ4829137", "TES4829137", "TST4829137", "NIL4829137", "NAN4829137", "DUM4829137"])(
      "flags %s",
      (epic) => {
        expect(check(epic)).toEqual({ rule: "placeholder", prefix: epic.slice(0, 3) });
      },
    );
    it.each(["AAB4829137", "ABD4829137", "XYY4829137", "NAK4829137", "TEX4829137"])("passes %s", (epic) => {
      expect(check(epic)).toBeNull();
    });
    it("names the serial first when both fail", () => {
      expect(check("XXX1111111")).toEqual({ rule: "serial", serial: "1111111" });
    });
  });

  it("flags none of the seed's EPICs (10,000 member indices, and the workers' WRK ones)", () => {
    const flagged: string[] = [];
    for (let i = 1; i <= 10_000; i++) {
      const member = seedEpic(i, SEED_PREFIXES[i % SEED_PREFIXES.length]!);
      const worker = seedEpic(i + 5_000_000, "WRK");
      for (const epic of [member, worker]) if (epicPattern(epic) !== null) flagged.push(epic);
    }
    expect(flagged).toEqual([]);
    // Further on, a few indices do land on a placeholder serial (see the module header).
    expect(epicPattern(seedEpic(740_959, "CGX"))).toEqual({ rule: "serial", serial: "8888888" });
    // Index 0 (never used: the seed counts from 1) would be the straight run 1234567.
    expect(epicPattern(seedEpic(0, "CGX"))).toEqual({ rule: "serial", serial: "1234567" });
  });
});
