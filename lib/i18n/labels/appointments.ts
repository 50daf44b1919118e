/**
 * Appointments' and trainings' labels: the catalog keys their client components need (translated on the
 * server with `pick`, lib/i18n/pick.ts) and a post's unit as words.
 */
import type { UnitRow } from "@/lib/geo/queries";
import { unitName, type Locale, type Translate } from "@/lib/i18n";

/** "booth 049-123", "Dharsiwa block", "assembly seat 49 Raipur Rural", … */
export function unitLabel(t: Translate, locale: Locale, unit: Pick<UnitRow, "level" | "key" | "name" | "nameHi">): string {
  const name = unitName(unit, locale);
  const keys: Record<UnitRow["level"], Parameters<Translate>[0]> = {
    booth: "appointments.post.unit.booth",
    block: "appointments.post.unit.block",
    district: "appointments.post.unit.district",
    ac: "appointments.post.unit.ac",
    pc: "appointments.post.unit.pc",
  };
  return t(keys[unit.level], { key: unit.key, name });
}

export const WORKER_KEYS = [
  "appointments.form.mode",
  "appointments.form.new",
  "appointments.form.existing",
  "appointments.form.name",
  "appointments.form.phone",
  "appointments.form.phoneHint",
  "appointments.form.epic",
  "appointments.form.epicHint",
  "appointments.form.pick",
  "appointments.form.noHits",
  "appointments.form.search",
  "appointments.form.searchButton",
  "appointments.form.searchHint",
  "appointments.form.searching",
  "appointments.form.hitsFound",
  "appointments.form.searchFailed",
] as const;

export const FORM_KEYS = [
  ...WORKER_KEYS,
  "appointments.form.submitAppoint",
  "appointments.form.submitting",
  "appointments.form.reason",
  "appointments.form.reasonHint",
  "appointments.form.submitReplace",
  "appointments.form.endWarning",
  "appointments.form.confirmEnd",
  "appointments.form.cancel",
  "appointments.post.replace",
  "appointments.post.end",
] as const;

export type FormLabels = Record<(typeof FORM_KEYS)[number], string>;

export const IMPORT_KEYS = [
  "appointments.import.file",
  "appointments.import.preview",
  "appointments.import.apply",
  "appointments.import.working",
  "appointments.import.status.preview",
  "appointments.import.status.rejected",
  "appointments.import.status.changed",
  "appointments.import.status.applied",
  "appointments.import.outcome.appointed",
  "appointments.import.outcome.replaced",
  "appointments.import.outcome.skipped",
  "appointments.import.outcome.rejected",
  "appointments.import.col.line",
  "appointments.import.col.outcome",
  "appointments.import.col.details",
  "appointments.import.col.post",
  "appointments.import.showing",
  "appointments.import.filter",
  "appointments.import.allRows",
  "appointments.import.download",
  "appointments.import.noFile",
  "appointments.import.tooLarge",
  "appointments.form.name",
  "appointments.form.phone",
] as const;

export type ImportLabels = Record<(typeof IMPORT_KEYS)[number], string>;

export const TRAINING_FORM_KEYS = [
  "trainings.field.title",
  "trainings.field.place",
  "trainings.field.level",
  "trainings.field.district",
  "trainings.field.startsOn",
  "trainings.field.endsOn",
  "trainings.field.endsOnHint",
  "trainings.level.state",
  "trainings.level.district",
  "trainings.level.block",
  "trainings.submit",
  "appointments.form.submitting",
] as const;

export type TrainingFormLabels = Record<(typeof TRAINING_FORM_KEYS)[number], string>;

export const ATTENDANCE_KEYS = [
  "trainings.col.name",
  "trainings.col.post",
  "trainings.col.attendance",
  "trainings.save",
  "appointments.form.submitting",
] as const;
export type AttendanceLabels = Record<(typeof ATTENDANCE_KEYS)[number], string>;
