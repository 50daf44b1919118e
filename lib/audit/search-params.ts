/** The URL state of /audit (pure): filters narrow the viewer's trail, they never widen it. */
import { isAuditAction, type AuditAction } from "@/lib/audit/actions";
import { matching, one, positiveInt, slug, type SearchParams } from "@/lib/search-params";

export type { SearchParams };

export interface AuditParams {
  /** A user's id, or "system" for events no user made (seed, imports from the command line, the public page, the app). */
  actor?: number | "system";
  action?: AuditAction;
  /** District slug. */
  district?: string;
  /** India-time days, `YYYY-MM-DD`, both included. */
  from?: string;
  to?: string;
  /** Events older than this id (keyset paging: stable while new events arrive). */
  before?: number;
}

const DAY = /^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

export function parseAuditParams(sp: SearchParams): AuditParams {
  const actorRaw = one(sp, "actor");
  const action = one(sp, "action");
  return {
    actor: actorRaw === "system" ? "system" : positiveInt(sp, "actor"),
    action: isAuditAction(action) ? action : undefined,
    district: slug(sp, "district"),
    from: matching(sp, "from", DAY),
    to: matching(sp, "to", DAY),
    before: positiveInt(sp, "before", 15),
  };
}

/** The params as a query record for links (paging dropped unless given). */
export function auditQuery(p: AuditParams, patch: { before?: number } = {}): Record<string, string> {
  const q: Record<string, string> = {};
  if (p.actor !== undefined) q.actor = String(p.actor);
  if (p.action) q.action = p.action;
  if (p.district) q.district = p.district;
  if (p.from) q.from = p.from;
  if (p.to) q.to = p.to;
  if (patch.before) q.before = String(patch.before);
  return q;
}

export const hasFilters = (p: AuditParams) => p.actor !== undefined || Boolean(p.action || p.district || p.from || p.to);
