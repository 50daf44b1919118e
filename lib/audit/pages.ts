import "server-only";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { listAuditEvents } from "@/lib/audit/queries";
import { requireViewer } from "@/lib/auth/session";
import { matching, type SearchParams } from "@/lib/search-params";

/** /audit: a page of the trail (older than `before`), searched by `q`; 404 for a role without the trail. */
export async function auditPageData(searchParams: Promise<SearchParams>) {
  const viewer = await requireViewer();
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q : undefined;
  const before = matching(sp, "before", /^[0-9]{1,15}$/);
  const beforeId = before ? Number(before) : undefined;
  const result = await listAuditEvents(await getDb(), viewer, { q: q?.slice(0, 100), before: beforeId });
  if (!result) notFound();
  return { q, beforeId, result };
}
export type AuditPageData = Awaited<ReturnType<typeof auditPageData>>;
