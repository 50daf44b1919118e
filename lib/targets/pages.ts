import "server-only";
import { notFound } from "next/navigation";
import { readDb } from "@/lib/reads";
import { can } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/session";
import { loadTargetsPage } from "@/lib/targets/queries";

/** /targets: the units whose targets the viewer sets (404 for a role that sets none). */
export async function targetsPageData() {
  const viewer = await requireViewer();
  if (!can(viewer, "targets.set")) notFound();
  return { page: await loadTargetsPage(await readDb(), viewer) };
}
