import "server-only";
import { notFound } from "next/navigation";
import { readDb } from "@/lib/reads";
import { auditActors, listAuditEvents, mayReadAudit } from "@/lib/audit/queries";
import { parseAuditParams } from "@/lib/audit/search-params";
import { requireViewer } from "@/lib/auth/session";
import { districtOptions } from "@/lib/geo/queries";
import type { SearchParams } from "@/lib/search-params";

/**
 * /audit: a page of the trail (older than `before`), narrowed by who, what action, which district and which
 * days, all in the URL; 404 for a role without the trail.
 */
export async function auditPageData(searchParams: Promise<SearchParams>) {
  const viewer = await requireViewer();
  if (!mayReadAudit(viewer)) notFound();
  const p = parseAuditParams(await searchParams);
  const db = await readDb();
  const [actors, districts] = await Promise.all([auditActors(db, viewer), districtOptions(db, viewer)]);
  const district = districts.find((d) => d.key === p.district);
  // Days the wrong way round match nothing: said on the page, not answered with an error.
  const badDates = Boolean(p.from && p.to && p.from > p.to);
  const result = badDates
    ? { rows: [], nextBefore: null }
    : await listAuditEvents(db, viewer, {
        actor: p.actor,
        action: p.action,
        districtId: district?.id,
        from: p.from,
        to: p.to,
        before: p.before,
      });
  if (!result) notFound();
  return { p: { ...p, district: district?.key }, actors, districts, badDates, result };
}
export type AuditPageData = Awaited<ReturnType<typeof auditPageData>>;
