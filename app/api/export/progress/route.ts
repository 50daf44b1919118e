import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv/write";
import { ActionError } from "@/lib/errors";
import { exportQuery, progressCsv } from "@/lib/progress/export";
import { errorResponse } from "@/lib/http";

/** CSV downloads of the progress and targets tables, in the viewer's scope; every download is audited. */
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return errorResponse("unauthenticated");
  const parsed = exportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return errorResponse("invalid", { issues: parsed.error.issues.map((i) => i.message) });
  try {
    const file = await progressCsv(await getDb(), viewer, parsed.data);
    return csvResponse(file.body, file.fileName);
  } catch (err) {
    if (err instanceof ActionError) return errorResponse(err.code);
    throw err;
  }
}
