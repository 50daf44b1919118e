import { describe, expect, it } from "vitest";
import { formatDay, formatNumber, formatPercent } from "./format";

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
  });
});
