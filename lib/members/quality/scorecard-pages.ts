import "server-only";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/session";
import { loadScorecards, parseScorecardParams, seesScorecards } from "@/lib/members/quality/scorecards";
import type { SearchParams } from "@/lib/search-params";

/** What /quality/enrollers loads. */
export async function scorecardsPageData(searchParams: Promise<SearchParams>) {
  const viewer = await requireViewer();
  if (!seesScorecards(viewer)) notFound();
  const p = parseScorecardParams(await searchParams);
  const db = await getDb();
  const result = await loadScorecards(db, viewer, { sort: p.sort, dir: p.dir, page: p.page });
  return { p, ...result, canSuspend: can(viewer, "tokens.manage"), scope: viewer.scope };
}
export type ScorecardsPageData = Awaited<ReturnType<typeof scorecardsPageData>>;
