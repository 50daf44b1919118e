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
  type Pace,
  type PaceInput,
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

/** Numbers the pace computes by division, compared to two decimals (as `toBeCloseTo`). */
const near = (x: number) => expect.closeTo(x);

/**
 * `pace` in each situation: every listed field is checked on its own; `finite` also checks that no number of
 * the answer is NaN or infinite.
 */
const PACES: { name: string; input: PaceInput; expected: Partial<Record<keyof Pace, unknown>>; finite?: boolean }[] = [
  {
    name: "on the first day: line, gap, days behind, needed and recent rate",
    input: { members: 20, target: 1000, campaign: C, now: ist("2026-10-01"), series: [{ day: "2026-10-01", members: 20 }] },
    expected: {
      elapsed: 0.5,
      daysLeft: 9,
      over: false,
      percent: near(0.02),
      expected: near(50),
      behindBy: near(30),
      aheadBy: 0,
      // 20 members is where the line stood 0.2 days in: 0.3 days behind.
      daysBehind: near(0.3),
      behindSince: "2026-10-01",
      requiredRate: near(980 / 9.5),
      // Half a day gone, but the rate is never divided by less than one day.
      recentRate: 20,
      projected: near(20 + 20 * 9.5),
      reached: false,
      // 980 more at 20 a day is 49 days from now.
      reachOn: "2026-11-19",
    },
  },
  {
    name: "at the very start nothing is expected and nobody is behind",
    input: { members: 0, target: 1000, campaign: C, now: ist("2026-10-01", "00:00"), series: [] },
    expected: { expected: 0, daysBehind: 0, behindSince: null, requiredRate: 100, recentRate: 0, reachOn: null },
  },
  {
    name: "on the last day: no whole days left, the rest of today to go",
    input: { members: 900, target: 1000, campaign: C, now: ist("2026-10-10", "18:00"), series: flat("2026-10-01", 10, 90) },
    expected: {
      daysLeft: 0,
      over: false,
      elapsed: 9.75,
      expected: near(975),
      requiredRate: near(100 / 0.25),
      // The window runs from 18:00 on 3 October: a quarter of that day, six whole days and today (so far).
      recentRate: near((0.25 * 90 + 6 * 90 + 90) / 7),
      projected: near(900 + ((0.25 * 90 + 6 * 90 + 90) / 7) * 0.25),
      daysBehind: near(9.75 - 9),
    },
  },
  {
    name: "a campaign already over: no rate can reach it any more, the projection is the count",
    input: { members: 500, target: 1000, campaign: C, now: ist("2026-10-20"), series: flat("2026-10-01", 10, 50) },
    expected: {
      over: true,
      daysLeft: 0,
      elapsed: 10,
      expected: 1000,
      behindBy: 500,
      daysBehind: near(5),
      requiredRate: null,
      projected: 500,
      // The window is the campaign's last seven days.
      recentRate: near(50),
      behindSince: "2026-10-01",
    },
  },
  {
    name: "a campaign over and the target reached on a known day",
    input: { members: 1500, target: 1000, campaign: C, now: ist("2026-10-20"), series: flat("2026-10-01", 10, 150) },
    expected: { reached: true, reachOn: "2026-10-07", requiredRate: 0, daysBehind: 0, aheadBy: 500 },
  },
  {
    name: "a target of zero: no percent, nothing expected, never behind",
    input: { members: 7, target: 0, campaign: C, now: ist("2026-10-05"), series: [{ day: "2026-10-02", members: 7 }] },
    expected: { percent: null, expected: 0, behindBy: 0, daysBehind: 0, behindSince: null, requiredRate: 0, reached: true },
    finite: true,
  },
  {
    name: "a unit with no booths: nothing counted, no target, no NaN anywhere",
    input: { members: 0, target: null, campaign: C, now: ist("2026-10-05"), series: [] },
    expected: { members: 0, target: null, percent: null, expected: null, daysBehind: null, requiredRate: null, recentRate: 0, projected: 0, reachOn: null },
    finite: true,
  },
  {
    name: "a unit with no booths but a target is behind by every day elapsed",
    input: { members: 0, target: 500, campaign: C, now: ist("2026-10-05"), series: [] },
    expected: { daysBehind: near(4.5), behindSince: "2026-10-01", reachOn: null },
  },
  {
    name: "without a day series the projection is unknown",
    input: { members: 300, target: 1000, campaign: C, now: ist("2026-10-05") },
    expected: { recentRate: null, projected: null, behindSince: null, daysBehind: near(1.5) },
  },
];

describe("pace", () => {
  it.each(PACES)("$name", ({ input, expected, finite }) => {
    const p = pace(input);
    for (const [field, value] of Object.entries(expected)) expect(p[field as keyof Pace], field).toEqual(value);
    if (finite) expect(Object.values(p).every((v) => typeof v !== "number" || Number.isFinite(v))).toBe(true);
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
