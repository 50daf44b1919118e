import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import { PG, pgError } from "@/db/errors";
import { recount } from "@/db/recount";
import * as s from "@/db/schema";
import { seed, STATE_ID } from "@/lib/seed";
import { createTestDb, testEngines } from "@/lib/testing/db";

/** Runs `fn` and returns the SQLSTATE and constraint it failed with (fails the test if it succeeded). */
async function refusal(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (err) {
    const e = pgError(err);
    if (!e) throw err;
    return e;
  }
  throw new Error("expected the database to refuse the write");
}

describe.each(testEngines())("the schema on %s", (engine) => {
  let h: DbHandle;
  let booth: typeof s.booths.$inferSelect;
  let otherBooth: typeof s.booths.$inferSelect;
  let workerIds: number[];

  beforeAll(async () => {
    h = await createTestDb(engine);
    await seed(h.db, { members: 500, now: new Date("2026-11-28T06:00:00Z") });
    // A booth with no active IT member, and another booth, for the tests below.
    const [free] = await queryRows<{ id: number }>(
      h.db,
      sql`SELECT b.id FROM booths b WHERE NOT EXISTS (
            SELECT 1 FROM appointments a WHERE a.booth_id = b.id AND a.role = 'it_member' AND a.ended_at IS NULL)
          ORDER BY b.id LIMIT 1`,
    );
    booth = (await h.db.select().from(s.booths).where(eq(s.booths.id, free!.id)))[0]!;
    otherBooth = (await h.db.select().from(s.booths).where(eq(s.booths.id, free!.id + 1)))[0]!;
    const workers = await h.db
      .insert(s.workers)
      .values([1, 2, 3].map((i) => ({ stateId: STATE_ID, name: `Test worker ${i}`, phone: `987654321${i}` })))
      .returning({ id: s.workers.id });
    workerIds = workers.map((w) => w.id);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("refuses a second active IT member for one booth, but keeps history", async () => {
    await h.db.insert(s.appointments).values({ stateId: STATE_ID, workerId: workerIds[0]!, role: "it_member", boothId: booth.id });
    const e = await refusal(() =>
      h.db.insert(s.appointments).values({ stateId: STATE_ID, workerId: workerIds[1]!, role: "it_member", boothId: booth.id }),
    );
    expect(e).toMatchObject({ code: PG.uniqueViolation });
    // Ending the post frees it; the ended row stays as history.
    await h.db
      .update(s.appointments)
      .set({ endedAt: sql`now()`, endedReason: "test" })
      .where(and(eq(s.appointments.boothId, booth.id), eq(s.appointments.role, "it_member"), isNull(s.appointments.endedAt)));
    await h.db.insert(s.appointments).values({ stateId: STATE_ID, workerId: workerIds[1]!, role: "it_member", boothId: booth.id });
    const rows = await h.db.select().from(s.appointments).where(and(eq(s.appointments.boothId, booth.id), eq(s.appointments.role, "it_member")));
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.endedAt === null)).toHaveLength(1);
  });

  it("allows several enrollers at one booth but not the same worker twice", async () => {
    await h.db.insert(s.appointments).values([
      { stateId: STATE_ID, workerId: workerIds[0]!, role: "enroller", boothId: otherBooth.id },
      { stateId: STATE_ID, workerId: workerIds[1]!, role: "enroller", boothId: otherBooth.id },
    ]);
    const e = await refusal(() =>
      h.db.insert(s.appointments).values({ stateId: STATE_ID, workerId: workerIds[0]!, role: "enroller", boothId: otherBooth.id }),
    );
    expect(e).toMatchObject({ code: PG.uniqueViolation, constraint: "appointments_worker_post_active" });
  });

  it("refuses an appointment with no unit, two units, or a unit the role cannot hold", async () => {
    const none = await refusal(() => h.db.insert(s.appointments).values({ stateId: STATE_ID, workerId: workerIds[2]!, role: "enroller" }));
    expect(none).toMatchObject({ code: PG.checkViolation, constraint: "appointments_exactly_one_unit" });
    const two = await refusal(() =>
      h.db.insert(s.appointments).values({
        stateId: STATE_ID,
        workerId: workerIds[2]!,
        role: "it_member",
        boothId: booth.id,
        districtId: booth.districtId,
      }),
    );
    expect(two).toMatchObject({ code: PG.checkViolation, constraint: "appointments_exactly_one_unit" });
    const wrongLevel = await refusal(() =>
      h.db.insert(s.appointments).values({ stateId: STATE_ID, workerId: workerIds[2]!, role: "enroller", districtId: booth.districtId }),
    );
    expect(wrongLevel).toMatchObject({ code: PG.checkViolation, constraint: "appointments_role_level" });
  });

  it("refuses a member whose EPIC is already used in the state", async () => {
    const [existing] = await h.db.select().from(s.members).limit(1);
    const e = await refusal(() =>
      h.db.insert(s.members).values({
        stateId: STATE_ID,
        membershipNo: "CG26-9999999",
        epic: existing!.epic,
        name: "दोहराव",
        gender: "F",
        age: 30,
        casteCategory: "OBC",
        boothId: booth.id,
        acId: booth.acId,
        districtId: booth.districtId,
        channel: "app",
        consentVersion: "v1",
      }),
    );
    expect(e).toMatchObject({ code: PG.uniqueViolation, constraint: "members_state_epic" });
  });

  it("refuses a member whose AC or district is not their booth's", async () => {
    const e = await refusal(() =>
      h.db.insert(s.members).values({
        stateId: STATE_ID,
        membershipNo: "CG26-9999998",
        epic: "ZZZ0000001",
        name: "Wrong seat",
        gender: "M",
        age: 40,
        casteCategory: "GEN",
        boothId: booth.id,
        acId: booth.acId + 1,
        districtId: booth.districtId,
        channel: "app",
        consentVersion: "v1",
      }),
    );
    expect(e).toMatchObject({ code: PG.foreignKeyViolation });
  });

  it("refuses a booth whose AC does not exist, or whose district its AC is not in", async () => {
    const base = { stateId: STATE_ID, pcId: booth.pcId, districtId: booth.districtId, partNo: 999, code: "999-999", name: "Nowhere" };
    const noAc = await refusal(() => h.db.insert(s.booths).values({ ...base, acId: 99_999 }));
    expect(noAc).toMatchObject({ code: PG.foreignKeyViolation });
    const [elsewhere] = await queryRows<{ id: number }>(
      h.db,
      sql`SELECT id FROM districts WHERE id NOT IN (SELECT district_id FROM assembly_seat_districts WHERE ac_id = ${booth.acId}) LIMIT 1`,
    );
    const wrongDistrict = await refusal(() => h.db.insert(s.booths).values({ ...base, acId: booth.acId, districtId: elsewhere!.id }));
    expect(wrongDistrict).toMatchObject({ code: PG.foreignKeyViolation, constraint: "booths_ac_district_fk" });
  });

  it("refuses a target for one level with another level's unit, and negative targets", async () => {
    const [campaign] = await h.db.select().from(s.campaigns).limit(1);
    const mismatch = await refusal(() =>
      h.db.insert(s.targets).values({ stateId: STATE_ID, campaignId: campaign!.id, level: "district", acId: booth.acId, members: 10 }),
    );
    expect(mismatch).toMatchObject({ code: PG.checkViolation, constraint: "targets_unit_matches_level" });
    const negative = await refusal(() =>
      h.db.insert(s.targets).values({ stateId: STATE_ID, campaignId: campaign!.id, level: "booth", boothId: booth.id, members: -1 }),
    );
    expect(negative).toMatchObject({ code: PG.checkViolation });
  });

  it("keeps the audit trail append-only", async () => {
    const [event] = await h.db.insert(s.auditEvents).values({ actorLabel: "test", action: "test", entityType: "test" }).returning();
    await expect(h.db.update(s.auditEvents).set({ action: "changed" }).where(eq(s.auditEvents.id, event!.id))).rejects.toThrow();
    await expect(h.db.delete(s.auditEvents).where(eq(s.auditEvents.id, event!.id))).rejects.toThrow();
    const [still] = await h.db.select().from(s.auditEvents).where(eq(s.auditEvents.id, event!.id));
    expect(still?.action).toBe("test");
  });

  it("keeps counters equal to a recount through inserts, moves and deletes", async () => {
    expect(await recount(h.db)).toEqual([]);
    const [m] = await h.db.select().from(s.members).where(eq(s.members.channel, "app")).limit(1);
    // Move one member to another booth and channel, erase another's personal data, delete a third.
    await h.db
      .update(s.members)
      .set({ boothId: otherBooth.id, acId: otherBooth.acId, districtId: otherBooth.districtId, channel: "import", enrolledOn: "2026-11-01" })
      .where(eq(s.members.id, m!.id));
    await h.db.update(s.members).set({ name: null, phone: null, erasedAt: sql`now()` }).where(eq(s.members.id, m!.id + 1));
    await h.db.delete(s.members).where(eq(s.members.id, m!.id + 2));
    expect(await recount(h.db)).toEqual([]);
    const [c] = await h.db.select().from(s.boothCounters).where(eq(s.boothCounters.boothId, otherBooth.id));
    expect(c?.viaImport).toBeGreaterThanOrEqual(1);
  });

  it("reports and repairs counters that drifted", async () => {
    const [counted] = await queryRows<{ booth_id: number }>(h.db, sql`SELECT booth_id FROM booth_counters WHERE members > 0 LIMIT 1`);
    // The counter CHECKs refuse an inconsistent row, so drift is simulated by losing a counter row.
    await h.db.execute(sql`DELETE FROM booth_counters WHERE booth_id = ${counted!.booth_id}`);
    const found = await recount(h.db, { fix: true });
    expect(found).toEqual([expect.objectContaining({ table: "booth_counters", key: String(counted!.booth_id), stored: 0 })]);
    expect(found[0]!.counted).toBeGreaterThan(0);
    expect(await recount(h.db)).toEqual([]);
  });
});
