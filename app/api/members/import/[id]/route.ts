import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/session";
import { getImport } from "@/lib/members/import/web";
import { errorResponse } from "@/lib/http";

/** Progress of an import the viewer may see (the upload page polls it). */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return errorResponse("unauthenticated");
  const { id } = await params;
  const imp = /^[0-9]{1,9}$/.test(id) ? await getImport(await getDb(), viewer, Number(id)) : null;
  if (!imp) return errorResponse("not_found");
  return Response.json(imp, { headers: { "cache-control": "no-store" } });
}
