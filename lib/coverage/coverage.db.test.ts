import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import { sharedDataPath, testEngines } from "@/lib/testing/db";
import { appoint, endAppointment } from "@/lib/appointments/service";
import { freshPhones, seededDemo, vacantBooth, writesSnapshot } from "@/lib/testing/factories";
import type { Viewer } from "@/lib/auth/viewer";
import { boundaryMap, importBoundaries } from "@/lib/coverage/boundaries";
import { csvResponse, errorResponse } from "@/lib/http";
import { exportUncoveredBooths, type UncoveredExport } from "@/lib/coverage/export";

/** What the route answers with the export's result (app/(dashboard)/coverage/export/route.ts). */
const answer = (f: UncoveredExport): Response => (f.ok ? csvResponse(f.body, f.fileName) : errorResponse(f.code));
import { coverageBy, coverageTotals, uncoveredBooths, type CoverageLevel } from "@/lib/coverage/queries";

/** Covered booths counted another way: active IT members joined to their booths, per unit column. */
async function independent(h: DbHandle, column: "pc_id" | "ac_id" | "district_id" | "block_id", districtSlug?: string) {
  const rows = await queryRows<{ unit_id: number; booths: number; covered: number }>(
    h.db,
    sql`SELECT b.${sql.raw(column)} AS unit_id, count(*)::int AS booths,
        count(*) FILTER (WHERE b.id IN (SELECT a.booth_id FROM appointments a WHERE a.role = 'it_member' AND a.ended_at IS NULL))::int AS covered
      FROM booths b JOIN districts d ON d.id = b.district_id
      WHERE b.${sql.raw(column)} IS NOT NULL ${districtSlug ? sql`AND d.slug = ${districtSlug}` : sql``}
      GROUP BY 1 ORDER BY 1`,
  );
  return rows;
}

describe.each(testEngines())("booth coverage on %s", (engine) => {
  let h: DbHandle;
  let raipur: Viewer;
  let itcell: Viewer;

  beforeAll(async () => {
    ({ h, raipur, itcell } = await seededDemo(engine));
  });
  afterAll(async () => {
    await h?.close();
  });

  it("equals an independent count of booths with an active member, at every level and scope", async () => {
    const [all] = await queryRows<{ booths: number; covered: number }>(
      h.db,
      sql`SELECT (SELECT count(*)::int FROM booths) AS booths,
        (SELECT count(DISTINCT a.booth_id)::int FROM appointments a WHERE a.role = 'it_member' AND a.ended_at IS NULL AND a.booth_id IS NOT NULL) AS covered`,
    );
    expect(await coverageTotals(h.db, itcell)).toEqual(all);
    expect(all!.covered).toBeGreaterThan(0);
    expect(all!.covered).toBeLessThan(all!.booths);
    const columns: Record<CoverageLevel, "pc_id" | "ac_id" | "district_id" | "block_id"> = { pc: "pc_id", ac: "ac_id", district: "district_id", block: "block_id" };
    for (const level of ["pc", "ac", "district", "block"] as const) {
      const mine = await coverageBy(h.db, itcell, level, "name");
      const theirs = await independent(h, columns[level]);
      expect(mine.map((r) => ({ unit_id: r.id, booths: r.booths, covered: r.covered })).sort((a, b) => a.unit_id - b.unit_id)).toEqual(theirs);
      for (const r of mine) expect(r.share).toBeCloseTo(r.covered / r.booths, 12);
    }
    const raipurTotals = await coverageTotals(h.db, raipur);
    const raipurAcs = await coverageBy(h.db, raipur, "ac");
    const theirs = await independent(h, "ac_id", "raipur");
    expect(raipurAcs.map((r) => ({ unit_id: r.id, booths: r.booths, covered: r.covered })).sort((a, b) => a.unit_id - b.unit_id)).toEqual(theirs);
    expect(raipurTotals.booths).toBe(theirs.reduce((s, r) => s + r.booths, 0));
    expect(raipurTotals.covered).toBe(theirs.reduce((s, r) => s + r.covered, 0));
    const uncovered = await uncoveredBooths(h.db, raipur, {}, 1, 10);
    expect(uncovered.total).toBe(raipurTotals.booths - raipurTotals.covered);
  });

  it("rises by exactly one booth when a member is appointed, and a block member covers no booth", async () => {
    const booth = await vacantBooth(h.db, "raipur", "it_member");
    const before = await coverageTotals(h.db, raipur);
    const beforeAc = (await coverageBy(h.db, raipur, "ac")).find((r) => r.id === booth.acId)!;
    const [p1, p2] = await freshPhones(h.db, 2);
    const a = await appoint({ db: h.db, viewer: itcell }, { role: "it_member", level: "booth", unitId: booth.id, worker: { name: "Cover One", phone: p1!, epic: null } });
    const [block] = await queryRows<{ id: number }>(h.db, sql`SELECT block_id AS id FROM booths WHERE id = ${booth.id}`);
    await appoint({ db: h.db, viewer: itcell }, { role: "it_member", level: "block", unitId: block!.id, worker: { name: "Block Member", phone: p2!, epic: null } });
    expect(await coverageTotals(h.db, raipur)).toEqual({ booths: before.booths, covered: before.covered + 1 });
    expect((await coverageBy(h.db, raipur, "ac")).find((r) => r.id === booth.acId)!.covered).toBe(beforeAc.covered + 1);
    await endAppointment({ db: h.db, viewer: itcell }, { appointmentId: a.appointmentId, reason: "Test" });
    expect(await coverageTotals(h.db, raipur)).toEqual(before);
  });

  it("exports the uncovered booths of the viewer's scope only, and audits the export", async () => {
    const totals = await coverageTotals(h.db, raipur);
    const res = answer(await exportUncoveredBooths(h.db, raipur, {}));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="uncovered-booths-/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // UTF-8 with a byte-order mark, so that Excel shows the Hindi names.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trimEnd().split("\r\n");
    expect(lines[0]).toBe("booth_code,booth_name,booth_name_hi,ac_no,ac_name,pc_no,pc_name,district,block");
    expect(lines).toHaveLength(totals.booths - totals.covered + 1);
    expect(lines.slice(1).every((l) => l.includes(",Raipur,"))).toBe(true);
    // A seat or district outside the scope is not found, not quietly widened.
    expect(answer(await exportUncoveredBooths(h.db, raipur, { ac: "64" })).status).toBe(404);
    expect(answer(await exportUncoveredBooths(h.db, raipur, { district: "durg" })).status).toBe(404);
    // Named with the day in India: at 00:30 on 2 Dec in Raipur (19:00 UTC on 1 Dec) the file says 12-02.
    const seat = await exportUncoveredBooths(h.db, itcell, { ac: "64", district: "durg" }, new Date("2026-12-01T19:00:00Z"));
    expect(seat.ok && seat.fileName).toBe("uncovered-booths-ac-64-durg-2026-12-02.csv");
    expect((await answer(seat).text()).trimEnd().split("\r\n").slice(1).every((l) => l.split(",")[0]!.startsWith("064-"))).toBe(true);
    const [audit] = await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'export.uncovered_booths'`);
    expect(audit!.n).toBe(2);
  });

  it("imports assembly-seat boundaries and draws the map of the viewer's seats", async () => {
    const file = readFileSync(sharedDataPath("cg-assembly.geo.json"));
    const first = await importBoundaries(h.db, file);
    expect(first).toMatchObject({ ok: true, changed: true, created: { boundaries: 90 }, updated: { boundaries: 0 }, unchanged: 0 });
    const before = await writesSnapshot(h.db);
    expect(await importBoundaries(h.db, file)).toMatchObject({ ok: true, changed: false, unchanged: 90 });
    expect(await writesSnapshot(h.db)).toEqual(before);

    const acIds = (await coverageBy(h.db, itcell, "ac")).map((r) => r.id);
    const map = await boundaryMap(h.db, itcell.scope.stateId, acIds);
    expect(map!.shapes).toHaveLength(90);
    expect(map!.width).toBe(600);
    // Chhattisgarh is taller than wide.
    expect(map!.height).toBeGreaterThan(map!.width);
    for (const s of map!.shapes) {
      expect(s.d).toMatch(/^M[0-9.]+ [0-9.]+L/);
      expect(s.cx).toBeGreaterThanOrEqual(0);
      expect(s.cx).toBeLessThanOrEqual(map!.width);
    }
    const raipurMap = await boundaryMap(h.db, raipur.scope.stateId, (await coverageBy(h.db, raipur, "ac")).map((r) => r.id));
    expect(raipurMap!.shapes.length).toBeGreaterThan(0);
    expect(raipurMap!.shapes.length).toBeLessThan(10);
  });

  it("rejects a bad boundary file whole, listing each problem", async () => {
    const before = await writesSnapshot(h.db);
    const [{ n: boundaries } = { n: 0 }] = await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM ac_boundaries`);
    const square = { type: "Polygon", coordinates: [[[81, 21], [81.1, 21], [81.1, 21.1], [81, 21]]] };
    const bad = JSON.stringify({
      type: "FeatureCollection",
      features: [
        { type: "Feature", properties: { AC_NO: 1 }, geometry: square },
        { type: "Feature", properties: { NAME: "x" }, geometry: square },
        { type: "Feature", properties: { AC_NO: 1 }, geometry: square },
        { type: "Feature", properties: { AC_NO: 2 }, geometry: { type: "Point", coordinates: [81, 21] } },
        { type: "Feature", properties: { AC_NO: 3 }, geometry: { type: "Polygon", coordinates: [[[81, 21], [500, 21]]] } },
      ],
    });
    const result = await importBoundaries(h.db, new TextEncoder().encode(bad));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.message)).toEqual([
      "feature 2: no AC_NO property (the assembly seat's number)",
      "feature 3: AC_NO 1 appears again (first in feature 1)",
      'feature 4 (AC_NO 2): has geometry type "Point"; only Polygon and MultiPolygon are boundaries',
      "feature 5 (AC_NO 3): is not a valid Polygon (rings of at least 4 lon/lat positions)",
    ]);
    const unknownSeat = JSON.stringify([{ type: "Feature", properties: { AC_NO: 999 }, geometry: square }]);
    const r2 = await importBoundaries(h.db, new TextEncoder().encode(unknownSeat));
    expect(!r2.ok && r2.problems[0]!.message).toMatch(/AC_NO 999 is not an assembly seat of CG/);
    expect((await importBoundaries(h.db, new TextEncoder().encode("{not json"))).ok).toBe(false);
    expect(await writesSnapshot(h.db)).toEqual(before);
    const [after] = await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM ac_boundaries`);
    expect(after!.n).toBe(boundaries);
  });
});
