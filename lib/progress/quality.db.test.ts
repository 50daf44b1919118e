import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Db, type DbHandle } from "@/db/client";
import { recount } from "@/db/recount";
import { seed } from "@/lib/seed";
import { createTestDb, testEngines, viewerFor } from "@/lib/testing/db";
import { openFlag, voidMember } from "@/lib/testing/quality";
import type { Viewer } from "@/lib/auth/viewer";
import { istDate } from "@/lib/dates";
import { loadUnitProgress } from "@/lib/progress/data";
import { progressCsv } from "@/lib/progress/export";
import type { UnitProgress } from "@/lib/progress/types";
import { findUnit, scopeUnit } from "@/lib/geo/units";
import type { GeoLevel } from "@/lib/geo/levels";

/**
 * Quality-adjusted progress: a voided sign-up leaves every count (the counters never held it), an open flag
 * shows as "under review" while the member stays counted, and targets are judged on members not voided.
 */
const NOW = new Date("2026-11-28T05:30:00Z");
const TODAY = istDate(NOW);

type Row = Record<string, unknown>;

describe.each(testEngines())("quality-adjusted progress on %s", (engine) => {
  let h: DbHandle;
  let db: Db;
  let pcc: Viewer;
  let raipur: Viewer;

  const unitData = async (viewer: Viewer, level: GeoLevel, key: string, headlineOnly = false): Promise<UnitProgress> => {
    const unit = level === "state" ? await scopeUnit(db, viewer) : await findUnit(db, viewer, level, key);
    if (!unit) throw new Error(`${level} ${key} not visible`);
    return loadUnitProgress(db, viewer, unit, { now: NOW, headlineOnly });
  };

  beforeAll(async () => {
    h = await createTestDb(engine);
    db = h.db;
    await seed(db, { seed: 7, members: 800, now: NOW, demoUsers: true });
    pcc = await viewerFor(db, "pcc@demo.local");
    raipur = await viewerFor(db, "raipur@demo.local");
  });
  afterAll(async () => {
    await h?.close();
  });

  it("voiding a member lowers its units' members by one and raises voided; an open flag raises under review; recount agrees", async () => {
    // Two members of Raipur signed up today in one booth (so the day's series moves too), or any two of Raipur.
    const picked = await queryRows<Row>(
      db,
      sql`SELECT m.id, m.booth_id, b.code, m.enrolled_on::text AS day FROM members m JOIN booths b ON b.id = m.booth_id JOIN districts d ON d.id = m.district_id
          WHERE d.slug = 'raipur' AND m.standing = 'counted' ORDER BY (m.enrolled_on = ${TODAY}) DESC, m.id LIMIT 2`,
    );
    expect(picked).toHaveLength(2);
    const [gone, doubtful] = picked as [Row, Row];
    const code = String(gone.code);
    const stateBefore = await unitData(pcc, "state", "CG");
    const districtBefore = await unitData(pcc, "district", "raipur");
    const ownBefore = await unitData(raipur, "state", "");
    const boothBefore = await unitData(pcc, "booth", code);
    const headlineBefore = (await unitData(raipur, "state", "", true)).headline;
    expect(districtBefore.target).not.toBeNull();

    await voidMember(db, Number(gone.id));
    await openFlag(db, Number(doubtful.id), "shared_phone");

    const stateAfter = await unitData(pcc, "state", "CG");
    const districtAfter = await unitData(pcc, "district", "raipur");
    const ownAfter = await unitData(raipur, "state", "");
    const boothAfter = await unitData(pcc, "booth", code);
    for (const [before, after] of [
      [stateBefore, stateAfter],
      [districtBefore, districtAfter],
      [ownBefore, ownAfter],
    ] as const) {
      expect(after.counts.members).toBe(before.counts.members - 1);
      expect(after.counts.voided).toBe(before.counts.voided + 1);
      expect(after.counts.underReview).toBe(before.counts.underReview + 1);
      expect(after.headline).toMatchObject({ members: before.headline.members - 1, underReview: before.headline.underReview + 1, voided: before.headline.voided + 1 });
      // The daily series (what the charts draw) is quality-adjusted too: one sign-up fewer over the campaign.
      expect(after.daily.reduce((a, p) => a + p.members, 0)).toBe(before.daily.reduce((a, p) => a + p.members, 0) - 1);
    }
    expect(boothAfter.counts.members).toBe(boothBefore.counts.members - 1);
    expect(boothAfter.counts.voided).toBe(boothBefore.counts.voided + 1);

    // Targets are judged on members not voided: the percent and the pace follow the lower count.
    expect(districtAfter.target).toBe(districtBefore.target);
    expect(districtAfter.headline.percent).toBeCloseTo(districtAfter.counts.members / districtAfter.target!, 10);
    expect(districtAfter.headline.percent!).toBeLessThan(districtBefore.headline.percent!);
    expect(districtAfter.pace!.members).toBe(districtBefore.pace!.members - 1);

    // The children rows carry the same numbers: Raipur's row on the state page, the booth's row on Raipur's.
    const raipurRow = (d: UnitProgress) => d.groups.find((g) => g.level === "district")!.rows.find((r) => r.key === "raipur")!;
    expect(raipurRow(stateAfter)).toMatchObject({ members: raipurRow(stateBefore).members - 1, voided: raipurRow(stateBefore).voided + 1 });
    expect(raipurRow(stateAfter).percent!).toBeLessThan(raipurRow(stateBefore).percent!);
    const boothRow = (d: UnitProgress) => d.groups.find((g) => g.level === "booth")!.rows.find((r) => r.key === code)!;
    expect(boothRow(districtAfter)).toMatchObject({ members: boothRow(districtBefore).members - 1, voided: boothRow(districtBefore).voided + 1 });

    // The live route's answer (the scope's headline) gains underReview and voided.
    const headlineAfter = (await unitData(raipur, "state", "", true)).headline;
    expect(headlineAfter).toMatchObject({ members: headlineBefore.members - 1, underReview: headlineBefore.underReview + 1, voided: headlineBefore.voided + 1 });

    // Raipur's total is every not-void member there; voided is every void one.
    const [truth] = await queryRows<Row>(
      db,
      sql`SELECT count(*) FILTER (WHERE standing <> 'void')::int AS members, count(*) FILTER (WHERE standing = 'review')::int AS review,
                 count(*) FILTER (WHERE standing = 'void')::int AS voided
          FROM members m JOIN districts d ON d.id = m.district_id WHERE d.slug = 'raipur'`,
    );
    expect(districtAfter.counts).toMatchObject({ members: Number(truth!.members), underReview: Number(truth!.review), voided: Number(truth!.voided) });

    expect(await recount(db)).toEqual([]);
  });

  it("exports carry under_review and voided beside members", async () => {
    const csv = await progressCsv(db, raipur, { level: "district", key: "raipur", table: "block" }, NOW);
    const [header, ...lines] = csv.body.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    const cols = header!.split(",");
    expect(cols.slice(cols.indexOf("members"), cols.indexOf("members") + 3)).toEqual(["members", "under_review", "voided"]);
    const sum = (c: string) => lines.reduce((a, l) => a + Number(l.split(",")[cols.indexOf(c)]), 0);
    const d = await unitData(raipur, "district", "raipur");
    expect(sum("members")).toBe(d.counts.members);
    expect(sum("voided")).toBe(d.counts.voided);
    expect(sum("under_review")).toBe(d.counts.underReview);
  });
});
