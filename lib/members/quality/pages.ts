import "server-only";
import { notFound } from "next/navigation";
import { readDb } from "@/lib/reads";
import { FLAG_REASONS, FLAG_STATUSES } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/session";
import { acOptions, districtOptions } from "@/lib/geo/queries";
import { enrollerOptions, listQueue, QUEUE_MAX_PAGE, reasonCounts } from "@/lib/members/quality/queries";
import { parseQueueParams } from "@/lib/members/quality/search-params";
import type { SearchParams } from "@/lib/search-params";
import { loadScorecards, parseScorecardParams, seesScorecards } from "@/lib/members/quality/scorecards";

/**
 * /quality: the review queue of the viewer's area (404 without quality.view): a page of flagged members under
 * the URL's filters, the flags per reason for the chips, and the filters' choices (districts and seats of the
 * area, enrollers with flagged members).
 */
export async function qualityPageData(searchParams: Promise<SearchParams>) {
  const viewer = await requireViewer();
  if (!can(viewer, "quality.view")) notFound();
  const p = parseQueueParams(await searchParams);
  const { page, sort, reason, ...rest } = p;
  const db = await readDb();
  const [queue, counts, enrollers, districts, acs] = await Promise.all([
    listQueue(db, viewer, { reason, ...rest }, { page, sort }),
    reasonCounts(db, viewer, rest),
    enrollerOptions(db, viewer, p.status),
    viewer.scope.level === "district" ? Promise.resolve([]) : districtOptions(db, viewer),
    viewer.scope.level === "ac" ? Promise.resolve([]) : acOptions(db, viewer),
  ]);
  return {
    viewer,
    p,
    /** Scorecards are per state or district: a viewer of a seat has none to open. */
    seesScorecards: seesScorecards(viewer),
    /** When the queue was read: a confirm closes only the flags the reviewer could see (none newer). */
    asOf: new Date().toISOString(),
    queue,
    counts,
    /** The reasons and statuses, in order, for the chips and tabs (components do not read db/schema). */
    reasons: FLAG_REASONS,
    statuses: FLAG_STATUSES,
    enrollers,
    districts,
    acs,
    maxPage: QUEUE_MAX_PAGE,
    canDecide: can(viewer, "quality.decide"),
    canRestore: can(viewer, "quality.restore"),
  };
}
export type QualityPageData = Awaited<ReturnType<typeof qualityPageData>>;

/** What /quality/enrollers loads (404 for a viewer without scorecards: see seesScorecards). */
export async function scorecardsPageData(searchParams: Promise<SearchParams>) {
  const viewer = await requireViewer();
  if (!seesScorecards(viewer)) notFound();
  const p = parseScorecardParams(await searchParams);
  const db = await readDb();
  const result = await loadScorecards(db, viewer, { sort: p.sort, dir: p.dir, page: p.page });
  return { p, ...result, canSuspend: can(viewer, "tokens.manage"), scope: viewer.scope };
}
export type ScorecardsPageData = Awaited<ReturnType<typeof scorecardsPageData>>;
