import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/session";
import { exportUncoveredBooths } from "@/lib/coverage/export";
import { csvResponse, errorResponse } from "@/lib/http";

/** GET /coverage/export?ac=49&district=raipur — the uncovered booths of the viewer's scope as CSV (audited). */
export async function GET(request: Request): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return errorResponse("unauthenticated");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const file = await exportUncoveredBooths(await getDb(), viewer, params);
  return file.ok ? csvResponse(file.body, file.fileName) : errorResponse(file.code);
}
