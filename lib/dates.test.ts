import { describe, expect, it } from "vitest";
import { addDays, daysBetween, istDate, istDayStart, weekday } from "@/lib/dates";

describe("India-time days", () => {
  it("moves to the next day at 18:30 UTC", () => {
    expect(istDate(new Date("2026-11-27T18:29:59Z"))).toBe("2026-11-27");
    expect(istDate(new Date("2026-11-27T18:30:00Z"))).toBe("2026-11-28");
  });
  it("starts a day at 18:30 UTC of the previous day", () => {
    expect(istDayStart("2026-11-28").toISOString()).toBe("2026-11-27T18:30:00.000Z");
    expect(istDate(istDayStart("2026-11-28"))).toBe("2026-11-28");
  });
  it("adds and counts days across months and leap years", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-11-28", -42)).toBe("2026-10-17");
    expect(daysBetween("2026-10-17", "2026-11-28")).toBe(42);
    expect(daysBetween("2026-11-28", "2026-10-17")).toBe(-42);
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(daysBetween("2026-12-31", "2027-01-01")).toBe(1);
    expect(daysBetween("2026-11-28", "2026-11-28")).toBe(0);
    // The same answer as counting with Date over four years, day by day.
    for (let i = 0; i < 1461; i += 17) expect(daysBetween("2026-01-01", addDays("2026-01-01", i))).toBe(i);
  });
  it("knows the weekday", () => {
    expect(weekday("2026-11-29")).toBe(0);
    expect(weekday("2026-11-28")).toBe(6);
  });
});
