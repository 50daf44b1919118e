import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db, type DbOrTx } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { revokeToken, type RevokeResult } from "@/lib/members/api/tokens";
import { matching, oneOf, page, type SearchParams } from "@/lib/search-params";

/**
 * Enroller scorecards (/quality/enrollers): per enroller — a worker with the token their sign-ups came through,
 * or the worker's paper-book entries (no token) as a row of its own — and district:
 *
 * - **sign-ups**: every sign-up the enroller brought in, voided ones included (`enroller_counters.members`
 *   counts the members that are not void, so sign-ups = members + voided);
 * - **quality-adjusted**: sign-ups minus voided (= `enroller_counters.members`), the default ranking;
 * - **flagged**: members with any flag ever (open, decided or cleared) over sign-ups; **voided**: voided over
 *   sign-ups; **disowned**: members whose owner said they did not join; **bursts**: members flagged `burst`.
 *
 * Sign-ups come from the counters; the flag numbers count `member_flags` joined to their members (flags are
 * few), never the members themselves. Scope: leadership reads the state, a district president their district
 * (the counters' district, i.e. where the members signed up); nobody else has scorecards.
 */

export const SCORECARD_SORTS = ["quality", "signups", "flagged", "voided", "disowned", "bursts", "name"] as const;
export type ScorecardSort = (typeof SCORECARD_SORTS)[number];
export type SortDir = "asc" | "desc";
export const SCORECARD_PAGE_SIZE = 50;

export interface ScorecardRow {
  workerId: number;
  /** Null: the worker's sign-ups without a token (paper books). */
  tokenId: number | null;
  districtId: number;
  workerName: string;
  tokenPrefix: string | null;
  tokenLabel: string | null;
  /** The token is revoked (suspended) already. */
  tokenRevoked: boolean;
  districtName: string;
  districtNameHi: string | null;
  /** All sign-ups, voided ones included. */
  signups: number;
  /** Sign-ups minus voided: the members this enroller still counts for. */
  quality: number;
  underReview: number;
  voided: number;
  /** Members with any flag ever. */
  flagged: number;
  disowned: number;
  bursts: number;
  /** flagged / signups and voided / signups (null without sign-ups). */
  flaggedShare: number | null;
  voidedShare: number | null;
}

export interface ScorecardParams {
  sort: ScorecardSort;
  dir: SortDir;
  page: number;
  /** The confirmation after a suspension: the token's public prefix. */
  suspended: string | null;
}

/** The URL state of /quality/enrollers (pure). Default: quality-adjusted sign-ups, most first. */
export function parseScorecardParams(sp: SearchParams): ScorecardParams {
  const sort = oneOf(sp, "sort", SCORECARD_SORTS, "quality");
  return {
    sort,
    dir: oneOf(sp, "dir", ["asc", "desc"] as const, sort === "name" ? "asc" : "desc"),
    page: page(sp),
    suspended: matching(sp, "suspended", /^[A-Za-z0-9_-]{1,12}$/) ?? null,
  };
}

/** Who has scorecards: leadership (state scope) and district presidents (their district), with quality.view. */
export function seesScorecards(viewer: Viewer): boolean {
  return can(viewer, "quality.view") && (viewer.scope.level === "state" || viewer.scope.level === "district");
}

/** The counters' rows (alias `ec`) and members (alias `m`) in the viewer's scorecard scope. */
function scopeOf(viewer: Viewer, alias: "ec" | "m"): SQL {
  const a = sql.raw(alias);
  const state = sql`${a}.state_id = ${viewer.scope.stateId}`;
  if (viewer.scope.level === "state") return state;
  if (viewer.scope.level === "district") return sql`${state} AND ${a}.district_id = ${viewer.scope.id}`;
  return sql`false`;
}

const ORDER: Record<ScorecardSort, string> = {
  quality: "s.members",
  signups: "s.signups",
  flagged: "s.flagged::float8 / nullif(s.signups, 0)",
  voided: "s.voided::float8 / nullif(s.signups, 0)",
  disowned: "s.disowned",
  bursts: "s.bursts",
  name: "lower(w.name)",
};

type Raw = Omit<ScorecardRow, "flaggedShare" | "voidedShare" | "quality" | "tokenRevoked"> & { members: number; tokenRevoked: boolean | string; total: number };

/** One page of the scope's scorecards, sorted; ties broken by worker, token and district so pages are stable. */
export async function loadScorecards(
  db: DbOrTx,
  viewer: Viewer,
  opts: { sort?: ScorecardSort; dir?: SortDir; page?: number; pageSize?: number } = {},
): Promise<{ rows: ScorecardRow[]; total: number; page: number; pages: number }> {
  if (!seesScorecards(viewer)) return { rows: [], total: 0, page: 1, pages: 1 };
  const sort = opts.sort ?? "quality";
  const dir = opts.dir ?? (sort === "name" ? "asc" : "desc");
  const size = Math.max(1, Math.min(500, opts.pageSize ?? SCORECARD_PAGE_SIZE));
  const pageNo = Math.max(1, Math.floor(opts.page ?? 1));
  const order = sql.raw(`${ORDER[sort]} ${dir === "asc" ? "ASC" : "DESC"} NULLS LAST`);
  const raw = await queryRows<Raw>(
    db,
    sql`WITH f AS (
          SELECT m.enrolled_by_worker_id AS worker_id, coalesce(m.api_token_id, 0) AS token_key, m.district_id,
                 count(DISTINCT f.member_id)::int AS flagged,
                 count(DISTINCT f.member_id) FILTER (WHERE f.status = 'open' AND m.standing = 'review')::int AS under_review,
                 count(*) FILTER (WHERE f.reason = 'disowned')::int AS disowned,
                 count(*) FILTER (WHERE f.reason = 'burst')::int AS bursts
          FROM member_flags f JOIN members m ON m.id = f.member_id
          WHERE f.state_id = ${viewer.scope.stateId} AND m.enrolled_by_worker_id IS NOT NULL AND ${scopeOf(viewer, "m")}
          GROUP BY 1, 2, 3
        ),
        s AS (
          SELECT ec.worker_id, ec.token_id, ec.district_id, ec.members, coalesce(f.under_review, 0) AS under_review, ec.voided,
                 ec.members + ec.voided AS signups,
                 coalesce(f.flagged, 0) AS flagged, coalesce(f.disowned, 0) AS disowned, coalesce(f.bursts, 0) AS bursts
          FROM enroller_counters ec
          LEFT JOIN f ON f.worker_id = ec.worker_id AND f.token_key = coalesce(ec.token_id, 0) AND f.district_id = ec.district_id
          WHERE ${scopeOf(viewer, "ec")} AND ec.members + ec.voided > 0
        )
        SELECT s.worker_id AS "workerId", s.token_id AS "tokenId", s.district_id AS "districtId", w.name AS "workerName",
               t.token_prefix AS "tokenPrefix", t.label AS "tokenLabel", (t.revoked_at IS NOT NULL) AS "tokenRevoked",
               d.name AS "districtName", d.name_hi AS "districtNameHi",
               s.signups::int AS signups, s.members::int AS members, s.under_review::int AS "underReview", s.voided::int AS voided,
               s.flagged, s.disowned, s.bursts, count(*) OVER ()::int AS total
        FROM s JOIN workers w ON w.id = s.worker_id JOIN districts d ON d.id = s.district_id
          LEFT JOIN api_tokens t ON t.id = s.token_id
        ORDER BY ${order}, s.worker_id, s.token_id NULLS FIRST, s.district_id
        LIMIT ${size} OFFSET ${(pageNo - 1) * size}`,
  );
  const total = raw[0] ? Number(raw[0].total) : pageNo > 1 ? await countScorecards(db, viewer) : 0;
  const pages = Math.max(1, Math.ceil(total / size));
  const rows = raw.map((r): ScorecardRow => {
    const signups = Number(r.signups);
    const voided = Number(r.voided);
    const flagged = Number(r.flagged);
    return {
      workerId: Number(r.workerId),
      tokenId: r.tokenId === null ? null : Number(r.tokenId),
      districtId: Number(r.districtId),
      workerName: r.workerName,
      tokenPrefix: r.tokenPrefix,
      tokenLabel: r.tokenLabel,
      tokenRevoked: r.tokenRevoked === true || r.tokenRevoked === "t",
      districtName: r.districtName,
      districtNameHi: r.districtNameHi,
      signups,
      quality: Number(r.members),
      underReview: Number(r.underReview),
      voided,
      flagged,
      disowned: Number(r.disowned),
      bursts: Number(r.bursts),
      flaggedShare: signups > 0 ? flagged / signups : null,
      voidedShare: signups > 0 ? voided / signups : null,
    };
  });
  return { rows, total, page: Math.min(pageNo, pages), pages };
}

async function countScorecards(db: DbOrTx, viewer: Viewer): Promise<number> {
  const [r] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM enroller_counters ec WHERE ${scopeOf(viewer, "ec")} AND ec.members + ec.voided > 0`);
  return Number(r?.n ?? 0);
}

export type SuspendResult = RevokeResult;

/**
 * Suspends an enroller's token from the scorecards: the token's revocation (lib/members/api/tokens.ts
 * revokeToken: scope-checked on the token's post, audited as `tokens.revoke`, the next request with it a 401).
 * Only scorecard viewers who manage tokens; a token outside the viewer's district is not found and nothing is
 * written.
 */
export async function suspendEnrollerToken(db: Db, viewer: Viewer, tokenId: number): Promise<SuspendResult> {
  if (!seesScorecards(viewer) || !can(viewer, "tokens.manage")) return { ok: false, code: "forbidden" };
  return revokeToken(db, viewer, tokenId);
}
