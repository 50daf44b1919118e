/**
 * Training sessions for chief enrollers and their attendance. A session is created at a level (state,
 * district, block) the viewer may manage, in a district of their scope; attendance is marked only for chief
 * enrollers of the viewer's scope. Each change writes its audit event in the same transaction.
 *
 * "Trained" (lib/appointments/sql.ts `trainedSql`): attended every day of at least one session. Days are
 * marked only once they have begun (India time, lib/trainings/days.ts), so nobody is trained before a
 * session's last day; the database refuses such a mark too (migration 0008).
 */
import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { trainings } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { ActionError, type Message } from "@/lib/errors";
import { unitInScope } from "@/lib/auth/scope";
import { daysBegun } from "@/lib/trainings/days";
import { chiefInScope, loadTraining } from "@/lib/trainings/queries";
import type { AttendanceInput, TrainingInput } from "@/lib/trainings/schema";

export interface TrainingCtx {
  db: Db;
  viewer: Viewer;
  /** The moment that decides which days have begun; tests pass one, the app the clock's. */
  now?: Date;
}

export async function createTraining(ctx: TrainingCtx, input: TrainingInput): Promise<{ id: number }> {
  const { db, viewer } = ctx;
  if (!can(viewer, "trainings.manage", input.level)) throw new ActionError("forbidden", "action.forbidden");
  const districtId = input.level === "state" ? null : (input.districtId ?? null);
  if (districtId !== null && !(await unitInScope(db, viewer, { level: "district", id: districtId }, "write"))) {
    throw new ActionError("forbidden", "action.notInScope");
  }
  if (districtId === null && !(await unitInScope(db, viewer, { level: "state", id: viewer.scope.stateId }, "write"))) {
    throw new ActionError("forbidden", "action.notInScope");
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(trainings)
      .values({
        stateId: viewer.scope.stateId,
        title: input.title,
        place: input.place,
        level: input.level,
        districtId,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        createdBy: viewer.id,
      })
      .returning({ id: trainings.id });
    await writeAudit(tx, viewer, {
      action: "training.create",
      entityType: "training",
      entityId: row!.id,
      after: { title: input.title, place: input.place, level: input.level, districtId, startsOn: input.startsOn, endsOn: input.endsOn },
    });
    return { id: row!.id };
  });
}

/**
 * Saves the marks that changed (inserted, updated or removed), each with its audit event. Refuses the whole
 * save when any worker is not a chief enroller of the viewer's scope, or a mark exceeds the session's days or
 * the days that have begun (a field error next to each such worker's field).
 */
export async function setAttendance(ctx: TrainingCtx, input: AttendanceInput): Promise<{ changed: number }> {
  const { db, viewer } = ctx;
  if (!can(viewer, "trainings.manage")) throw new ActionError("forbidden", "action.forbidden");
  const training = await loadTraining(db, viewer, input.trainingId);
  if (!training) throw new ActionError("not_found", "trainings.error.notFound");
  const begun = daysBegun(training, ctx.now ?? new Date());
  const fieldErrors: Record<string, Message> = {};
  for (const m of input.marks) {
    if (m.days > training.days) fieldErrors[`days_${m.workerId}`] = { key: "trainings.field.daysOver", values: { days: training.days } };
    else if (m.days > begun) {
      fieldErrors[`days_${m.workerId}`] =
        begun === 0 ? "trainings.field.notBegun" : { key: "trainings.field.daysNotBegun", values: { begun, days: training.days } };
    }
  }
  if (Object.keys(fieldErrors).length > 0) {
    const key = Object.values(fieldErrors).some((e) => typeof e === "object" && e.key === "trainings.field.daysOver") ? "action.invalid" : "trainings.error.daysNotBegun";
    throw new ActionError("invalid", key, undefined, fieldErrors);
  }
  if (input.marks.length === 0) return { changed: 0 };
  const ids = [...new Set(input.marks.map((m) => m.workerId))];
  const allowed = await queryRows<{ id: number }>(
    db,
    sql`SELECT w.id FROM workers w WHERE w.id = ANY(${sql.param(ids)}::int[]) AND w.state_id = ${viewer.scope.stateId}
      AND ${chiefInScope(viewer, sql`w.id`)}`,
  );
  if (allowed.length !== ids.length) throw new ActionError("forbidden", "action.notInScope");

  return db.transaction(async (tx) => {
    const current = await queryRows<{ worker_id: number; days_attended: number }>(
      tx,
      sql`SELECT worker_id, days_attended FROM training_attendance
        WHERE training_id = ${training.id} AND worker_id = ANY(${sql.param(ids)}::int[]) FOR UPDATE`,
    );
    const before = new Map(current.map((c) => [c.worker_id, c.days_attended]));
    let changed = 0;
    for (const mark of input.marks) {
      const was = before.get(mark.workerId) ?? 0;
      if (was === mark.days) continue;
      if (mark.days === 0) {
        await tx.execute(sql`DELETE FROM training_attendance WHERE training_id = ${training.id} AND worker_id = ${mark.workerId}`);
      } else {
        await tx.execute(
          sql`INSERT INTO training_attendance (training_id, worker_id, state_id, days_attended, marked_by, marked_at)
            VALUES (${training.id}, ${mark.workerId}, ${viewer.scope.stateId}, ${mark.days}, ${viewer.id}, now())
            ON CONFLICT (training_id, worker_id) DO UPDATE SET days_attended = EXCLUDED.days_attended,
              marked_by = EXCLUDED.marked_by, marked_at = EXCLUDED.marked_at`,
        );
      }
      await writeAudit(tx, viewer, {
        action: "training.attendance",
        entityType: "training_attendance",
        entityId: `${training.id}:${mark.workerId}`,
        before: { daysAttended: was },
        after: { daysAttended: mark.days, sessionDays: training.days },
      });
      changed += 1;
    }
    return { changed };
  });
}
