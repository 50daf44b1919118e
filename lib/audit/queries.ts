import "server-only";
import { and, asc, desc, eq, gte, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { addDays, istDayStart } from "@/lib/dates";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  /** A user's id, or "system": the events no user made (seed, command-line imports, the public page, the app). */
  actor?: number | "system";
  action?: AuditAction;
  /** Events placed in this district (see `inDistrict`). */
  districtId?: number;
  /** India-time days, both included. */
  from?: string;
  to?: string;
  /** Show events older than this id (keyset pagination: stable while new events arrive). */
  before?: number;
}

export interface AuditRow {
  id: number;
  at: Date;
  /** The user's name, or null for an event no user made (then `actorLabel` says who). */
  actorName: string | null;
  actorEmail: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  /** For an event about a user: their email now (password resets and sign-outs record no email). */
  userEmail: string | null;
}

/** May the viewer read the trail at all? The state's administrators and leadership, as the permissions say. */
export function mayReadAudit(viewer: Viewer): boolean {
  return can(viewer, "audit.view") && viewer.scope.level === "state";
}

const num = (v: SQL) => sql`(CASE WHEN ${v} ~ '^[0-9]{1,9}$' THEN (${v})::int END)`;

/**
 * Is the event placed in the district? Events carry their place in what they recorded: a target or a training
 * its `districtId`; a post or token its level and unit (a booth, block, district or seat, looked up by primary
 * key); a member, a user or an attendance mark its row. Events with no place (exports, imports, the seed) are
 * in no district.
 */
function inDistrict(districtId: number): SQL {
  const e = auditEvents;
  const level = sql`coalesce(${e.after} ->> 'level', ${e.before} ->> 'level')`;
  const unit = num(sql`coalesce(${e.after} ->> 'unitId', ${e.before} ->> 'unitId')`);
  const d = districtId;
  return sql`(
    (${e.after} ->> 'districtId') = ${String(d)}
    OR (${level} = 'district' AND ${unit} = ${d})
    OR (${level} = 'booth' AND EXISTS (SELECT 1 FROM booths b WHERE b.id = ${unit} AND b.district_id = ${d}))
    OR (${level} = 'block' AND EXISTS (SELECT 1 FROM blocks k WHERE k.id = ${unit} AND k.district_id = ${d}))
    OR (${level} = 'ac' AND EXISTS (SELECT 1 FROM assembly_seat_districts x WHERE x.ac_id = ${unit} AND x.district_id = ${d}))
    OR (${e.entityType} = 'member' AND EXISTS (
      SELECT 1 FROM members m WHERE m.id = (CASE WHEN ${e.entityId} ~ '^[0-9]{1,18}$' THEN (${e.entityId})::bigint END) AND m.district_id = ${d}))
    OR (${e.entityType} = 'user' AND EXISTS (SELECT 1 FROM users u WHERE u.id = ${num(sql`${e.entityId}`)} AND u.district_id = ${d}))
    OR (${e.entityType} = 'training_attendance' AND EXISTS (
      SELECT 1 FROM trainings tr WHERE tr.id = ${num(sql`split_part(${e.entityId}, ':', 1)`)} AND tr.district_id = ${d}))
  )`;
}

/**
 * The audit trail of the viewer's state, newest first, narrowed by the filters. Only roles with `audit.view`
 * at state scope see it; for anyone else there is nothing (null: the page answers 404), whatever the filters.
 */
export async function listAuditEvents(db: DbOrTx, viewer: Viewer, filter: AuditFilter = {}) {
  if (!mayReadAudit(viewer)) return null;
  const conds: SQL[] = [or(eq(auditEvents.stateId, viewer.scope.stateId), isNull(auditEvents.stateId))!];
  if (filter.before) conds.push(lt(auditEvents.id, filter.before));
  if (filter.actor === "system") conds.push(isNull(auditEvents.actorUserId));
  else if (filter.actor !== undefined) conds.push(eq(auditEvents.actorUserId, filter.actor));
  if (filter.action) conds.push(eq(auditEvents.action, filter.action));
  if (filter.from) conds.push(gte(auditEvents.at, istDayStart(filter.from)));
  if (filter.to) conds.push(lt(auditEvents.at, istDayStart(addDays(filter.to, 1))));
  if (filter.districtId !== undefined) conds.push(inDistrict(filter.districtId));
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
      userEmail: sql<string | null>`(SELECT u2.email FROM users u2 WHERE ${auditEvents.entityType} = 'user' AND u2.id = ${num(sql`${auditEvents.entityId}`)})`,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(...conds))
    .orderBy(desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const page: AuditRow[] = rows.slice(0, AUDIT_PAGE_SIZE);
  return { rows: page, nextBefore: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1]!.id : null };
}

export interface ActorOption {
  id: number;
  name: string;
  email: string;
}

/** The users of the viewer's state, for the "who" filter (only for a viewer who may read the trail). */
export async function auditActors(db: DbOrTx, viewer: Viewer): Promise<ActorOption[]> {
  if (!mayReadAudit(viewer)) return [];
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.stateId, viewer.scope.stateId))
    .orderBy(asc(users.name), asc(users.id));
}
