import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { csvResponse, errorResponse } from "@/lib/http";
import { exportMembers } from "@/lib/members/export";
import { parseMembersParams } from "@/lib/members/search-params";

/**
 * GET /members/export?q=…&sort=… — the members list as CSV, with the list's search and order, for leadership
 * only; streamed, capped and audited in lib/members/export.ts (a capped file says so in its name).
 */
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return errorResponse("unauthenticated");
  if (!can(viewer, "members.export")) return errorResponse("not_found");
  const p = parseMembersParams(Object.fromEntries(new URL(request.url).searchParams));
  const file = await exportMembers(await getDb(), viewer, { q: p.q, sort: p.sort });
  if (!file) return errorResponse("not_found");
  return csvResponse(file.stream, file.fileName);
}
