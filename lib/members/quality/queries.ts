import "server-only";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { apiTokens, FLAG_REASONS, memberFlags, members, workers, type FlagReason, type FlagStatus } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { joinMemberPlace, memberPlaceColumns, type MemberPlace } from "@/lib/members/place";
import type { QueueFilters, QueueSort } from "@/lib/members/quality/search-params";
import { memberScope } from "@/lib/members/search";
import { maskName } from "@/lib/validation/mask";

/**
 * The review queue's reads. Every function takes the viewer and puts its scope in the WHERE clause
 * (`memberScope`): nobody lists, counts or exports flags of members outside their area, whatever the URL says.
 * Filters (reason, status, district, Lok Sabha seat, block, seat, booth, enroller) only narrow inside it.
 */

export const QUEUE_PAGE_SIZE = 50;
/** Deeper than this, narrowing the filters is the answer (and OFFSET stays cheap). */
export const QUEUE_MAX_PAGE = 200;
/** The JSON view's cap: a script gets at most this many flags per request (the answer says when it was cut). */
export const FLAGS_API_LIMIT = 1000;

export interface QueueFlag {
  reason: FlagReason;
  status: FlagStatus;
  detail: unknown;
  createdAt: Date;
  decidedAt: Date | null;
  decisionNote: string | null;
}

export interface QueueRow extends MemberPlace {
  id: number;
  membershipNo: string;
  /** Masked (`R••• S•••`); null once erased (every void member). */
  nameMasked: string | null;
  standing: string;
  /** Who brought the sign-up in: the worker, and the token when it came through the enrolment app. */
  enroller: { name: string; tokenPrefix: string | null } | null;
  /** The member's flags of the listed status, newest first. */
  flags: QueueFlag[];
  /** When the newest of them was raised. */
  flaggedAt: Date;
}

export interface QueuePage {
  rows: QueueRow[];
  page: number;
  hasNext: boolean;
}

export interface EnrollerOption {
  /** `t<token id>` or `w<worker id>` (search-params.ts ENROLLER_PATTERN). */
  key: string;
  name: string;
  tokenPrefix: string | null;
  /** Flagged members of this enroller in the listed status. */
  n: number;
}

/** The conditions on members (alias-free `members`) that every read of the queue applies: scope, then filters. */
function memberConditions(viewer: Viewer, f: Omit<QueueFilters, "reason">): SQL {
  const state = viewer.scope.stateId;
  const enrollerId = f.enroller ? Number(f.enroller.slice(1)) : undefined;
  return and(
    memberScope(viewer),
    f.status === "voided" ? eq(members.standing, "void") : undefined,
    f.district ? eq(members.districtId, sql`(SELECT id FROM districts WHERE state_id = ${state} AND slug = ${f.district})`) : undefined,
    f.pc
      ? sql`${members.boothId} IN (SELECT b.id FROM booths b JOIN lok_sabha_seats p ON p.id = b.pc_id WHERE p.state_id = ${state} AND p.no = ${f.pc})`
      : undefined,
    f.block ? sql`${members.boothId} IN (SELECT b.id FROM booths b WHERE b.state_id = ${state} AND b.block_id = ${f.block})` : undefined,
    f.ac ? eq(members.acId, sql`(SELECT id FROM assembly_seats WHERE state_id = ${state} AND no = ${f.ac})`) : undefined,
    f.booth ? eq(members.boothId, sql`(SELECT id FROM booths WHERE state_id = ${state} AND code = ${f.booth})`) : undefined,
    f.enroller?.startsWith("t") ? eq(members.apiTokenId, enrollerId!) : undefined,
    f.enroller?.startsWith("w") ? eq(members.enrolledByWorkerId, enrollerId!) : undefined,
  )!;
}

/** The flags a filter lists: of its status, and of its reason when it has one. */
function flagConditions(f: { status: FlagStatus; reason?: FlagReason }): SQL {
  return and(eq(memberFlags.memberId, members.id), eq(memberFlags.status, f.status), f.reason ? eq(memberFlags.reason, f.reason) : undefined)!;
}

/**
 * One page of the queue: flagged members (one row each, with all their flags of the status), newest flag first
 * (`sort = "old"`: oldest first). Two steps: the page's member ids (grouped over the matching flags), then
 * their places, enrollers and flags.
 */
export async function listQueue(db: DbOrTx, viewer: Viewer, f: QueueFilters, opts: { page: number; sort: QueueSort; pageSize?: number }): Promise<QueuePage> {
  const size = opts.pageSize ?? QUEUE_PAGE_SIZE;
  const page = Math.min(Math.max(1, opts.page), QUEUE_MAX_PAGE);
  if (!can(viewer, "quality.view")) return { rows: [], page, hasNext: false };
  const newest = sql`max(${memberFlags.createdAt})`;
  const ids = await db
    .select({ id: members.id })
    .from(members)
    .innerJoin(memberFlags, flagConditions(f))
    .where(memberConditions(viewer, f))
    .groupBy(members.id)
    .orderBy(...(opts.sort === "old" ? [asc(newest), asc(members.id)] : [desc(newest), desc(members.id)]))
    .limit(size + 1)
    .offset((page - 1) * size);
  const pageIds = ids.slice(0, size).map((r) => r.id);
  if (pageIds.length === 0) return { rows: [], page, hasNext: false };

  const [people, flags] = await Promise.all([
    joinMemberPlace(
      db
        .select({
          id: members.id,
          membershipNo: members.membershipNo,
          name: members.name,
          standing: members.standing,
          ...memberPlaceColumns,
          workerName: workers.name,
          tokenPrefix: apiTokens.tokenPrefix,
        })
        .from(members)
        .$dynamic(),
    )
      .leftJoin(workers, eq(workers.id, members.enrolledByWorkerId))
      .leftJoin(apiTokens, eq(apiTokens.id, members.apiTokenId))
      .where(and(inArray(members.id, pageIds), memberScope(viewer))),
    db
      .select({
        memberId: memberFlags.memberId,
        reason: memberFlags.reason,
        status: memberFlags.status,
        detail: memberFlags.detail,
        createdAt: memberFlags.createdAt,
        decidedAt: memberFlags.decidedAt,
        decisionNote: memberFlags.decisionNote,
      })
      .from(memberFlags)
      .where(and(inArray(memberFlags.memberId, pageIds), eq(memberFlags.status, f.status)))
      .orderBy(desc(memberFlags.createdAt), asc(memberFlags.reason)),
  ]);
  const byMember = new Map<number, QueueFlag[]>();
  for (const { memberId, ...flag } of flags) {
    byMember.set(memberId, [...(byMember.get(memberId) ?? []), { ...flag, reason: flag.reason as FlagReason, status: flag.status as FlagStatus }]);
  }
  const person = new Map(people.map((p) => [p.id, p]));
  const rows: QueueRow[] = [];
  for (const id of pageIds) {
    const p = person.get(id);
    const own = byMember.get(id) ?? [];
    if (!p || own.length === 0) continue;
    const { name, workerName, tokenPrefix, ...rest } = p;
    rows.push({
      ...rest,
      nameMasked: name ? maskName(name) : null,
      enroller: workerName ? { name: workerName, tokenPrefix } : null,
      flags: own,
      flaggedAt: own.reduce((a, x) => (x.createdAt > a ? x.createdAt : a), own[0]!.createdAt),
    });
  }
  return { rows, page, hasNext: ids.length > size };
}

/**
 * Flags per reason under the other filters (the chips): a count of member_flags, not of members (a member with
 * two reasons counts under both).
 */
export async function reasonCounts(db: DbOrTx, viewer: Viewer, f: Omit<QueueFilters, "reason">): Promise<Record<FlagReason, number>> {
  const counts = Object.fromEntries(FLAG_REASONS.map((r) => [r, 0])) as Record<FlagReason, number>;
  if (!can(viewer, "quality.view")) return counts;
  const rows = await db
    .select({ reason: memberFlags.reason, n: sql<number>`count(*)::int` })
    .from(memberFlags)
    .innerJoin(members, eq(members.id, memberFlags.memberId))
    .where(and(eq(memberFlags.status, f.status), memberConditions(viewer, f)))
    .groupBy(memberFlags.reason);
  for (const r of rows) if (r.reason in counts) counts[r.reason as FlagReason] = r.n;
  return counts;
}

/**
 * The enrollers with flagged members of the status in the viewer's area, for the filter: each token (app
 * sign-ups) and each worker's paper-book sign-ups, most flagged first (at most `limit`).
 */
export async function enrollerOptions(db: DbOrTx, viewer: Viewer, status: FlagStatus, limit = 100): Promise<EnrollerOption[]> {
  if (!can(viewer, "quality.view")) return [];
  const rows = await db
    .select({
      workerId: members.enrolledByWorkerId,
      tokenId: members.apiTokenId,
      name: workers.name,
      tokenPrefix: apiTokens.tokenPrefix,
      n: sql<number>`count(DISTINCT ${members.id})::int`,
    })
    .from(members)
    .innerJoin(memberFlags, flagConditions({ status }))
    .innerJoin(workers, eq(workers.id, members.enrolledByWorkerId))
    .leftJoin(apiTokens, eq(apiTokens.id, members.apiTokenId))
    .where(and(memberScope(viewer), status === "voided" ? eq(members.standing, "void") : undefined))
    .groupBy(members.enrolledByWorkerId, members.apiTokenId, workers.name, apiTokens.tokenPrefix)
    .orderBy(desc(sql`count(DISTINCT ${members.id})`), asc(workers.name))
    .limit(limit);
  return rows.map((r) => ({ key: r.tokenId ? `t${r.tokenId}` : `w${r.workerId}`, name: r.name, tokenPrefix: r.tokenPrefix, n: r.n }));
}

export interface FlagListRow {
  membershipNo: string;
  reason: FlagReason;
  status: FlagStatus;
  detail: unknown;
}

/**
 * The JSON view's flags (GET /api/quality/flags): of a status and optionally a reason, in the viewer's area,
 * newest first, at most `limit` (one more is read to tell whether the list was cut).
 */
export async function listFlags(
  db: DbOrTx,
  viewer: Viewer,
  q: { reason?: FlagReason; status: FlagStatus },
  limit = FLAGS_API_LIMIT,
): Promise<{ flags: FlagListRow[]; capped: boolean }> {
  if (!can(viewer, "quality.view")) return { flags: [], capped: false };
  const rows = await db
    .select({ membershipNo: members.membershipNo, reason: memberFlags.reason, status: memberFlags.status, detail: memberFlags.detail })
    .from(memberFlags)
    .innerJoin(members, eq(members.id, memberFlags.memberId))
    .where(and(eq(memberFlags.status, q.status), q.reason ? eq(memberFlags.reason, q.reason) : undefined, memberScope(viewer)))
    .orderBy(desc(memberFlags.createdAt), desc(memberFlags.id))
    .limit(limit + 1);
  return {
    flags: rows.slice(0, limit).map((r) => ({ ...r, reason: r.reason as FlagReason, status: r.status as FlagStatus })),
    capped: rows.length > limit,
  };
}
