import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import { testEngines } from "@/lib/testing/db";
import type { Viewer } from "@/lib/auth/viewer";
import { ActionError } from "@/lib/errors";
import { ENROLLERS_PER_BOOTH } from "@/lib/appointments/posts";
import { enrollerSummary, listBoothPosts, listUnitPosts, loadPost, searchWorkers } from "@/lib/appointments/queries";
import { appoint, endAppointment, replace, type ServiceCtx } from "@/lib/appointments/service";
import { freshPhone, freshPhones, seededDemo, vacantBooth, writesSnapshot } from "@/lib/testing/factories";
import { refusal } from "@/lib/testing/refusal";


describe.each(testEngines())("appointments on %s", (engine) => {
  let h: DbHandle;
  let raipur: Viewer;
  let pcc: Viewer;
  let itcell: Viewer;
  const ctx = (viewer: Viewer): ServiceCtx => ({ db: h.db, viewer });

  beforeAll(async () => {
    ({ h, raipur, pcc, itcell } = await seededDemo(engine));
  });
  afterAll(async () => {
    await h?.close();
  });

  it("50 concurrent appointments to one booth's IT-member post: exactly one holder, 49 clean refusals", async () => {
    const booth = await vacantBooth(h.db, "durg", "it_member");
    const phones = await freshPhones(h.db, 50);
    const before = await writesSnapshot(h.db);
    const results = await Promise.allSettled(
      phones.map((phone, i) =>
        appoint(ctx(itcell), { role: "it_member", level: "booth", unitId: booth.id, worker: { name: `Racer ${i}`, phone, epic: null } }),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    const winner = (won[0] as PromiseFulfilledResult<{ workerName: string }>).value.workerName;
    for (const r of lost) {
      expect(r.reason).toBeInstanceOf(ActionError);
      expect((r.reason as ActionError).code).toBe("conflict");
      expect((r.reason as ActionError).message).toBe(`This post was just filled by ${winner}.`);
    }
    const [row] = await queryRows<{ holders: number; workers: number; audits: number }>(
      h.db,
      sql`SELECT (SELECT count(*)::int FROM appointments WHERE booth_id = ${booth.id} AND role = 'it_member' AND ended_at IS NULL) AS holders,
        (SELECT count(*)::int FROM workers WHERE phone = ANY(${sql.param(phones)}::text[])) AS workers,
        (SELECT count(*)::int FROM audit_events WHERE action = 'appointment.appoint' AND after->>'unitId' = ${String(booth.id)}) AS audits`,
    );
    // The refused transactions rolled back whole: no stray workers, one audit event.
    expect(row).toEqual({ holders: 1, workers: 1, audits: 1 });
    expect(Number((await writesSnapshot(h.db)).audit)).toBe(Number(before.audit) + 1);
  });

  it("replace is atomic: a failure after the old post is ended leaves the old holder in place", async () => {
    const [post] = await queryRows<{ id: number; block_id: number; worker_id: number }>(
      h.db,
      sql`SELECT a.id, a.block_id, a.worker_id FROM appointments a JOIN blocks bl ON bl.id = a.block_id JOIN districts d ON d.id = bl.district_id
        WHERE d.slug = 'raipur' AND a.role = 'chief_enroller' AND a.ended_at IS NULL ORDER BY a.id LIMIT 1`,
    );
    expect(post).toBeDefined();
    // The insert of the new holder fails (as a crash or a constraint would) after the UPDATE ended the old row.
    await h.db.execute(sql.raw(`CREATE FUNCTION test_fail_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected failure'; END $$`));
    await h.db.execute(
      sql.raw(`CREATE TRIGGER test_fail_insert BEFORE INSERT ON appointments FOR EACH ROW
        WHEN (NEW.role = 'chief_enroller' AND NEW.block_id = ${post!.block_id}) EXECUTE FUNCTION test_fail_insert()`),
    );
    const before = await writesSnapshot(h.db);
    const phone = await freshPhone(h.db);
    const failure: unknown = await replace(ctx(raipur), { appointmentId: post!.id, reason: "Moved away", worker: { name: "New Chief", phone, epic: null } }).then(
      () => null,
      (err: unknown) => err,
    );
    // Drizzle wraps the database error ("Failed query: …"); the cause is the injected one.
    expect(String((failure as { cause?: { message?: string } } | null)?.cause?.message)).toMatch(/injected failure/);
    expect(await writesSnapshot(h.db)).toEqual(before);
    const [still] = await queryRows<{ ended_at: unknown; worker_id: number }>(h.db, sql`SELECT ended_at, worker_id FROM appointments WHERE id = ${post!.id}`);
    expect(still).toEqual({ ended_at: null, worker_id: post!.worker_id });

    await h.db.execute(sql.raw(`DROP TRIGGER test_fail_insert ON appointments`));
    await h.db.execute(sql.raw(`DROP FUNCTION test_fail_insert()`));
    const done = await replace(ctx(raipur), { appointmentId: post!.id, reason: "Moved away", worker: { name: "New Chief", phone, epic: "ABC1234567" } });
    const rows = await queryRows<{ id: number; ended_reason: string | null; active: boolean }>(
      h.db,
      sql`SELECT id, ended_reason, ended_at IS NULL AS active FROM appointments WHERE role = 'chief_enroller' AND block_id = ${post!.block_id} ORDER BY id`,
    );
    expect(rows.filter((r) => r.active).map((r) => r.id)).toEqual([done.appointmentId]);
    expect(rows.find((r) => r.id === post!.id)).toMatchObject({ ended_reason: "Moved away", active: false });
    const [audit] = await queryRows<{ n: number }>(
      h.db,
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'appointment.replace' AND entity_id = ${String(done.appointmentId)}`,
    );
    expect(audit!.n).toBe(1);
  });

  it("ending and re-appointing keeps the full history", async () => {
    const booth = await vacantBooth(h.db, "bastar", "it_member");
    const [p1, p2, p3] = await freshPhones(h.db, 3);
    const a = await appoint(ctx(itcell), { role: "it_member", level: "booth", unitId: booth.id, worker: { name: "First Holder", phone: p1!, epic: null } });
    await endAppointment(ctx(itcell), { appointmentId: a.appointmentId, reason: "Resigned" });
    await expect(endAppointment(ctx(itcell), { appointmentId: a.appointmentId, reason: "Again" })).rejects.toMatchObject({ code: "conflict" });
    const b = await appoint(ctx(itcell), { role: "it_member", level: "booth", unitId: booth.id, worker: { name: "Second Holder", phone: p2!, epic: null } });
    const c = await replace(ctx(itcell), { appointmentId: b.appointmentId, reason: "Not active", worker: { name: "Third Holder", phone: p3!, epic: null } });
    // The first holder comes back: a new row, the old one stays ended.
    const again = await replace(ctx(itcell), { appointmentId: c.appointmentId, reason: "Back", worker: { workerId: a.workerId } });
    const post = await loadPost(h.db, itcell, "it_member", "booth", booth.code);
    expect(post!.history.map((e) => [e.name, e.endedAt === null, e.endedReason])).toEqual([
      ["First Holder", true, null],
      ["Third Holder", false, "Back"],
      ["Second Holder", false, "Not active"],
      ["First Holder", false, "Resigned"],
    ]);
    expect(post!.holders.map((x) => x.appointmentId)).toEqual([again.appointmentId]);
    const audits = await queryRows<{ action: string }>(
      h.db,
      sql`SELECT action FROM audit_events WHERE entity_type = 'appointment'
        AND entity_id = ANY(${sql.param([a, b, c, again].map((x) => String(x.appointmentId)))}::text[]) ORDER BY id`,
    );
    expect(audits.map((x) => x.action)).toEqual(["appointment.appoint", "appointment.end", "appointment.appoint", "appointment.replace", "appointment.replace"]);
  });

  it("refuses a district president's appointment for a booth in another district, and writes nothing", async () => {
    const durg = await vacantBooth(h.db, "durg", "enroller");
    const phone = await freshPhone(h.db);
    const before = await writesSnapshot(h.db);
    const err = await refusal(appoint(ctx(raipur), { role: "enroller", level: "booth", unitId: durg.id, worker: { name: "Forged", phone, epic: null } }));
    expect(err.code).toBe("forbidden");
    expect(err.message).toBe("This is outside your area.");
    // Another district's chief-enroller post, and IT-cell posts (not a district president's to fill).
    const [durgDistrict] = await queryRows<{ id: number }>(h.db, sql`SELECT id FROM districts WHERE slug = 'durg'`);
    expect((await refusal(appoint(ctx(raipur), { role: "chief_enroller", level: "district", unitId: durgDistrict!.id, worker: { name: "Forged", phone, epic: null } }))).code).toBe("forbidden");
    const raipurBooth = await vacantBooth(h.db, "raipur", "it_member");
    expect((await refusal(appoint(ctx(raipur), { role: "it_member", level: "booth", unitId: raipurBooth.id, worker: { name: "Forged", phone, epic: null } }))).code).toBe("forbidden");
    // Replacing or ending an appointment of another district by its id.
    const [other] = await queryRows<{ id: number }>(
      h.db,
      sql`SELECT a.id FROM appointments a JOIN booths b ON b.id = a.booth_id JOIN districts d ON d.id = b.district_id
        WHERE d.slug = 'durg' AND a.role = 'enroller' AND a.ended_at IS NULL LIMIT 1`,
    );
    expect((await refusal(replace(ctx(raipur), { appointmentId: other!.id, reason: "x", worker: { name: "Forged", phone, epic: null } }))).code).toBe("forbidden");
    expect((await refusal(endAppointment(ctx(raipur), { appointmentId: other!.id, reason: "x" }))).code).toBe("forbidden");
    expect(await writesSnapshot(h.db)).toEqual(before);
    // …and the page shows nothing of it.
    expect(await loadPost(h.db, raipur, "enroller", "booth", durg.code)).toBeNull();
    // A seat number too large for its column is no such seat (a 404), not a database error.
    expect(await loadPost(h.db, pcc, "it_president", "ac", "999999")).toBeNull();
    expect(await loadPost(h.db, pcc, "it_president", "pc", "99999999")).toBeNull();
    expect(await loadPost(h.db, pcc, "it_president", "ac", "1")).not.toBeNull();

    // Inside Raipur the same call works.
    const own = await vacantBooth(h.db, "raipur", "enroller");
    const ok = await appoint(ctx(raipur), { role: "enroller", level: "booth", unitId: own.id, worker: { name: "Raipur Enroller", phone, epic: null } });
    expect(ok.workerName).toBe("Raipur Enroller");
  });

  it("keeps to the enroller limit per booth, also under concurrent appointments", async () => {
    const booth = await vacantBooth(h.db, "korba", "enroller");
    const phones = await freshPhones(h.db, ENROLLERS_PER_BOOTH + 3);
    const results = await Promise.allSettled(
      phones.map((phone, i) => appoint(ctx(pcc), { role: "enroller", level: "booth", unitId: booth.id, worker: { name: `Enroller ${i}`, phone, epic: null } })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(ENROLLERS_PER_BOOTH);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "conflict", message: `This post already has ${ENROLLERS_PER_BOOTH} holders, the most it may have.` });
    const page = await listBoothPosts(h.db, pcc, { role: "enroller", q: booth.code });
    expect(page.rows[0]!.holders).toHaveLength(ENROLLERS_PER_BOOTH);
  });

  it("matches workers by phone: the same name reuses them, another name is refused at the phone field", async () => {
    const booth1 = await vacantBooth(h.db, "raipur", "enroller", 5);
    const booth2 = await vacantBooth(h.db, "raipur", "enroller", 6);
    const phone = await freshPhone(h.db);
    const a = await appoint(ctx(raipur), { role: "enroller", level: "booth", unitId: booth1.id, worker: { name: "Sita Sahu", phone, epic: null } });
    const b = await appoint(ctx(raipur), { role: "enroller", level: "booth", unitId: booth2.id, worker: { name: "  sita   SAHU ", phone, epic: null } });
    expect(b.workerId).toBe(a.workerId);
    const err = await refusal(appoint(ctx(raipur), { role: "enroller", level: "booth", unitId: booth2.id, worker: { name: "Gita Verma", phone, epic: null } }));
    expect(err.fieldErrors?.phone).toMatch(/another name/);
    // The same worker twice in one post is refused by the database's worker-post index.
    expect((await refusal(appoint(ctx(raipur), { role: "enroller", level: "booth", unitId: booth2.id, worker: { workerId: a.workerId } }))).message).toBe(
      "This worker already holds this post.",
    );
  });

  it("lets a viewer pick only workers known in their area", async () => {
    const [durgWorker] = await queryRows<{ id: number; name: string }>(
      h.db,
      sql`SELECT w.id, w.name FROM workers w JOIN appointments a ON a.worker_id = w.id JOIN booths b ON b.id = a.booth_id
        JOIN districts d ON d.id = b.district_id WHERE d.slug = 'durg' AND NOT EXISTS (
          SELECT 1 FROM appointments x JOIN booths y ON y.id = x.booth_id JOIN districts z ON z.id = y.district_id WHERE x.worker_id = w.id AND z.slug = 'raipur')
        LIMIT 1`,
    );
    const booth = await vacantBooth(h.db, "raipur", "enroller", 9);
    const err = await refusal(appoint(ctx(raipur), { role: "enroller", level: "booth", unitId: booth.id, worker: { workerId: durgWorker!.id } }));
    expect(err.fieldErrors?.workerId).toBeDefined();
    expect((await searchWorkers(h.db, raipur, durgWorker!.name)).map((w) => w.id)).not.toContain(durgWorker!.id);
    expect((await searchWorkers(h.db, pcc, durgWorker!.name)).map((w) => w.id)).toContain(durgWorker!.id);
  });

  it("the in-form worker search never returns a worker of another district, by name or by mobile", async () => {
    // Two namesakes: one enroller in Durg (appointed by the leadership), one in Raipur.
    const name = `Namesake Search ${Date.now() % 100_000}`;
    const [durgPhone, raipurPhone] = await freshPhones(h.db, 2);
    const durgBooth = await vacantBooth(h.db, "durg", "enroller", 3);
    const raipurBooth = await vacantBooth(h.db, "raipur", "enroller", 11);
    const durg = await appoint(ctx(pcc), { role: "enroller", level: "booth", unitId: durgBooth.id, worker: { name, phone: durgPhone!, epic: null } });
    const own = await appoint(ctx(raipur), { role: "enroller", level: "booth", unitId: raipurBooth.id, worker: { name, phone: raipurPhone!, epic: null } });
    expect((await searchWorkers(h.db, raipur, name)).map((w) => w.id)).toEqual([own.workerId]);
    expect(await searchWorkers(h.db, raipur, durgPhone!)).toEqual([]);
    expect(await searchWorkers(h.db, raipur, `+91 ${durgPhone!.slice(0, 5)} ${durgPhone!.slice(5)}`)).toEqual([]);
    expect((await searchWorkers(h.db, pcc, name)).map((w) => w.id).sort()).toEqual([durg.workerId, own.workerId].sort());
    // Broad searches (a name part, a few digits) return only workers with a post in Raipur district, or in a seat
    // that overlaps it (its Lok Sabha and assembly seats' IT presidents are known there too).
    for (const q of ["an", "ra", "Namesake", "98", "700", durgPhone!.slice(-4)]) {
      const hits = await searchWorkers(h.db, raipur, q, 50);
      if (hits.length === 0) continue;
      const [outside] = await queryRows<{ n: number }>(
        h.db,
        sql`WITH raipur_acs AS (SELECT asd.ac_id FROM assembly_seat_districts asd JOIN districts d ON d.id = asd.district_id WHERE d.slug = 'raipur')
          SELECT count(*)::int AS n FROM workers w WHERE w.id = ANY(${sql.param(hits.map((x) => x.id))}::int[]) AND NOT EXISTS (
          SELECT 1 FROM appointments a LEFT JOIN booths b ON b.id = a.booth_id LEFT JOIN blocks bl ON bl.id = a.block_id
            LEFT JOIN districts d ON d.id = coalesce(a.district_id, b.district_id, bl.district_id)
          WHERE a.worker_id = w.id AND (d.slug = 'raipur' OR a.ac_id IN (SELECT ac_id FROM raipur_acs)
            OR a.pc_id IN (SELECT s.pc_id FROM assembly_seats s WHERE s.id IN (SELECT ac_id FROM raipur_acs))))`,
      );
      expect(outside!.n, `search "${q}"`).toBe(0);
      expect(hits.map((x) => x.id)).not.toContain(durg.workerId);
    }
  });

  it("lists posts of the viewer's scope only, with training status for chief enrollers", async () => {
    const chiefs = await listUnitPosts(h.db, raipur, { role: "chief_enroller", level: "block" });
    const [raipurBlocks] = await queryRows<{ n: number }>(
      h.db,
      sql`SELECT count(*)::int AS n FROM blocks bl JOIN districts d ON d.id = bl.district_id WHERE d.slug = 'raipur'`,
    );
    expect(chiefs).toHaveLength(raipurBlocks!.n);
    expect(chiefs.every((c) => c.parentName === "Raipur")).toBe(true);
    expect(chiefs.flatMap((c) => c.holders).every((x) => typeof x.trained === "boolean")).toBe(true);
    const vacant = await listUnitPosts(h.db, raipur, { role: "chief_enroller", level: "block", show: "vacant" });
    expect(vacant.every((c) => c.holders.length === 0)).toBe(true);

    const s = await enrollerSummary(h.db, raipur);
    const [independent] = await queryRows<{ booths: number; with_enroller: number; trained: number; appointed: number }>(
      h.db,
      sql`SELECT (SELECT count(*)::int FROM booths b JOIN districts d ON d.id = b.district_id WHERE d.slug = 'raipur') AS booths,
        (SELECT count(DISTINCT a.booth_id)::int FROM appointments a JOIN booths b ON b.id = a.booth_id JOIN districts d ON d.id = b.district_id
          WHERE d.slug = 'raipur' AND a.role = 'enroller' AND a.ended_at IS NULL) AS with_enroller,
        (SELECT count(*)::int FROM appointments a LEFT JOIN blocks bl ON bl.id = a.block_id
          JOIN districts d ON d.id = coalesce(a.district_id, bl.district_id)
          WHERE d.slug = 'raipur' AND a.role = 'chief_enroller' AND a.ended_at IS NULL) AS appointed,
        (SELECT count(*)::int FROM appointments a LEFT JOIN blocks bl ON bl.id = a.block_id
          JOIN districts d ON d.id = coalesce(a.district_id, bl.district_id)
          WHERE d.slug = 'raipur' AND a.role = 'chief_enroller' AND a.ended_at IS NULL
            AND EXISTS (SELECT 1 FROM training_attendance ta JOIN trainings tr ON tr.id = ta.training_id
              WHERE ta.worker_id = a.worker_id AND ta.days_attended = tr.ends_on - tr.starts_on + 1)) AS trained`,
    );
    expect(s).toMatchObject({
      booths: independent!.booths,
      boothsWithEnroller: independent!.with_enroller,
      chiefAppointed: independent!.appointed,
      chiefTrained: independent!.trained,
      chiefPosts: raipurBlocks!.n + 1,
    });
    expect(s.chiefTrained).toBeGreaterThan(0);
  });
});
