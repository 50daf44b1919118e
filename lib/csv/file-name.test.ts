import { describe, expect, it } from "vitest";
import { exportFileName } from "@/lib/csv/file-name";

describe("exportFileName", () => {
  it("dates a file with the day in India, not the UTC day", () => {
    // 2 Dec 2026, 00:30 in Raipur is still 1 Dec in UTC: the file says 2 Dec, as the app does.
    const justAfterMidnight = new Date("2026-12-01T19:00:00Z");
    expect(justAfterMidnight.toISOString().slice(0, 10)).toBe("2026-12-01");
    expect(exportFileName(["uncovered-booths"], { now: justAfterMidnight })).toBe("uncovered-booths-2026-12-02.csv");
    // 05:29 in India on 2 Dec is 23:59 UTC on 1 Dec; 05:31 is the same day in both.
    expect(exportFileName(["x"], { now: new Date("2026-12-01T23:59:00Z") })).toBe("x-2026-12-02.csv");
    expect(exportFileName(["x"], { now: new Date("2026-12-01T18:29:59Z") })).toBe("x-2026-12-01.csv");
  });

  it("joins the parts, leaves out empty ones and keeps the name plain", () => {
    const now = new Date("2026-11-28T06:00:00Z");
    expect(exportFileName(["uncovered-booths", "ac-49", null, undefined, false, "", "raipur"], { now })).toBe("uncovered-booths-ac-49-raipur-2026-11-28.csv");
    expect(exportFileName(["members"], { now, tail: ["first-100000"] })).toBe("members-2026-11-28-first-100000.csv");
    expect(exportFileName(["members"], { now, tail: [false] })).toBe("members-2026-11-28.csv");
    expect(exportFileName(["targets/ac", "रायपुर", 7], { now, ext: "txt" })).toBe("targets-ac-7-2026-11-28.txt");
  });
});
