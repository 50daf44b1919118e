/**
 * Appoint, replace and end posts. Each function takes the viewer and checks, itself, the role's permission at
 * the unit's level and that the unit lies in the viewer's scope — the scope comes from the session, the
 * unit from the form, so a forged call for another district's booth is refused before anything is written.
 *
 * Single-holder posts are guarded by the database's partial unique indexes, not by reading first: of two
 * people appointing to one post at the same moment, one insert wins and the other gets a unique violation,
 * which is turned into "this post was just filled by …". Replacing ends the old row and inserts the new one
 * in one transaction, with the audit event; history is never deleted.
 */
import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { queryRows, type Db, type DbOrTx, type Tx } from "@/db/client";
import { PG, pgError } from "@/db/errors";
import { appointments, workers, type AppointmentRole, type UnitLevel } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { ActionError } from "@/lib/errors";
import { unitInScope } from "@/lib/auth/scope";
import { holderLimit, permissionFor, postRule, sameName } from "@/lib/appointments/posts";
import { workerVisible } from "@/lib/appointments/queries";
import { unitById } from "@/lib/geo/queries";
import type { AppointInput, EndInput, ReplaceInput, WorkerInput } from "@/lib/appointments/schema";
import { unitColumn } from "@/lib/appointments/sql";

export interface ServiceCtx {
  db: Db;
  viewer: Viewer;
}

export interface AppointResult {
  appointmentId: number;
  workerId: number;
  workerName: string;
}

/** Refuses (ActionError) unless the viewer's role may manage this role's posts at `level`, inside their scope. */
export async function authorizePost(ctx: ServiceCtx, role: AppointmentRole, level: UnitLevel, unitId: number): Promise<void> {
  const { db, viewer } = ctx;
  if (!can(viewer, permissionFor(role), level)) throw new ActionError("forbidden", "action.forbidden");
  if (!(await unitInScope(db, viewer, { level, id: unitId }, "write"))) throw new ActionError("forbidden", "action.notInScope");
}

async function activeHolderName(db: DbOrTx, role: AppointmentRole, level: UnitLevel, unitId: number): Promise<string | null> {
  const [row] = await queryRows<{ name: string }>(
    db,
    sql`SELECT w.name FROM appointments a JOIN workers w ON w.id = a.worker_id
      WHERE a.role = ${role} AND a.${unitColumn(level)} = ${unitId} AND a.ended_at IS NULL
      ORDER BY a.appointed_at DESC LIMIT 1`,
  );
  return row?.name ?? null;
}

/**
 * A picked worker must be known to the viewer (hold or have held a post in their scope). A new one is matched
 * by phone within the state: the same phone and name is the same person (so a re-appointment does not clone
 * them); the same phone under another name is refused rather than guessed.
 */
async function resolveWorker(tx: Tx, ctx: ServiceCtx, input: WorkerInput): Promise<{ id: number; name: string; created: boolean }> {
  const { viewer } = ctx;
  if ("workerId" in input) {
    const w = await workerVisible(tx, viewer, input.workerId);
    if (!w) throw new ActionError("invalid", "appointments.error.workerUnknown", undefined, { workerId: "appointments.error.workerUnknown" });
    return { id: w.id, name: w.name, created: false };
  }
  const [existing] = await tx
    .select({ id: workers.id, name: workers.name })
    .from(workers)
    .where(and(eq(workers.stateId, viewer.scope.stateId), eq(workers.phone, input.phone)))
    .orderBy(workers.id)
    .limit(1);
  if (existing) {
    if (!sameName(existing.name, input.name)) {
      throw new ActionError("invalid", "action.invalid", undefined, { phone: "appointments.error.phoneTaken" });
    }
    return { id: existing.id, name: existing.name, created: false };
  }
  const [created] = await tx
    .insert(workers)
    .values({ stateId: viewer.scope.stateId, name: input.name, phone: input.phone, epic: input.epic })
    .returning({ id: workers.id, name: workers.name });
  return { id: created!.id, name: created!.name, created: true };
}

/** Locks a multi-holder post's unit so that two appointments cannot both pass the holder limit. */
async function lockUnit(tx: Tx, level: UnitLevel, unitId: number): Promise<void> {
  const table: Record<UnitLevel, string> = { booth: "booths", block: "blocks", district: "districts", ac: "assembly_seats", pc: "lok_sabha_seats" };
  // NO KEY UPDATE does not block foreign-key checks (members and appointments referencing the booth).
  await tx.execute(sql`SELECT id FROM ${sql.raw(table[level])} WHERE id = ${unitId} FOR NO KEY UPDATE`);
}

/** Database refusals turned into the messages people should see; anything else is rethrown. */
async function mapWriteError(ctx: ServiceCtx, err: unknown, role: AppointmentRole, level: UnitLevel, unitId: number): Promise<never> {
  if (err instanceof ActionError) throw err;
  const pg = pgError(err);
  if (pg?.code === PG.uniqueViolation && pg.constraint?.startsWith("appointments_one_")) {
    // The other transaction has committed by the time ours fails, so its holder is there to be named.
    const name = await activeHolderName(ctx.db, role, level, unitId);
    throw new ActionError("conflict", "appointments.error.justFilled", { name: name ?? "—" });
  }
  if (pg?.code === PG.uniqueViolation && pg.constraint === "appointments_worker_post_active") {
    throw new ActionError("conflict", "appointments.error.alreadyHolds");
  }
  if (pg?.code === PG.checkViolation || pg?.code === PG.foreignKeyViolation) {
    throw new ActionError("invalid", "appointments.error.noSuchPost");
  }
  throw err;
}

function unitColumns(level: UnitLevel, unitId: number) {
  return {
    pcId: level === "pc" ? unitId : null,
    acId: level === "ac" ? unitId : null,
    districtId: level === "district" ? unitId : null,
    blockId: level === "block" ? unitId : null,
    boothId: level === "booth" ? unitId : null,
  };
}

async function postLabel(db: DbOrTx, stateId: number, level: UnitLevel, unitId: number) {
  const unit = await unitById(db, stateId, level, unitId);
  return { level, unitId, unitKey: unit?.key ?? null };
}

export async function appoint(ctx: ServiceCtx, input: AppointInput): Promise<AppointResult> {
  const { db, viewer } = ctx;
  const rule = postRule(input.role, input.level);
  if (!rule) throw new ActionError("invalid", "appointments.error.noSuchPost");
  await authorizePost(ctx, input.role, input.level, input.unitId);
  const post = await postLabel(db, viewer.scope.stateId, input.level, input.unitId);
  try {
    return await db.transaction(async (tx) => {
      if (!rule.single) {
        await lockUnit(tx, input.level, input.unitId);
        const [row] = await queryRows<{ n: number }>(
          tx,
          sql`SELECT count(*)::int AS n FROM appointments
            WHERE role = ${input.role} AND ${unitColumn(input.level)} = ${input.unitId} AND ended_at IS NULL`,
        );
        const limit = holderLimit(rule);
        if ((row?.n ?? 0) >= limit) throw new ActionError("conflict", "appointments.error.full", { limit });
      }
      const worker = await resolveWorker(tx, ctx, input.worker);
      const appointmentId = await insertAppointment(tx, viewer, input, worker.id);
      await writeAudit(tx, viewer, {
        action: "appointment.appoint",
        entityType: "appointment",
        entityId: appointmentId,
        after: { role: input.role, ...post, workerId: worker.id, workerName: worker.name, newWorker: worker.created },
      });
      return { appointmentId, workerId: worker.id, workerName: worker.name };
    });
  } catch (err) {
    return mapWriteError(ctx, err, input.role, input.level, input.unitId);
  }
}

interface CurrentAppointment {
  id: number;
  role: AppointmentRole;
  level: UnitLevel;
  unitId: number;
  workerId: number;
  workerName: string;
  endedAt: unknown;
}

async function loadAppointment(ctx: ServiceCtx, appointmentId: number): Promise<CurrentAppointment> {
  const [row] = await queryRows<{
    id: number;
    role: AppointmentRole;
    pc_id: number | null;
    ac_id: number | null;
    district_id: number | null;
    block_id: number | null;
    booth_id: number | null;
    worker_id: number;
    worker_name: string;
    ended_at: unknown;
  }>(
    ctx.db,
    sql`SELECT a.id, a.role, a.pc_id, a.ac_id, a.district_id, a.block_id, a.booth_id, a.worker_id, w.name AS worker_name, a.ended_at
      FROM appointments a JOIN workers w ON w.id = a.worker_id
      WHERE a.id = ${appointmentId} AND a.state_id = ${ctx.viewer.scope.stateId}`,
  );
  if (!row) throw new ActionError("not_found", "appointments.error.noSuchAppointment");
  const [level, unitId] = (
    [
      ["pc", row.pc_id],
      ["ac", row.ac_id],
      ["district", row.district_id],
      ["block", row.block_id],
      ["booth", row.booth_id],
    ] as const
  ).find(([, id]) => id !== null)!;
  const current = { id: row.id, role: row.role, level, unitId: unitId!, workerId: row.worker_id, workerName: row.worker_name, endedAt: row.ended_at };
  // Out of scope reads as "no such appointment" after the permission check, so ids of other districts leak nothing.
  await authorizePost(ctx, current.role, current.level, current.unitId);
  return current;
}

/** Inserts the active appointment of `workerId` to the post (role and unit), appointed by the viewer; its id. */
async function insertAppointment(
  tx: Tx,
  viewer: Viewer,
  post: { role: AppointmentRole; level: UnitLevel; unitId: number },
  workerId: number,
): Promise<number> {
  const [created] = await tx
    .insert(appointments)
    .values({ stateId: viewer.scope.stateId, workerId, role: post.role, ...unitColumns(post.level, post.unitId), appointedBy: viewer.id })
    .returning({ id: appointments.id });
  return created!.id;
}

/** Ends the row if it is still active; false when someone ended it first. */
async function endRow(tx: Tx, viewer: Viewer, appointmentId: number, reason: string): Promise<boolean> {
  const ended = await tx
    .update(appointments)
    .set({ endedAt: sql`now()`, endedBy: viewer.id, endedReason: reason })
    .where(and(eq(appointments.id, appointmentId), isNull(appointments.endedAt)))
    .returning({ id: appointments.id });
  return ended.length === 1;
}

/** Ends the current holder's post (with the reason) and appoints the new one, in one transaction. */
export async function replace(ctx: ServiceCtx, input: ReplaceInput): Promise<AppointResult> {
  const { db, viewer } = ctx;
  const current = await loadAppointment(ctx, input.appointmentId);
  if (current.endedAt !== null) throw new ActionError("conflict", "appointments.error.alreadyEnded");
  const post = await postLabel(db, viewer.scope.stateId, current.level, current.unitId);
  try {
    return await db.transaction(async (tx) => {
      if (!(await endRow(tx, viewer, current.id, input.reason))) throw new ActionError("conflict", "appointments.error.alreadyEnded");
      const worker = await resolveWorker(tx, ctx, input.worker);
      if (worker.id === current.workerId) throw new ActionError("invalid", "appointments.error.sameHolder");
      const appointmentId = await insertAppointment(tx, viewer, current, worker.id);
      await writeAudit(tx, viewer, {
        action: "appointment.replace",
        entityType: "appointment",
        entityId: appointmentId,
        before: { appointmentId: current.id, role: current.role, ...post, workerId: current.workerId, workerName: current.workerName },
        after: { appointmentId, role: current.role, ...post, workerId: worker.id, workerName: worker.name, reason: input.reason },
      });
      return { appointmentId, workerId: worker.id, workerName: worker.name };
    });
  } catch (err) {
    return mapWriteError(ctx, err, current.role, current.level, current.unitId);
  }
}

/** Ends a post (the row stays, with when, by whom and why). */
export async function endAppointment(ctx: ServiceCtx, input: EndInput): Promise<{ workerName: string }> {
  const { db, viewer } = ctx;
  const current = await loadAppointment(ctx, input.appointmentId);
  if (current.endedAt !== null) throw new ActionError("conflict", "appointments.error.alreadyEnded");
  const post = await postLabel(db, viewer.scope.stateId, current.level, current.unitId);
  await db.transaction(async (tx) => {
    if (!(await endRow(tx, viewer, current.id, input.reason))) throw new ActionError("conflict", "appointments.error.alreadyEnded");
    await writeAudit(tx, viewer, {
      action: "appointment.end",
      entityType: "appointment",
      entityId: current.id,
      before: { role: current.role, ...post, workerId: current.workerId, workerName: current.workerName },
      after: { ended: true, reason: input.reason },
    });
  });
  return { workerName: current.workerName };
}
