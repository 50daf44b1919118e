import { describe, expect, it } from "vitest";
import { formatDateTime, formatDay, formatDecimal, formatInstantDay, formatNumber, formatPercent, formatShortDay, formatTime } from "@/lib/format";

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
  it("prints instants in India time: day, date and time, clock", () => {
    const at = new Date("2026-11-28T06:00:05Z");
    expect(formatDateTime(at)).toBe("28 Nov 2026, 11:30 am");
    expect(formatDateTime(at.getTime(), "en", { seconds: true })).toBe("28 Nov 2026, 11:30:05 am");
    expect(formatDateTime(at.toISOString(), "hi")).toMatch(/^28 नव॰? 2026, 11:30 am$/);
    expect(formatTime(at.toISOString())).toBe("11:30 am");
    // 20:00 UTC is already the next day in India.
    expect(formatInstantDay("2026-11-28T20:00:00Z")).toBe("29 Nov 2026");
  });
});
