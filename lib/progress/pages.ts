import "server-only";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/session";
import { listUnits, loadBoothPeople, loadUnitProgress } from "@/lib/progress/data";
import { findUnit, scopeUnit } from "@/lib/geo/units";
import type { GeoLevel } from "@/lib/geo/levels";
import { sharedRollup } from "@/lib/rollups";
import { rollupKey, sharedProgress } from "@/lib/progress/shared";
import { readTarget } from "@/lib/reads";

/**
 * What a drill-down page needs: the viewer, and the unit's progress if the unit exists and lies in the
 * viewer's scope. Anything else is the 404 page, decided before anything streams.
 */
export async function unitPageData(level: GeoLevel, key: string, districtSlug?: string) {
  const viewer = await requireViewer();
  const { db, rollupKey: reader } = await readTarget();
  const unit = await findUnit(db, viewer, level, key, { districtSlug });
  if (!unit) notFound();
  return { viewer, data: await sharedProgress(db, viewer, unit, reader) };
}

/**
 * A booth's page: its progress, and who works there and signed up there last (names are personal data: the
 * booth lies in the viewer's area, or this is the 404 page).
 */
export async function boothPageData(code: string) {
  const viewer = await requireViewer();
  const { db } = await readTarget();
  const unit = await findUnit(db, viewer, "booth", code);
  if (!unit) notFound();
  // One booth's numbers are a few index lookups: read for this request (an enroller checks a sign-up at once:
  // within the standby's lag, a fraction of a second when it keeps up; lib/reads.ts), not shared; the people
  // are personal data and never would be.
  const [data, people] = await Promise.all([loadUnitProgress(db, viewer, unit), loadBoothPeople(db, viewer, unit.id)]);
  return { viewer, data, people };
}

/** The overview: the viewer's own scope unit. */
export async function overviewData() {
  const viewer = await requireViewer();
  const { db, rollupKey: reader } = await readTarget();
  const unit = await scopeUnit(db, viewer);
  if (!unit) notFound();
  return { viewer, data: await sharedProgress(db, viewer, unit, reader) };
}

/**
 * A list page (every Lok Sabha seat, assembly seat or district of the scope). Lok Sabha seats are listed only
 * for a state or seat scope: for anyone else `group` is null and the page says where to look instead.
 */
export async function listPageData(level: "pc" | "ac" | "district") {
  const viewer = await requireViewer();
  if (!can(viewer, "progress.view")) notFound();
  if (level === "pc" && !(can(viewer, "progress.view", "pc") && (viewer.scope.level === "state" || viewer.scope.level === "pc"))) {
    return { viewer, level, group: null };
  }
  const { db, rollupKey: reader } = await readTarget();
  const unit = await scopeUnit(db, viewer);
  if (!unit) notFound();
  const now = new Date();
  const group = await sharedRollup(rollupKey(`list-${level}`, viewer, unit, now, reader), () => listUnits(db, viewer, unit, level, { now }), { db });
  return { viewer, level, group };
}
export type ListPageData = Awaited<ReturnType<typeof listPageData>>;
