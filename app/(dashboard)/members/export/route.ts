import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { csvResponse, errorResponse } from "@/lib/http";
import { exportMembers } from "@/lib/members/export";

/** CSV of a member search, for state leadership only; capped and audited in lib/members/export.ts. */
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return errorResponse("unauthenticated");
  if (!can(viewer, "members.export")) return errorResponse("not_found");
  const q = new URL(request.url).searchParams.get("q")?.slice(0, 100) ?? "";
  const file = await exportMembers(await getDb(), viewer, { q });
  if (!file) return errorResponse("not_found");
  return csvResponse(file.csv, file.fileName);
}
