/**
 * zod schemas of the appointment forms; their messages are catalog keys, translated by defineAction into the
 * reader's language. They turn FormData into the typed inputs of lib/appointments/service.ts.
 */
import { z } from "zod";
import { APPOINTMENT_ROLES, UNIT_LEVELS, type AppointmentRole, type UnitLevel } from "@/db/schema";
import type { MessageKey } from "@/lib/i18n";
import { parseEpic, parsePhone } from "@/lib/validation/identity";
import { normalizeName, REASON_MAX } from "@/lib/appointments/posts";

export type WorkerInput = { workerId: number } | { name: string; phone: string; epic: string | null };

export interface AppointInput {
  role: AppointmentRole;
  level: UnitLevel;
  unitId: number;
  worker: WorkerInput;
}

export interface ReplaceInput {
  appointmentId: number;
  reason: string;
  worker: WorkerInput;
}

export interface EndInput {
  appointmentId: number;
  reason: string;
}

const text = z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string());
const positiveId = (message: MessageKey) =>
  z.preprocess((v) => (typeof v === "string" && /^[0-9]{1,9}$/.test(v.trim()) ? Number(v) : v), z.number({ error: message }).int().positive({ error: message }));

const workerShape = {
  mode: z.enum(["existing", "new"]).default("new"),
  workerId: text,
  name: text,
  phone: text,
  epic: text,
};

type WorkerFields = { mode: "existing" | "new"; workerId: string; name: string; phone: string; epic: string };

/** The worker part of a form: a picked worker (by id) or a new one (name, Indian mobile, optional EPIC). */
function parseWorker(v: WorkerFields, ctx: z.RefinementCtx): WorkerInput | null {
  if (v.mode === "existing") {
    const id = /^[0-9]{1,9}$/.test(v.workerId.trim()) ? Number(v.workerId) : 0;
    if (id <= 0) {
      ctx.addIssue({ code: "custom", path: ["workerId"], message: "appointments.field.workerRequired" });
      return null;
    }
    return { workerId: id };
  }
  const name = normalizeName(v.name);
  const phone = parsePhone(v.phone);
  const epicRaw = v.epic.trim();
  const epic = epicRaw === "" ? null : parseEpic(epicRaw);
  let ok = true;
  if (!name) {
    ctx.addIssue({ code: "custom", path: ["name"], message: "appointments.field.nameRequired" });
    ok = false;
  }
  if (!phone) {
    ctx.addIssue({
      code: "custom",
      path: ["phone"],
      message: v.phone.trim() === "" ? "appointments.field.phoneRequired" : "appointments.field.phoneInvalid",
    });
    ok = false;
  }
  if (epicRaw !== "" && !epic) {
    ctx.addIssue({ code: "custom", path: ["epic"], message: "appointments.field.epicInvalid" });
    ok = false;
  }
  return ok && name && phone ? { name, phone, epic } : null;
}

const reasonField = text.transform((s, ctx) => {
  const r = s.trim().replace(/\s+/g, " ");
  if (r.length === 0) ctx.addIssue({ code: "custom", message: "appointments.field.reasonRequired" });
  else if (r.length > REASON_MAX) ctx.addIssue({ code: "custom", message: "appointments.field.reasonTooLong", params: { max: REASON_MAX } });
  return r;
});

export const appointSchema = z
  .object({
    role: z.enum(APPOINTMENT_ROLES, { error: "appointments.error.noSuchPost" }),
    level: z.enum(UNIT_LEVELS, { error: "appointments.error.noSuchPost" }),
    unitId: positiveId("appointments.error.noSuchPost"),
    ...workerShape,
  })
  .transform((v, ctx): AppointInput => {
    const worker = parseWorker(v, ctx);
    if (!worker) return z.NEVER;
    return { role: v.role, level: v.level, unitId: v.unitId, worker };
  });

export const replaceSchema = z
  .object({ appointmentId: positiveId("appointments.error.noSuchAppointment"), reason: reasonField, ...workerShape })
  .transform((v, ctx): ReplaceInput => {
    const worker = parseWorker(v, ctx);
    if (!worker) return z.NEVER;
    return { appointmentId: v.appointmentId, reason: v.reason, worker };
  });

export const endSchema = z.object({ appointmentId: positiveId("appointments.error.noSuchAppointment"), reason: reasonField });

const section = z.enum(["enrollers", "itcell"], { error: "action.field.invalid" });

/** A worker's full phone and EPIC on a post page (see reveal.ts). */
export const revealWorkerSchema = z.object({
  section,
  workerId: z.coerce.number({ error: "appointments.reveal.notFound" }).int({ error: "appointments.reveal.notFound" }).positive({ error: "appointments.reveal.notFound" }),
});

/**
 * The worker search inside the appoint and replace forms: reads only, and searchWorkers applies the viewer's
 * scope (a name part or a phone part, cut to 60 characters like the old page search).
 */
export const workerSearchSchema = z.object({
  section,
  q: z.preprocess((v) => (typeof v === "string" ? v.trim().slice(0, 60) : ""), z.string()),
});

/** An appointments CSV to preview (writes nothing) or apply; the fingerprint ties the apply to its preview. */
export const importAppointmentsSchema = z.object({
  section: section.default("enrollers"),
  intent: z.enum(["preview", "apply"], { error: "action.field.invalid" }).default("preview"),
  fingerprint: z.string({ error: "action.field.invalid" }).max(64, { error: "action.field.invalid" }).default(""),
  file: z.instanceof(File, { error: "appointments.import.noFile" }),
});
