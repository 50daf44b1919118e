import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import { seed } from "@/lib/seed";
import { createTestDb, testEngines, viewerFor } from "@/lib/testing/db";
import { writeAudit } from "@/lib/audit/write";
import { listAuditEvents } from "@/lib/audit/queries";
import type { Viewer } from "@/lib/auth/viewer";
import { istDate } from "@/lib/dates";

describe.each(testEngines())("the audit trail on %s", (engine) => {
  let h: DbHandle;
  let admin: Viewer;
  let pcc: Viewer;
  let raipur: Viewer;
  let raipurId: number;
  let durgId: number;

  /** The first booth of a district, by code. */
  async function boothOf(slug: string) {
    const [b] = await queryRows<{ id: number; code: string; district_id: number }>(
      h.db,
      sql`SELECT b.id, b.code, b.district_id FROM booths b JOIN districts d ON d.id = b.district_id WHERE d.slug = ${slug} ORDER BY b.code LIMIT 1`,
    );
    return { id: Number(b!.id), code: b!.code, districtId: Number(b!.district_id) };
  }

  beforeAll(async () => {
    h = await createTestDb(engine);
    await seed(h.db, { members: 10, demoUsers: true, now: new Date("2026-11-28T06:00:00Z") });
    admin = await viewerFor(h.db, "admin@demo.local");
    pcc = await viewerFor(h.db, "pcc@demo.local");
    raipur = await viewerFor(h.db, "raipur@demo.local");
    const [rb, db] = [await boothOf("raipur"), await boothOf("durg")];
    raipurId = rb.districtId;
    durgId = db.districtId;
    // One appointment in each district, made by the state's leadership; a target in Durg by the administrator.
    for (const b of [rb, db]) {
      await writeAudit(h.db, pcc, {
        action: "appointment.appoint",
        entityType: "appointment",
        entityId: b.id,
        after: { role: "enroller", level: "booth", unitId: b.id, unitKey: b.code, workerId: 1, workerName: `Worker of ${b.code}` },
      });
    }
    await writeAudit(h.db, admin, {
      action: "target.update",
      entityType: "target",
      entityId: `1:district:${durgId}`,
      before: { members: 10 },
      after: { campaignId: 1, level: "district", unitId: durgId, members: 20, unitLabel: "Durg", districtId: durgId },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("shows administrators every event, newest first, with keyset pages", async () => {
    for (let i = 0; i < 55; i++) await writeAudit(h.db, admin, { action: i % 2 ? "target.create" : "export", entityType: "test", entityId: i });
    const first = (await listAuditEvents(h.db, admin))!;
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0]!.entityId).toBe("54");
    expect(first.rows[0]!.actorEmail).toBe("admin@demo.local");
    const second = (await listAuditEvents(h.db, admin, { before: first.nextBefore! }))!;
    expect(second.rows.map((r) => r.entityId)).toContain("0");
    expect(Math.max(...second.rows.map((r) => r.id))).toBeLessThan(Math.min(...first.rows.map((r) => r.id)));
  });

  it("narrows by action, by who and by day", async () => {
    const appointed = (await listAuditEvents(h.db, admin, { action: "appointment.appoint" }))!;
    expect(appointed.rows).toHaveLength(2);
    expect(appointed.rows.every((r) => r.action === "appointment.appoint")).toBe(true);
    const byPcc = (await listAuditEvents(h.db, admin, { actor: pcc.id }))!;
    expect(byPcc.rows.map((r) => r.action).sort()).toEqual(["appointment.appoint", "appointment.appoint"]);
    const system = (await listAuditEvents(h.db, admin, { actor: "system" }))!;
    expect(system.rows.map((r) => r.action)).toContain("seed");
    expect(system.rows.every((r) => r.actorEmail === null)).toBe(true);
    const today = istDate(new Date());
    expect((await listAuditEvents(h.db, admin, { action: "target.update", from: today, to: today }))!.rows).toHaveLength(1);
    expect((await listAuditEvents(h.db, admin, { action: "target.update", to: "2020-01-01" }))!.rows).toHaveLength(0);
  });

  it("narrows by district: a post placed by its booth, a target by its district", async () => {
    const inRaipur = (await listAuditEvents(h.db, pcc, { districtId: raipurId }))!;
    expect(inRaipur.rows.map((r) => r.action)).toEqual(["appointment.appoint"]);
    expect(JSON.stringify(inRaipur.rows[0]!.after)).toContain("Worker of");
    const inDurg = (await listAuditEvents(h.db, pcc, { districtId: durgId }))!;
    expect(inDurg.rows.map((r) => r.action).sort()).toEqual(["appointment.appoint", "target.update"]);
    // Neither district's list holds the other's appointment.
    const worker = (rows: { after: unknown }[]) => rows.map((r) => (r.after as { workerName?: string }).workerName).filter(Boolean);
    expect(worker(inRaipur.rows)).not.toEqual(expect.arrayContaining(worker(inDurg.rows)));
  });

  it("refuses a district president, whatever the filters: no other district's events, nor their own", async () => {
    expect(raipur.role).toBe("district_president");
    expect(await listAuditEvents(h.db, raipur)).toBeNull();
    expect(await listAuditEvents(h.db, raipur, { districtId: durgId })).toBeNull();
    expect(await listAuditEvents(h.db, raipur, { districtId: raipurId })).toBeNull();
    // Leadership below state level does not read the trail either.
    expect(await listAuditEvents(h.db, { ...raipur, role: "leadership" })).toBeNull();
  });
});
