import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/session";
import { cancelVisibleImport } from "@/lib/members/import/web";
import { crossSite } from "@/lib/net/same-origin";
import { errorResponse } from "@/lib/http";

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return errorResponse("unauthenticated");
  if (crossSite(req)) return errorResponse("forbidden");
  const { id } = await params;
  if (!/^[0-9]{1,9}$/.test(id)) return errorResponse("not_found");
  const outcome = await cancelVisibleImport(await getDb(), viewer, Number(id));
  // Someone else's import (or none) is not found, so the answer does not tell whose imports exist.
  if (outcome === "not_found") return errorResponse("not_found");
  return outcome === "cancelled" ? Response.json({ ok: true }) : errorResponse("conflict", { message: "The import is not running." });
}
