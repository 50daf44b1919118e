import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { evaluateQuality, FALSE_FLAG_GOAL, RECALL_GOAL, type QualityEval } from "@/lib/members/quality/eval";
import { seedQuality } from "@/lib/members/quality/seed-quality";
import { seed } from "@/lib/seed";
import { createTestDb, testEngines } from "@/lib/testing/db";

const NOW = new Date("2026-11-28T07:30:00Z");

describe.each(testEngines())("the quality evaluation on a seeded database (%s)", (engine) => {
  let h: DbHandle;
  let result: QualityEval;
  beforeAll(async () => {
    h = await createTestDb(engine);
    // The e2e's size: 3,000 ordinary members and the planted patterns on top, scanned by the seed.
    await seed(h.db, { seed: 11, members: 3_000, now: NOW, quality: seedQuality });
    result = await evaluateQuality(h.db);
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(["shared_phone", "near_duplicate", "photo_reuse", "burst", "epic_pattern", "disowned"] as const)(
    "%s: recall at least 95 %, false flags at most 5 %",
    (reason) => {
      const r = result.reasons.find((x) => x.reason === reason)!;
      expect(r.fakes).toBeGreaterThan(0);
      expect(r.recall!).toBeGreaterThanOrEqual(RECALL_GOAL);
      if (reason !== "disowned") {
        expect(r.genuine).toBeGreaterThan(0);
        expect(r.falseFlags!).toBeLessThanOrEqual(FALSE_FLAG_GOAL);
      }
      expect(r.met).toBe(true);
    },
  );

  it("meets the goals overall, and the seeded tokens stay far below the burst limit", () => {
    expect(result.overall.recall!).toBeGreaterThanOrEqual(RECALL_GOAL);
    expect(result.overall.falseFlags!).toBeLessThanOrEqual(FALSE_FLAG_GOAL);
    expect(result.overall.fakes).toBe(result.reasons.reduce((a, r) => a + r.fakes, 0));
    expect(result.met).toBe(true);
    expect(result.busiestToken.count).toBeGreaterThan(0);
    expect(result.busiestToken.count).toBeLessThanOrEqual(result.busiestToken.limit / 2);
  });

  it("counts a cleared flag as not flagged", async () => {
    await h.db.execute(sql`UPDATE member_flags SET status = 'cleared'
                           WHERE reason = 'disowned' AND member_id IN (SELECT member_id FROM quality_labels WHERE reason = 'disowned')`);
    const after = await evaluateQuality(h.db);
    const d = after.reasons.find((x) => x.reason === "disowned")!;
    expect(d.fakesFlagged).toBe(0);
    expect(after.met).toBe(false);
  });
});
