import "server-only";
import { and, desc, eq, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  /** Matches the action or the entity type, e.g. "target" or "members.reveal". */
  q?: string;
  /** Show events older than this id (keyset pagination: stable while new events arrive). */
  before?: number;
}

export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/**
 * The audit trail of the viewer's state, newest first. Only roles with `audit.view` (state scope) see it;
 * for anyone else there is nothing (the page answers 404).
 */
export async function listAuditEvents(db: DbOrTx, viewer: Viewer, filter: AuditFilter = {}) {
  if (!can(viewer, "audit.view") || viewer.scope.level !== "state") return null;
  const conds: SQL[] = [or(eq(auditEvents.stateId, viewer.scope.stateId), sql`${auditEvents.stateId} IS NULL`)!];
  if (filter.before) conds.push(lt(auditEvents.id, filter.before));
  const q = filter.q?.trim();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(auditEvents.action, pattern), ilike(auditEvents.entityType, pattern), ilike(users.email, pattern))!);
  }
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorName: users.name,
      actorEmail: users.email,
      actorLabel: auditEvents.actorLabel,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(...conds))
    .orderBy(desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const page: AuditRow[] = rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actorName ? `${r.actorName} (${r.actorEmail})` : (r.actorLabel ?? "—"),
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    before: r.before,
    after: r.after,
  }));
  return { rows: page, nextBefore: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1]!.id : null };
}
