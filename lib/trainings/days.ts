/**
 * Which days of a session have begun, in India time (lib/dates.ts). Attendance is marked only for those: a
 * two-day session's "All 2 days" becomes possible on its second day, and so does "trained". The database
 * keeps the same rule (migration 0008); `now` is a parameter so that tests can stand on any day.
 */
import { daysBetween, istDate } from "@/lib/dates";

/** Days of the session (`startsOn`…, `days` long) that have begun at `now`: 0 before it, at most `days`. */
export function daysBegun(session: { startsOn: string; days: number }, now: Date): number {
  return Math.max(0, Math.min(session.days, daysBetween(session.startsOn, istDate(now)) + 1));
}
