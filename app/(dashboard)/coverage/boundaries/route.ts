import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/session";
import { uploadBoundaries } from "@/lib/coverage/service";
import { formatProblem } from "@/lib/csv/problems";
import { errorResponse } from "@/lib/http";
import { afterWrite } from "@/lib/reads";
import { crossSite } from "@/lib/net/same-origin";

/**
 * POST /coverage/boundaries — the body is a GeoJSON file of assembly-seat boundaries, imported by the CLI's
 * importer (administrators only, lib/coverage/service.ts). A bad file is 400 with every problem in `issues`;
 * nothing is written then.
 */
export async function POST(req: Request): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return errorResponse("unauthenticated");
  if (crossSite(req)) return errorResponse("forbidden");
  const r = await uploadBoundaries(await getDb(), viewer, req.body);
  if (r.ok) {
    // The uploader's next /coverage shows the new map (lib/reads.ts).
    await afterWrite();
    return Response.json(r, { headers: { "cache-control": "no-store" } });
  }
  if (r.code === "forbidden") return errorResponse("forbidden");
  return errorResponse("invalid", { message: `The boundary file cannot be used (${r.reason}).`, issues: r.problems.slice(0, 20).map(formatProblem) });
}
