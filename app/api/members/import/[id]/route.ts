import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/session";
import { getImport } from "@/lib/members/import/web";

/** Progress of an import the viewer may see (the upload page polls it). */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "unauthenticated" }, { status: 401 });
  const { id } = await params;
  const imp = /^[0-9]{1,9}$/.test(id) ? await getImport(await getDb(), viewer, Number(id)) : null;
  if (!imp) return Response.json({ error: "not_found" }, { status: 404 });
  return Response.json(imp, { headers: { "cache-control": "no-store" } });
}
