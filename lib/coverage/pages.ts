import "server-only";
import { notFound } from "next/navigation";
import { readDb } from "@/lib/reads";
import { can } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/session";
import type { Viewer } from "@/lib/auth/viewer";
import { boundaryMap } from "@/lib/coverage/boundaries";
import { coverageBy, coverageLevels, coverageTotals, uncoveredBooths } from "@/lib/coverage/queries";
import { parseCoverageParams } from "@/lib/coverage/search-params";
import { acOptions, districtOptions } from "@/lib/geo/queries";
import type { SearchParams } from "@/lib/search-params";

/**
 * /coverage: the viewer's booths covered by an IT-cell member, by level, as tiles and map, and the uncovered
 * booths (filtered by seat or district inside the scope, 50 a page). A role without coverage is the 404 page.
 */
export async function coveragePageData(searchParams: Promise<SearchParams>) {
  const viewer = await requireViewer();
  if (!can(viewer, "coverage.view")) notFound();
  const levels = coverageLevels(viewer);
  const p = parseCoverageParams(await searchParams, levels);
  const db = await readDb();
  const [totals, rows, acRows, acs, districts] = await Promise.all([
    coverageTotals(db, viewer),
    coverageBy(db, viewer, p.by, p.sort, p.dir),
    coverageBy(db, viewer, "ac", "name"),
    acOptions(db, viewer),
    districtOptions(db, viewer),
  ]);
  const ac = acs.find((a) => Number(a.key) === p.ac);
  const district = districts.length > 1 ? districts.find((d) => d.key === p.district) : undefined;
  const uncovered = await uncoveredBooths(db, viewer, { acId: ac?.id, districtId: district?.id }, p.page, 50);
  return { viewer, levels, p, totals, rows, acRows, acs, ac, districts, district, uncovered, canAppoint: can(viewer, "itcell.manage", "booth") };
}
export type CoveragePageData = Awaited<ReturnType<typeof coveragePageData>>;

/** The seat map of the viewer's state for these seats, or null when no boundaries were imported. */
export async function coverageMapData(viewer: Viewer, acIds: number[]) {
  return boundaryMap(await readDb(), viewer.scope.stateId, acIds);
}

/** The viewer's booths and how many have an IT-cell member (the /it-cell summary card). */
export async function coverageSummary(viewer: Viewer) {
  return coverageTotals(await readDb(), viewer);
}
