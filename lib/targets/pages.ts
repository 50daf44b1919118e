import "server-only";
import { notFound } from "next/navigation";
import { readDb } from "@/lib/reads";
import { can } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/session";
import type { SearchParams } from "@/lib/search-params";
import { loadTargetsPage } from "@/lib/targets/queries";
import { parseTargetsParams } from "@/lib/targets/search-params";

/** /targets: the units whose targets the viewer sets (404 for a role that sets none); a district's booths 25 a page (BOOTHS_PER_PAGE). */
export async function targetsPageData(searchParams: Promise<SearchParams>) {
  const viewer = await requireViewer();
  if (!can(viewer, "targets.set")) notFound();
  const p = parseTargetsParams(await searchParams);
  return { page: await loadTargetsPage(await readDb(), viewer, new Date(), { page: p.page, blockId: p.block, q: p.q }) };
}
