import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import { testEngines } from "@/lib/testing/db";
import { enrollerSummary, listUnitPosts } from "@/lib/appointments/queries";
import { districtId, seededDemo, writesSnapshot } from "@/lib/testing/factories";
import type { Viewer } from "@/lib/auth/viewer";
import { ActionError } from "@/lib/errors";
import { addDays, istDate, istDayStart } from "@/lib/dates";
import { pgError } from "@/db/errors";
import { listTrainings, loadTraining, trainingRoster } from "@/lib/trainings/queries";
import { attendanceSchema, trainingSchema } from "@/lib/trainings/schema";
import { createTraining, setAttendance, type TrainingCtx } from "@/lib/trainings/service";

describe.each(testEngines())("trainings on %s", (engine) => {
  let h: DbHandle;
  let raipur: Viewer;
  let pcc: Viewer;
  const ctx = (viewer: Viewer): TrainingCtx => ({ db: h.db, viewer });

  beforeAll(async () => {
    ({ h, raipur, pcc } = await seededDemo(engine));
  });
  afterAll(async () => {
    await h?.close();
  });

  it("validates the session form: two-day default shape, dates in order, district for district level", () => {
    const schema = trainingSchema;
    const ok = schema.safeParse({ title: " Chief enroller training ", place: "Raipur", level: "district", districtId: "5", startsOn: "2026-12-01", endsOn: "2026-12-02" });
    expect(ok.success && ok.data).toMatchObject({ title: "Chief enroller training", districtId: 5 });
    const bad = schema.safeParse({ title: "", place: "x", level: "district", startsOn: "2026-12-03", endsOn: "2026-12-01" });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["title", "districtId", "endsOn"]));
    const marks = attendanceSchema.safeParse({ trainingId: "3", days_12: "2", days_13: "0", other: "x" });
    expect(marks.success && marks.data).toEqual({ trainingId: 3, marks: [{ workerId: 12, days: 2 }, { workerId: 13, days: 0 }] });
  });

  it("lets a district president create sessions in their district only", async () => {
    const raipurId = await districtId(h.db, "raipur");
    const durgId = await districtId(h.db, "durg");
    const before = await writesSnapshot(h.db);
    const input = { title: "Block training", place: "Dharsiwa", level: "block" as const, startsOn: "2026-12-05", endsOn: "2026-12-06" };
    await expect(createTraining(ctx(raipur), { ...input, districtId: durgId })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createTraining(ctx(raipur), { ...input, level: "state", districtId: undefined })).rejects.toMatchObject({ code: "forbidden" });
    expect(await writesSnapshot(h.db)).toEqual(before);
    const { id } = await createTraining(ctx(raipur), { ...input, districtId: raipurId });
    expect((await listTrainings(h.db, raipur)).map((x) => x.id)).toContain(id);
    expect((await listTrainings(h.db, pcc)).map((x) => x.id)).toContain(id);
    const [audit] = await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'training.create' AND entity_id = ${String(id)}`);
    expect(audit!.n).toBe(1);
  });

  /** Today in India (the real clock: the database's triggers read it too), and a day around it. */
  const today = () => istDate(new Date());
  const twoDaySession = async (title: string, startsOn: string) =>
    createTraining(ctx(raipur), { title, place: "Raipur", level: "district", districtId: await districtId(h.db, "raipur"), startsOn, endsOn: addDays(startsOn, 1) });
  const untrainedChief = async () => {
    const chiefs = await listUnitPosts(h.db, raipur, { role: "chief_enroller", level: "block", show: "untrained" });
    const untrained = chiefs.flatMap((c) => c.holders).find((x) => x.trained === false)!;
    expect(untrained).toBeDefined();
    return untrained;
  };
  const isTrained = async (workerId: number) =>
    (await listUnitPosts(h.db, raipur, { role: "chief_enroller", level: "block" })).flatMap((c) => c.holders).find((x) => x.workerId === workerId)!.trained;

  it("marks attendance for the viewer's chief enrollers; attending every day makes them trained", async () => {
    // Yesterday and today: both days have begun.
    const { id } = await twoDaySession("Two-day session", addDays(today(), -1));
    const roster = await trainingRoster(h.db, raipur, id);
    expect(roster.length).toBeGreaterThan(0);
    expect(roster.every((r) => r.districtName === "Raipur")).toBe(true);
    const untrained = await untrainedChief();
    const summary = await enrollerSummary(h.db, raipur);

    await setAttendance(ctx(raipur), { trainingId: id, marks: [{ workerId: untrained.workerId, days: 1 }] });
    expect((await enrollerSummary(h.db, raipur)).chiefTrained).toBe(summary.chiefTrained);
    expect(await isTrained(untrained.workerId)).toBe(false);
    const result = await setAttendance(ctx(raipur), { trainingId: id, marks: [{ workerId: untrained.workerId, days: 2 }] });
    expect(result.changed).toBe(1);
    expect((await enrollerSummary(h.db, raipur)).chiefTrained).toBe(summary.chiefTrained + 1);
    expect(await isTrained(untrained.workerId)).toBe(true);
    expect((await listTrainings(h.db, raipur)).find((x) => x.id === id)).toMatchObject({ attended: 1, completed: 1 });
    // Unchanged marks write nothing; each change writes one audit event.
    expect((await setAttendance(ctx(raipur), { trainingId: id, marks: [{ workerId: untrained.workerId, days: 2 }] })).changed).toBe(0);
    const audits = await queryRows<{ before: { daysAttended: number }; after: { daysAttended: number } }>(
      h.db,
      sql`SELECT before, after FROM audit_events WHERE action = 'training.attendance' AND entity_id = ${`${id}:${untrained.workerId}`} ORDER BY id`,
    );
    expect(audits.map((a) => [a.before.daysAttended, a.after.daysAttended])).toEqual([
      [0, 1],
      [1, 2],
    ]);
    // More days than the session has is refused next to that worker's field.
    const over = await setAttendance(ctx(raipur), { trainingId: id, marks: [{ workerId: untrained.workerId, days: 3 }] }).catch((e: unknown) => e);
    expect(over).toBeInstanceOf(ActionError);
    expect((over as ActionError).fieldErrors).toEqual({ [`days_${untrained.workerId}`]: "The session has only 2 days." });
    // 0 removes the mark again.
    await setAttendance(ctx(raipur), { trainingId: id, marks: [{ workerId: untrained.workerId, days: 0 }] });
    expect((await enrollerSummary(h.db, raipur)).chiefTrained).toBe(summary.chiefTrained);
    expect((await loadTraining(h.db, raipur, id))!.days).toBe(2);
  });

  it("refuses a day that has not begun (India time) with a field error, and writes nothing", async () => {
    const { id } = await twoDaySession("Starts today", today());
    const { id: later } = await twoDaySession("Starts tomorrow", addDays(today(), 1));
    const untrained = await untrainedChief();
    const field = `days_${untrained.workerId}`;
    const before = await writesSnapshot(h.db);
    // "All 2 days" on the first day.
    const early = await setAttendance(ctx(raipur), { trainingId: id, marks: [{ workerId: untrained.workerId, days: 2 }] }).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(ActionError);
    expect(early).toMatchObject({ code: "invalid", message: "Attendance can be marked only for days that have begun." });
    expect((early as ActionError).fieldErrors).toEqual({ [field]: "Only 1 of the 2 days have begun: mark a day once it has come." });
    // A session not begun takes no mark at all.
    const ahead = await setAttendance(ctx(raipur), { trainingId: later, marks: [{ workerId: untrained.workerId, days: 1 }] }).catch((e: unknown) => e);
    expect((ahead as ActionError).fieldErrors).toEqual({ [field]: "The session has not begun: attendance is marked from its first day." });
    expect(await writesSnapshot(h.db)).toEqual(before);

    // The first day is markable, and does not make anyone trained.
    await setAttendance(ctx(raipur), { trainingId: id, marks: [{ workerId: untrained.workerId, days: 1 }] });
    expect(await isTrained(untrained.workerId)).toBe(false);
    expect((await listTrainings(h.db, raipur)).find((x) => x.id === id)).toMatchObject({ attended: 1, completed: 0 });

    // `now` decides, in India time: a minute before India's midnight (18:29 UTC) the first day has not begun; a
    // minute after it (18:31 UTC, still the day before in UTC) the first day has, the second not.
    const { id: yesterdays } = await twoDaySession("Yesterday and today", addDays(today(), -1));
    const eve = new Date(istDayStart(addDays(today(), -1)).getTime() - 60_000);
    const dawn = new Date(istDayStart(addDays(today(), -1)).getTime() + 60_000);
    const atEve = await setAttendance({ ...ctx(raipur), now: eve }, { trainingId: yesterdays, marks: [{ workerId: untrained.workerId, days: 1 }] }).catch((e: unknown) => e);
    expect((atEve as ActionError).fieldErrors).toEqual({ [field]: "The session has not begun: attendance is marked from its first day." });
    const atDawn = await setAttendance({ ...ctx(raipur), now: dawn }, { trainingId: yesterdays, marks: [{ workerId: untrained.workerId, days: 2 }] }).catch((e: unknown) => e);
    expect((atDawn as ActionError).fieldErrors).toEqual({ [field]: "Only 1 of the 2 days have begun: mark a day once it has come." });
    expect(await isTrained(untrained.workerId)).toBe(false);
  });

  it("the database refuses a mark for a day not begun or beyond the session, whoever writes it", async () => {
    const { id } = await twoDaySession("Database guard", today());
    const untrained = await untrainedChief();
    const insert = (days: number) =>
      h.db.execute(sql`INSERT INTO training_attendance (training_id, worker_id, state_id, days_attended) VALUES (${id}, ${untrained.workerId}, ${raipur.scope.stateId}, ${days})`);
    const refused = { code: "23514", constraint: "training_attendance_days_begun" };
    expect(await insert(2).then(() => null, pgError)).toMatchObject(refused);
    expect(await insert(3).then(() => null, pgError)).toMatchObject({ code: "23514", constraint: "training_attendance_within_session" });
    await insert(1);
    expect(await h.db.execute(sql`UPDATE training_attendance SET days_attended = 2 WHERE training_id = ${id}`).then(() => null, pgError)).toMatchObject(refused);
    // Moving the session so that the marked day lies ahead is refused too.
    expect(await h.db.execute(sql`UPDATE trainings SET starts_on = starts_on + 1, ends_on = ends_on + 1 WHERE id = ${id}`).then(() => null, pgError)).toMatchObject(refused);
    expect(await isTrained(untrained.workerId)).toBe(false);
  });

  it("refuses marks for another district's chief enrollers and writes nothing", async () => {
    const [durgChief] = await queryRows<{ worker_id: number }>(
      h.db,
      sql`SELECT a.worker_id FROM appointments a JOIN districts d ON d.id = a.district_id WHERE d.slug = 'durg' AND a.role = 'chief_enroller' AND a.ended_at IS NULL`,
    );
    const [training] = await queryRows<{ id: number }>(h.db, sql`SELECT id FROM trainings ORDER BY id LIMIT 1`);
    const before = await writesSnapshot(h.db);
    const err = await setAttendance(ctx(raipur), { trainingId: training!.id, marks: [{ workerId: durgChief!.worker_id, days: 2 }] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "forbidden" });
    expect(await writesSnapshot(h.db)).toEqual(before);
    // Leadership may.
    await setAttendance(ctx(pcc), { trainingId: training!.id, marks: [{ workerId: durgChief!.worker_id, days: 2 }] });
  });
});
