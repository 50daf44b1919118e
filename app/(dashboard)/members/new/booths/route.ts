import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { suggestBooths } from "@/lib/members/enrol/book";
import { errorResponse } from "@/lib/http";

/** Booth suggestions for the book form, from the viewer's scope only. */
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return errorResponse("unauthenticated");
  if (!can(viewer, "members.create")) return errorResponse("forbidden");
  const q = new URL(request.url).searchParams.get("q") ?? "";
  const booths = await suggestBooths(await getDb(), viewer, q);
  return Response.json({ booths }, { headers: { "cache-control": "private, no-store" } });
}
