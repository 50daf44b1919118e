import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { loadUnitProgress } from "@/lib/progress/data";
import { scopeUnit } from "@/lib/geo/units";
import { errorResponse } from "@/lib/http";

/**
 * The overview's live numbers: the viewer's scope headline (members, target, today's sign-ups, pace), computed
 * by the same function as the page. Polled every 30 seconds while the overview is open.
 */
export async function GET() {
  const viewer = await getViewer();
  if (!viewer) return errorResponse("unauthenticated");
  if (!can(viewer, "progress.view")) return errorResponse("forbidden");
  const db = await getDb();
  const unit = await scopeUnit(db, viewer);
  if (!unit) return errorResponse("not_found");
  const data = await loadUnitProgress(db, viewer, unit, { headlineOnly: true });
  return Response.json(data.headline, { headers: { "cache-control": "no-store" } });
}
