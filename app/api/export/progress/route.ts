import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv/write";
import { ExportRefused, exportQuery, progressCsv } from "@/lib/progress/export";

/** CSV downloads of the progress and targets tables, in the viewer's scope; every download is audited. */
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "unauthenticated" }, { status: 401 });
  const parsed = exportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: "invalid", issues: parsed.error.issues.map((i) => i.message) }, { status: 400 });
  try {
    const file = await progressCsv(await getDb(), viewer, parsed.data);
    return csvResponse(file.body, file.fileName);
  } catch (err) {
    if (err instanceof ExportRefused) return Response.json({ error: err.status === 403 ? "forbidden" : "not_found" }, { status: err.status });
    throw err;
  }
}
