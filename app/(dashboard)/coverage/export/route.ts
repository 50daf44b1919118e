import { getDb } from "@/db/client";
import { exportUncoveredBooths } from "@/lib/coverage/export";
import { getViewer } from "@/lib/auth/session";

/** GET /coverage/export?ac=49&district=raipur — the uncovered booths of the viewer's scope as CSV (audited). */
export async function GET(request: Request): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return new Response("Sign in first.", { status: 401 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return exportUncoveredBooths(await getDb(), viewer, params);
}
