import { describe, expect, it } from "vitest";
import { chartRows, TOP_CHART_ROWS, fill, packRows, placeText, rowLabel, unpackRows, type DisplayRow } from "@/lib/progress/display";

describe("display helpers", () => {
  it("labels seats by number, booths by code, others by name, in the reader's language", () => {
    const base = { name: "Raipur City West", nameHi: "रायपुर शहर पश्चिम", no: 51, key: "51" };
    expect(rowLabel({ ...base, level: "ac" }, "en")).toBe("51 · Raipur City West");
    expect(rowLabel({ ...base, level: "ac" }, "hi")).toBe("51 · रायपुर शहर पश्चिम");
    expect(rowLabel({ level: "booth", key: "051-007", name: "School", nameHi: null, no: 7 }, "hi")).toBe("051-007 · School");
    expect(rowLabel({ level: "district", key: "raipur", name: "Raipur", nameHi: "रायपुर", no: null }, "en")).toBe("Raipur");
  });
  it("fills placeholders and leaves unknown ones", () => {
    expect(fill("{a} of {b} ({c})", { a: 1, b: "2" })).toBe("1 of 2 ({c})");
  });

  it("names where a unit lies, in the reader's language", () => {
    const labels = { pc: "LS {no} {name}", ac: "AC {no} {name}", district: "{name} district", block: "{name} block" };
    const place = [
      { level: "pc" as const, no: 8, name: "Raipur", nameHi: "रायपुर" },
      { level: "district" as const, no: null, name: "Raipur", nameHi: null },
    ];
    expect(placeText(place, "en", labels)).toBe("LS 8 Raipur · Raipur district");
    expect(placeText(place, "hi", labels)).toBe("LS 8 रायपुर · Raipur district");
    expect(placeText([], "en", labels)).toBeNull();
  });

  it("packs rows for the client and unpacks them unchanged, nulls and all", () => {
    const booth: DisplayRow = {
      level: "booth", key: "047-001", label: "047-001 · School", href: "/booths/047-001", context: null, members: 3, target: null,
      percent: null, expected: null, behindBy: null, daysBehind: null, behindSince: null, booths: 1, covered: 0, today: null, partial: false,
    };
    const seat: DisplayRow = {
      ...booth, level: "ac", key: "47", label: "47 · Dharsiwa", href: null, context: "LS 8 Raipur", target: 500, percent: 0.4,
      expected: 300, behindBy: 0, daysBehind: 1.5, behindSince: "2026-11-20", booths: 300, covered: 120, today: 4, partial: true,
    };
    const packed = packRows([booth, seat]);
    expect(unpackRows(packed)).toEqual([booth, seat]);
    // Trailing empty fields are not sent at all.
    expect(packed.packed[0]).toHaveLength(9);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify([booth, seat]).length / 2);
  });

  describe("children chart rows", () => {
    const row = (key: string, members: number, target: number | null = null, percent: number | null = null): DisplayRow => ({
      level: "booth",
      key,
      label: `${key} · Booth`,
      href: null,
      context: null,
      members,
      target,
      percent,
      expected: null,
      behindBy: null,
      daysBehind: target === null ? null : percent !== null && percent < 0.5 ? 3 : 0,
      behindSince: null,
      booths: 1,
      covered: 0,
      today: null,
      partial: false,
    });

    it("without any target shows the units with most members, largest first, and leaves out those with none", () => {
      const rows = Array.from({ length: 60 }, (_, i) => row(`001-${String(i).padStart(3, "0")}`, i % 3 === 0 ? 0 : i));
      const { mode, bars } = chartRows(rows);
      expect(mode).toBe("top");
      expect(bars).toHaveLength(TOP_CHART_ROWS);
      expect(bars[0]).toMatchObject({ label: "001-059", members: 59, status: "noTarget" });
      expect(bars.every((b, i) => i === 0 || bars[i - 1]!.members >= b.members)).toBe(true);
      expect(bars.some((b) => b.members === 0)).toBe(false);
    });

    it("draws nothing when no unit has a member and none has a target", () => {
      expect(chartRows([row("001-001", 0), row("001-002", 0)]).bars).toEqual([]);
    });

    it("with targets sorts by share of target, furthest behind first", () => {
      const { mode, bars } = chartRows([row("001-001", 90, 100, 0.9), row("001-002", 10, 100, 0.1), row("001-003", 5)]);
      expect(mode).toBe("target");
      expect(bars.map((b) => b.label)).toEqual(["001-002", "001-001", "001-003"]);
      expect(bars[0]!.status).toBe("lagging");
    });
  });
});
