import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { suggestBooths } from "@/lib/members/enrol/book";

/** Booth suggestions for the book form, from the viewer's scope only. */
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "unauthenticated" }, { status: 401 });
  if (!can(viewer, "members.create")) return Response.json({ error: "forbidden" }, { status: 403 });
  const q = new URL(request.url).searchParams.get("q") ?? "";
  const booths = await suggestBooths(await getDb(), viewer, q);
  return Response.json({ booths }, { headers: { "cache-control": "private, no-store" } });
}
