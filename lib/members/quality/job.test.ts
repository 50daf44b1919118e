import { describe, expect, it } from "vitest";
import { jobPacing, pauseAfterBatch } from "@/lib/members/quality/job";

describe("the quality job's pace", () => {
  const pacing = jobPacing({} as NodeJS.ProcessEnv);

  it("reads its settings, keeping the defaults for what is missing or unusable", () => {
    expect(pacing).toEqual({ intervalMs: 2_000, duty: 0.25, busyRate: 20 });
    expect(jobPacing({ QUALITY_JOB_DUTY: "0.5", QUALITY_JOB_BUSY_RATE: "100", QUALITY_JOB_INTERVAL_MS: "500" } as unknown as NodeJS.ProcessEnv)).toEqual({
      intervalMs: 500,
      duty: 0.5,
      busyRate: 100,
    });
    for (const bad of ["0", "-1", "1.5", "abc", ""]) expect(jobPacing({ QUALITY_JOB_DUTY: bad } as unknown as NodeJS.ProcessEnv).duty).toBe(0.25);
  });

  it("waits the interval once the queue is empty", () => {
    expect(pauseAfterBatch({ members: 0, tookMs: 5, arrivalsPerSecond: 0 }, pacing)).toBe(2_000);
    expect(pauseAfterBatch({ members: 120, tookMs: 300, arrivalsPerSecond: 500 }, pacing)).toBe(2_000);
  });

  it("drains a backlog at full speed while sign-ups arrive slowly", () => {
    expect(pauseAfterBatch({ members: 500, tookMs: 1_000, arrivalsPerSecond: 0 }, pacing)).toBe(0);
    expect(pauseAfterBatch({ members: 500, tookMs: 1_000, arrivalsPerSecond: 20 }, pacing)).toBe(0);
  });

  it("while sign-ups pour in, works only its duty share of the time", () => {
    // 1 s of work at a duty of 0.25: 3 s of pause, so 1 s in every 4.
    expect(pauseAfterBatch({ members: 500, tookMs: 1_000, arrivalsPerSecond: 400 }, pacing)).toBe(3_000);
    expect(pauseAfterBatch({ members: 500, tookMs: 1_000, arrivalsPerSecond: 400 }, { ...pacing, duty: 1 })).toBe(0);
  });
});
