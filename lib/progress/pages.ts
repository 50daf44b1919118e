import "server-only";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/session";
import { loadUnitProgress } from "@/lib/progress/data";
import { findUnit, scopeUnit } from "@/lib/progress/units";
import type { GeoLevel } from "@/lib/geo/levels";

/**
 * What a drill-down page needs: the viewer, and the unit's progress if the unit exists and lies in the
 * viewer's scope. Anything else is the 404 page, decided before anything streams.
 */
export async function unitPageData(level: GeoLevel, key: string, districtSlug?: string) {
  const viewer = await requireViewer();
  const db = await getDb();
  const unit = await findUnit(db, viewer, level, key, { districtSlug });
  if (!unit) notFound();
  return { viewer, data: await loadUnitProgress(db, viewer, unit) };
}

/** The overview: the viewer's own scope unit. */
export async function overviewData() {
  const viewer = await requireViewer();
  const db = await getDb();
  const unit = await scopeUnit(db, viewer);
  if (!unit) notFound();
  return { viewer, data: await loadUnitProgress(db, viewer, unit) };
}
