/**
 * zod schemas of the training forms (a session, its attendance); their messages are catalog keys, translated
 * by defineAction into the reader's language. They turn FormData into the typed inputs of service.ts.
 */
import { z } from "zod";
import { daysBetween } from "@/lib/dates";

/** Sessions longer than this are a typing mistake, not a training. */
export const MAX_TRAINING_DAYS = 14;
export const TRAINING_TEXT_MAX = 120;

const day = z.string({ error: "trainings.field.dateInvalid" }).regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, { error: "trainings.field.dateInvalid" });

const trainingText = (key: "trainings.field.titleRequired" | "trainings.field.placeRequired") =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim().replace(/\s+/g, " ") : ""),
    z.string().min(1, { error: key }).max(TRAINING_TEXT_MAX, { error: "trainings.field.tooLong" }),
  );

/** The session form; its messages are catalog keys (`{max}` comes from the size check or the issue's params). */
export const trainingSchema = z
  .object({
    title: trainingText("trainings.field.titleRequired"),
    place: trainingText("trainings.field.placeRequired"),
    level: z.enum(["state", "district", "block"], { error: "trainings.field.levelRequired" }),
    districtId: z.preprocess((v) => (typeof v === "string" && /^[0-9]{1,9}$/.test(v) ? Number(v) : undefined), z.number({ error: "trainings.field.districtRequired" }).int({ error: "trainings.field.districtRequired" }).positive({ error: "trainings.field.districtRequired" }).optional()),
    startsOn: z.preprocess((v) => (typeof v === "string" ? v : ""), day.refine((d) => !Number.isNaN(Date.parse(d)), { error: "trainings.field.dateInvalid" })),
    endsOn: z.preprocess((v) => (typeof v === "string" ? v : ""), day.refine((d) => !Number.isNaN(Date.parse(d)), { error: "trainings.field.dateInvalid" })),
  })
  .superRefine((v, ctx) => {
    if (v.level !== "state" && v.districtId === undefined) {
      ctx.addIssue({ code: "custom", path: ["districtId"], message: "trainings.field.districtRequired" });
    }
    const length = daysBetween(v.startsOn, v.endsOn) + 1;
    if (length < 1) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "trainings.field.endBeforeStart" });
    else if (length > MAX_TRAINING_DAYS) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "trainings.field.tooManyDays", params: { max: MAX_TRAINING_DAYS } });
  });

export type TrainingInput = z.infer<typeof trainingSchema>;

export interface AttendanceInput {
  trainingId: number;
  /** Days attended per worker; 0 removes the mark. */
  marks: { workerId: number; days: number }[];
}

export const attendanceSchema = z
  .looseObject({ trainingId: z.preprocess((v) => Number(v), z.number({ error: "trainings.error.notFound" }).int({ error: "trainings.error.notFound" }).positive({ error: "trainings.error.notFound" })) })
  .transform((v, ctx): AttendanceInput => {
    const marks: AttendanceInput["marks"] = [];
    for (const [key, value] of Object.entries(v)) {
      const m = /^days_([0-9]{1,9})$/.exec(key);
      if (!m) continue;
      const days = typeof value === "string" && /^[0-9]{1,2}$/.test(value) ? Number(value) : NaN;
      if (!Number.isInteger(days) || days < 0 || days > MAX_TRAINING_DAYS) {
        ctx.addIssue({ code: "custom", path: [key], message: "trainings.field.daysInvalid" });
        continue;
      }
      marks.push({ workerId: Number(m[1]), days });
    }
    return { trainingId: v.trainingId, marks };
  });
