import { after } from "next/server";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { acceptUpload } from "@/lib/members/import/web";
import { crossSite } from "@/lib/net/same-origin";
import { errorResponse } from "@/lib/http";

/** Upload of a members CSV (the request body is the file): stored, then imported in the background. */
export async function POST(req: Request) {
  const viewer = await getViewer();
  if (!viewer) return errorResponse("unauthenticated");
  if (!can(viewer, "members.create") || crossSite(req)) return errorResponse("forbidden");
  let name = "members.csv";
  try {
    name = decodeURIComponent(req.headers.get("x-file-name") ?? name);
  } catch {
    // A malformed name is only a label; keep the default.
  }
  const r = await acceptUpload(await getDb(), viewer, req.body, name);
  if (!r.ok) return Response.json({ problems: r.problems }, { status: r.status });
  if (r.run) after(r.run);
  return Response.json({ kind: r.start.kind, id: r.start.progress.id }, { status: 202 });
}
