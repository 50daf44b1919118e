import { describe, expect, it } from "vitest";
import {
  behindSince,
  campaignLength,
  cumulativePoints,
  dailyPoints,
  elapsedDays,
  pace,
  recentRate,
  sumSeries,
  suppressSmall,
  type DayCount,
} from "@/lib/progress/pace";

// A ten-day campaign, 1–10 October (India time). 00:00 IST on 1 October is 18:30 UTC on 30 September.
const C = { startsOn: "2026-10-01", endsOn: "2026-10-10" };
/** An instant given as India time. */
const ist = (day: string, time = "12:00") => new Date(`${day}T${time}:00+05:30`);
const flat = (from: string, days: number, perDay: number): DayCount[] =>
  Array.from({ length: days }, (_, i) => ({ day: new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10), members: perDay }));

describe("campaign days", () => {
  it("counts both ends and elapses in India time", () => {
    expect(campaignLength(C)).toBe(10);
    expect(elapsedDays(C, ist("2026-10-01", "00:00"))).toBe(0);
    expect(elapsedDays(C, ist("2026-10-01", "12:00"))).toBe(0.5);
    // 23:00 UTC on 30 Sep is already 04:30 on 1 Oct in India.
    expect(elapsedDays(C, new Date("2026-09-30T23:00:00Z"))).toBeCloseTo(4.5 / 24);
    expect(elapsedDays(C, ist("2026-09-20"))).toBe(0);
    expect(elapsedDays(C, ist("2026-11-20"))).toBe(10);
  });
});

describe("pace", () => {
  it("on the first day: line, gap, days behind, needed and recent rate", () => {
    const p = pace({ members: 20, target: 1000, campaign: C, now: ist("2026-10-01"), series: [{ day: "2026-10-01", members: 20 }] });
    expect(p.elapsed).toBe(0.5);
    expect(p.daysLeft).toBe(9);
    expect(p.over).toBe(false);
    expect(p.percent).toBeCloseTo(0.02);
    expect(p.expected).toBeCloseTo(50);
    expect(p.behindBy).toBeCloseTo(30);
    expect(p.aheadBy).toBe(0);
    // 20 members is where the line stood 0.2 days in: 0.3 days behind.
    expect(p.daysBehind).toBeCloseTo(0.3);
    expect(p.behindSince).toBe("2026-10-01");
    expect(p.requiredRate).toBeCloseTo(980 / 9.5);
    // Half a day gone, but the rate is never divided by less than one day.
    expect(p.recentRate).toBe(20);
    expect(p.projected).toBeCloseTo(20 + 20 * 9.5);
    expect(p.reached).toBe(false);
    // 980 more at 20 a day is 49 days from now.
    expect(p.reachOn).toBe("2026-11-19");
  });

  it("at the very start nothing is expected and nobody is behind", () => {
    const p = pace({ members: 0, target: 1000, campaign: C, now: ist("2026-10-01", "00:00"), series: [] });
    expect(p.expected).toBe(0);
    expect(p.daysBehind).toBe(0);
    expect(p.behindSince).toBeNull();
    expect(p.requiredRate).toBe(100);
    expect(p.recentRate).toBe(0);
    expect(p.reachOn).toBeNull();
  });

  it("on the last day: no whole days left, the rest of today to go", () => {
    const series = flat("2026-10-01", 10, 90);
    const p = pace({ members: 900, target: 1000, campaign: C, now: ist("2026-10-10", "18:00"), series });
    expect(p.daysLeft).toBe(0);
    expect(p.over).toBe(false);
    expect(p.elapsed).toBe(9.75);
    expect(p.expected).toBeCloseTo(975);
    expect(p.requiredRate).toBeCloseTo(100 / 0.25);
    // The window runs from 18:00 on 3 October: a quarter of that day, six whole days and today (so far).
    expect(p.recentRate).toBeCloseTo((0.25 * 90 + 6 * 90 + 90) / 7);
    expect(p.projected).toBeCloseTo(900 + ((0.25 * 90 + 6 * 90 + 90) / 7) * 0.25);
    expect(p.daysBehind).toBeCloseTo(9.75 - 9);
  });

  it("a campaign already over: no rate can reach it any more, the projection is the count", () => {
    const series = flat("2026-10-01", 10, 50);
    const p = pace({ members: 500, target: 1000, campaign: C, now: ist("2026-10-20"), series });
    expect(p.over).toBe(true);
    expect(p.daysLeft).toBe(0);
    expect(p.elapsed).toBe(10);
    expect(p.expected).toBe(1000);
    expect(p.behindBy).toBe(500);
    expect(p.daysBehind).toBeCloseTo(5);
    expect(p.requiredRate).toBeNull();
    expect(p.projected).toBe(500);
    // The window is the campaign's last seven days.
    expect(p.recentRate).toBeCloseTo(50);
    expect(p.behindSince).toBe("2026-10-01");
  });

  it("a campaign over and the target reached on a known day", () => {
    const series = flat("2026-10-01", 10, 150);
    const p = pace({ members: 1500, target: 1000, campaign: C, now: ist("2026-10-20"), series });
    expect(p.reached).toBe(true);
    expect(p.reachOn).toBe("2026-10-07");
    expect(p.requiredRate).toBe(0);
    expect(p.daysBehind).toBe(0);
    expect(p.aheadBy).toBe(500);
  });

  it("a target of zero: no percent, nothing expected, never behind", () => {
    const p = pace({ members: 7, target: 0, campaign: C, now: ist("2026-10-05"), series: [{ day: "2026-10-02", members: 7 }] });
    expect(p.percent).toBeNull();
    expect(p.expected).toBe(0);
    expect(p.behindBy).toBe(0);
    expect(p.daysBehind).toBe(0);
    expect(p.behindSince).toBeNull();
    expect(p.requiredRate).toBe(0);
    expect(p.reached).toBe(true);
    expect(Object.values(p).every((v) => typeof v !== "number" || Number.isFinite(v))).toBe(true);
  });

  it("a unit with no booths: nothing counted, no target, no NaN anywhere", () => {
    const p = pace({ members: 0, target: null, campaign: C, now: ist("2026-10-05"), series: [] });
    expect(p).toMatchObject({ members: 0, target: null, percent: null, expected: null, daysBehind: null, requiredRate: null, recentRate: 0, projected: 0, reachOn: null });
    expect(Object.values(p).every((v) => typeof v !== "number" || Number.isFinite(v))).toBe(true);
  });

  it("a unit with no booths but a target is behind by every day elapsed", () => {
    const p = pace({ members: 0, target: 500, campaign: C, now: ist("2026-10-05"), series: [] });
    expect(p.daysBehind).toBeCloseTo(4.5);
    expect(p.behindSince).toBe("2026-10-01");
    expect(p.reachOn).toBeNull();
  });

  it("without a day series the projection is unknown", () => {
    const p = pace({ members: 300, target: 1000, campaign: C, now: ist("2026-10-05") });
    expect(p.recentRate).toBeNull();
    expect(p.projected).toBeNull();
    expect(p.behindSince).toBeNull();
    expect(p.daysBehind).toBeCloseTo(1.5);
  });
});

describe("behind since", () => {
  it("is the first day of the current run below the line", () => {
    // Target 1000 over 10 days: the line ends day k at 100k. Ahead until day 4, then a stall.
    const series = [
      { day: "2026-10-01", members: 150 },
      { day: "2026-10-02", members: 150 },
      { day: "2026-10-03", members: 50 },
      { day: "2026-10-04", members: 60 },
      { day: "2026-10-05", members: 10 },
      { day: "2026-10-06", members: 10 },
    ];
    expect(behindSince(series, 1000, C, ist("2026-10-06", "20:00"))).toBe("2026-10-05");
    // Day 3 ended at 350 (line 300) and day 4 at 410 (line 400): not behind then.
    expect(behindSince(series, 1000, C, ist("2026-10-04", "23:00"))).toBeNull();
  });

  it("forgets a stretch behind once the unit catches up", () => {
    const series = [
      { day: "2026-10-01", members: 10 },
      { day: "2026-10-02", members: 400 },
      { day: "2026-10-03", members: 0 },
    ];
    expect(behindSince(series, 1000, C, ist("2026-10-02", "22:00"))).toBeNull();
    // 410 stays above the line until the end of day 4 (400); at noon on day 5 the line is at 450.
    expect(behindSince(series, 1000, C, ist("2026-10-04", "23:00"))).toBeNull();
    expect(behindSince(series, 1000, C, ist("2026-10-05", "12:00"))).toBe("2026-10-05");
  });

  it("is null without a target or with a target of zero", () => {
    expect(behindSince([], null, C, ist("2026-10-05"))).toBeNull();
    expect(behindSince([], 0, C, ist("2026-10-05"))).toBeNull();
  });
});

describe("recent rate", () => {
  it("counts the far edge of the window by its part inside", () => {
    // 12:00 on day 9: the window runs from 12:00 on day 2; day 2 counts half.
    const series = flat("2026-10-01", 9, 70);
    expect(recentRate(series, C, ist("2026-10-09"))).toBeCloseTo((35 + 6 * 70 + 70) / 7);
  });
  it("ignores sign-ups outside the campaign", () => {
    expect(recentRate([{ day: "2026-09-20", members: 1000 }], C, ist("2026-10-03"))).toBe(0);
  });
});

describe("chart points", () => {
  it("cumulative: actuals to today, the line to the target, the projection from today", () => {
    // Today (day 5) is half done: 50 so far.
    const series = [...flat("2026-10-01", 4, 100), { day: "2026-10-05", members: 50 }];
    const points = cumulativePoints(series, 2000, C, ist("2026-10-05", "12:00"));
    expect(points).toHaveLength(10);
    expect(points[0]).toMatchObject({ day: "2026-10-01", members: 100, line: 200, projected: null });
    expect(points[4]).toMatchObject({ day: "2026-10-05", members: 450, line: 1000, projected: 450 + 50 });
    expect(points[5]!.members).toBeNull();
    expect(points[9]!.line).toBe(2000);
    // 450 sign-ups in 4.5 days is 100 a day, with 5.5 days to go.
    expect(points[9]!.projected).toBe(450 + 100 * 5.5);
  });

  it("daily: one point per day to today, with a trailing average", () => {
    const series = [
      { day: "2026-10-01", members: 10 },
      { day: "2026-10-02", members: 20 },
      { day: "2026-10-03", members: 30 },
    ];
    const points = dailyPoints(series, C, ist("2026-10-04"));
    expect(points.map((p) => p.members)).toEqual([10, 20, 30, 0]);
    expect(points.map((p) => p.average)).toEqual([10, 15, 20, 15]);
  });

  it("sums series by day", () => {
    expect(sumSeries([[{ day: "2026-10-02", members: 1 }], [{ day: "2026-10-01", members: 2 }, { day: "2026-10-02", members: 3 }]])).toEqual([
      { day: "2026-10-01", members: 2 },
      { day: "2026-10-02", members: 4 },
    ]);
  });
});

describe("small-count suppression", () => {
  it("hides counts under 10", () => {
    expect(suppressSmall({ SC: 3, ST: 0, OBC: 40, GEN: 12 })).toEqual({ SC: null, ST: null, OBC: 40, GEN: 12 });
  });
  it("hides the next smallest when only one would be hidden (else the total gives it away)", () => {
    expect(suppressSmall({ SC: 3, ST: 15, OBC: 40, GEN: 12 })).toEqual({ SC: null, ST: 15, OBC: 40, GEN: null });
  });
  it("shows everything at or above the threshold", () => {
    expect(suppressSmall({ SC: 10, ST: 15, OBC: 40, GEN: 12 })).toEqual({ SC: 10, ST: 15, OBC: 40, GEN: 12 });
  });
});

describe("members from before the campaign", () => {
  it("start the cumulative line and count towards the target", () => {
    const series = flat("2026-10-01", 2, 100);
    // 300 members, 200 of them signed up in the campaign: 100 were there before it.
    const p = pace({ members: 300, target: 1000, campaign: C, now: ist("2026-10-03", "00:00"), series });
    expect(p.behindSince).toBeNull();
    expect(cumulativePoints(series, 1000, C, ist("2026-10-03", "00:00"), 100)[0]!.members).toBe(200);
    const reached = pace({ members: 300, target: 250, campaign: C, now: ist("2026-10-03", "00:00"), series });
    expect(reached.reachOn).toBe("2026-10-02");
  });
});
