import { describe, expect, it } from "vitest";
import { formatDay, formatDecimal, formatNumber, formatPercent, formatShortDay } from "./format";

describe("Indian number formatting", () => {
  it("groups lakhs and crores", () => {
    expect(formatNumber(1234567)).toBe("12,34,567");
    expect(formatNumber(123456789)).toBe("12,34,56,789");
    expect(formatNumber(999)).toBe("999");
    expect(formatNumber(1234567, "hi")).toBe("12,34,567");
  });
  it("prints percentages and a dash for no value", () => {
    expect(formatPercent(0.4567)).toBe("45.7%");
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(Infinity)).toBe("—");
  });
  it("prints days in both languages", () => {
    expect(formatDay("2026-11-28")).toBe("28 Nov 2026");
    expect(formatDay("2026-11-28", "hi")).toMatch(/28 नव॰? 2026/);
    expect(formatShortDay("2026-11-28")).toBe("28 Nov");
    expect(formatShortDay("2026-01-05", "hi")).toMatch(/^5 जन/);
  });
  it("prints one decimal at most, Latin digits in Hindi too", () => {
    expect(formatDecimal(4.56)).toBe("4.6");
    expect(formatDecimal(12)).toBe("12");
    expect(formatDecimal(1234.5, "hi")).toBe("1,234.5");
  });
});
