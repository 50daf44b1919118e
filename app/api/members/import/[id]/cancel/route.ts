import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/session";
import { cancelVisibleImport } from "@/lib/members/import/web";
import { crossSite } from "@/lib/net/same-origin";

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "unauthenticated" }, { status: 401 });
  if (crossSite(req)) return Response.json({ error: "forbidden" }, { status: 403 });
  const { id } = await params;
  if (!/^[0-9]{1,9}$/.test(id)) return Response.json({ error: "not_found" }, { status: 404 });
  const outcome = await cancelVisibleImport(await getDb(), viewer, Number(id));
  // Someone else's import (or none) is not found, so the answer does not tell whose imports exist.
  if (outcome === "not_found") return Response.json({ error: "not_found" }, { status: 404 });
  return outcome === "cancelled" ? Response.json({ ok: true }) : Response.json({ error: "not_running" }, { status: 409 });
}
