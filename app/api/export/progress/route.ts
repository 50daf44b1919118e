import { z } from "zod";
import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/session";
import { csvResponse, errorResponse } from "@/lib/http";
import { ActionError } from "@/lib/errors";
import { progressCsv, progressExportQuery } from "@/lib/progress/export";
import { targetsCsv, targetsExportQuery } from "@/lib/targets/export";

/** A progress table (a unit's page or a list page) or a targets table. */
const exportQuery = z.union([progressExportQuery, targetsExportQuery]);

/** CSV downloads of the progress and targets tables, in the viewer's scope; every download is audited. */
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return errorResponse("unauthenticated");
  const parsed = exportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return errorResponse("invalid", { issues: parsed.error.issues.map((i) => i.message) });
  try {
    const db = await getDb();
    const q = parsed.data;
    const file = "targets" in q ? await targetsCsv(db, viewer, q) : await progressCsv(db, viewer, q);
    return csvResponse(file.body, file.fileName);
  } catch (err) {
    if (err instanceof ActionError) return errorResponse(err.code);
    throw err;
  }
}
