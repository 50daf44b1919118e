import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db, type DbOrTx } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { unitInScope } from "@/lib/auth/scope";
import type { BoothRef } from "@/lib/members/enrol/enrol";
import { namedRows, type NamedQuery } from "@/db/named-query";
import { generateToken, hashToken, tokenPrefixOf } from "@/lib/auth/token-hash";

/**
 * Enroller API tokens: issued by leadership and district presidents to an active enroller (a booth's) or
 * chief enroller (a district's or a block's), each token scoped to the booths of that post. Only the hash is
 * stored; the token is shown once. Revoking a token or ending the post stops it on the next request, because
 * every request re-reads both (`authenticateToken`).
 */

export type PostLevel = "district" | "block" | "booth";
export type PostRole = "enroller" | "chief_enroller";

/** Who an API request acts as: the post behind the token. */
export interface TokenPrincipal {
  tokenId: number;
  stateId: number;
  workerId: number;
  appointmentId: number;
  role: PostRole;
  unit: { level: PostLevel; id: number };
}

/** The SQL expressions locating an appointment `a` (with its block `bl` and booth `bo` joined). */
const POST_DISTRICT = sql.raw("coalesce(a.district_id, bl.district_id, bo.district_id)");
const POST_LEVEL_SQL = "CASE WHEN a.booth_id IS NOT NULL THEN 'booth' WHEN a.block_id IS NOT NULL THEN 'block' ELSE 'district' END";
const POST_LEVEL = sql.raw(POST_LEVEL_SQL);
const POST_JOINS = sql.raw(`LEFT JOIN blocks bl ON bl.id = a.block_id
  LEFT JOIN booths bo ON bo.id = a.booth_id
  LEFT JOIN districts d ON d.id = coalesce(a.district_id, bl.district_id, bo.district_id)`);

/**
 * The viewer's scope applied to posts: a district scope holds the posts of its district, its blocks and its
 * booths; an AC or PC scope (no role that manages tokens has one today) holds the posts whose booths lie in it.
 */
function postInScope(viewer: Viewer): SQL {
  const { level, id, stateId } = viewer.scope;
  const state = sql`a.state_id = ${stateId}`;
  switch (level) {
    case "state":
      return state;
    case "district":
      return sql`${state} AND ${POST_DISTRICT} = ${id}`;
    case "ac":
    case "pc": {
      const col = sql.raw(level === "ac" ? "ac_id" : "pc_id");
      return sql`${state} AND EXISTS (SELECT 1 FROM booths x WHERE x.${col} = ${id}
        AND (x.id = a.booth_id OR x.block_id = a.block_id OR x.district_id = a.district_id))`;
    }
  }
}

/** Does the token's post cover this booth? A district's chief enroller: its booths; a block's: its booths; an enroller: the booth. */
export function tokenCoversBooth(p: TokenPrincipal, booth: BoothRef): boolean {
  if (booth.stateId !== p.stateId) return false;
  switch (p.unit.level) {
    case "district":
      return booth.districtId === p.unit.id;
    case "block":
      return booth.blockId === p.unit.id;
    case "booth":
      return booth.id === p.unit.id;
  }
}

/**
 * The principal of a presented token, or null when the token is unknown, revoked, or its post has ended —
 * checked on every request, so a revocation or an ended post takes effect at once.
 */
export async function authenticateToken(db: DbOrTx, token: string): Promise<TokenPrincipal | null> {
  return (await authenticateTokens(db, [token]))[0] ?? null;
}

const AUTHENTICATE: NamedQuery = {
  name: "members_api_authenticate",
  text: `SELECT v.ord::text AS ord, t.id, t.state_id, t.worker_id, t.appointment_id, a.role, a.district_id, a.block_id, a.booth_id
    FROM unnest($1::text[]) WITH ORDINALITY AS v(hash, ord)
    JOIN api_tokens t ON t.token_hash = v.hash
    JOIN appointments a ON a.id = t.appointment_id
    WHERE t.revoked_at IS NULL AND a.ended_at IS NULL AND a.role IN ('enroller', 'chief_enroller') AND a.worker_id = t.worker_id`,
};

/** Many tokens in one query, in order (the API coalesces concurrent requests into it). */
export async function authenticateTokens(db: DbOrTx, tokens: string[]): Promise<(TokenPrincipal | null)[]> {
  const rows = await namedRows<{
    ord: string;
    id: number;
    state_id: number;
    worker_id: number;
    appointment_id: number;
    role: PostRole;
    district_id: number | null;
    block_id: number | null;
    booth_id: number | null;
  }>(db, AUTHENTICATE, [tokens.map(hashToken)]);
  const byOrd = new Map(rows.map((r) => [Number(r.ord), r]));
  return tokens.map((_, i) => {
    const row = byOrd.get(i + 1);
    if (!row) return null;
    const unit =
      row.booth_id !== null
        ? { level: "booth" as const, id: row.booth_id }
        : row.block_id !== null
          ? { level: "block" as const, id: row.block_id }
          : row.district_id !== null
            ? { level: "district" as const, id: row.district_id }
            : null;
    if (!unit) return null;
    return { tokenId: row.id, stateId: row.state_id, workerId: row.worker_id, appointmentId: row.appointment_id, role: row.role, unit };
  });
}

const lastUsedWritten = new Map<number, number>();

/**
 * Records that a token was used, at most once a minute per token and process: an UPDATE on every sign-up
 * would make 50 phones of one chief enroller queue on the token's row lock.
 */
export async function touchToken(db: DbOrTx, tokenId: number, now = Date.now()): Promise<void> {
  const last = lastUsedWritten.get(tokenId) ?? 0;
  if (now - last < 60_000) return;
  lastUsedWritten.set(tokenId, now);
  if (lastUsedWritten.size > 10_000) lastUsedWritten.clear();
  await db.execute(sql`UPDATE api_tokens SET last_used_at = now() WHERE id = ${tokenId}`);
}

// ---------------------------------------------------------------------------------------------------------
// Posts a token can be issued to

export interface PostRow {
  appointmentId: number;
  role: PostRole;
  level: PostLevel;
  workerName: string;
  workerPhone: string;
  districtName: string;
  districtNameHi: string | null;
  blockName: string | null;
  blockNameHi: string | null;
  boothCode: string | null;
  boothName: string | null;
  activeTokens: number;
}

const POST_COLUMNS = sql.raw(`a.id AS "appointmentId", a.role, ${POST_LEVEL_SQL} AS level,
  w.name AS "workerName", w.phone AS "workerPhone", d.name AS "districtName", d.name_hi AS "districtNameHi",
  bl.name AS "blockName", bl.name_hi AS "blockNameHi", bo.code AS "boothCode", bo.name AS "boothName"`);

/**
 * Active enroller and chief-enroller posts in the viewer's scope that match `q` (a booth code or its start,
 * a worker's name or phone, a block's name). Without `q`: the chief enrollers, who are few per district.
 */
export async function searchPosts(db: DbOrTx, viewer: Viewer, q: string, limit = 25): Promise<PostRow[]> {
  if (!can(viewer, "tokens.manage")) return [];
  const query = q.normalize("NFC").trim().slice(0, 80);
  let match: SQL;
  if (query === "") {
    match = sql`a.role = 'chief_enroller'`;
  } else if (/^[0-9]{1,3}(-[0-9]{0,4})?$/.test(query)) {
    // Booth codes are AAA-PPP: "49" and "049-1" both mean the seat's booths.
    const [ac, part] = query.split("-");
    const prefix = `${ac!.padStart(3, "0")}${part !== undefined ? `-${part}` : ""}`;
    match = sql`bo.code LIKE ${`${prefix}%`}`;
  } else if (/^[+0-9 -]{5,}$/.test(query)) {
    match = sql`w.phone LIKE ${`%${query.replace(/[^0-9]/g, "").slice(-10)}%`}`;
  } else {
    const like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    match = sql`(w.name ILIKE ${like} OR bl.name ILIKE ${like} OR bl.name_hi ILIKE ${like} OR d.name ILIKE ${like})`;
  }
  return queryRows<PostRow>(
    db,
    sql`SELECT ${POST_COLUMNS},
          (SELECT count(*)::int FROM api_tokens t WHERE t.appointment_id = a.id AND t.revoked_at IS NULL) AS "activeTokens"
        FROM appointments a JOIN workers w ON w.id = a.worker_id ${POST_JOINS}
        WHERE a.ended_at IS NULL AND a.role IN ('enroller', 'chief_enroller') AND ${postInScope(viewer)} AND ${match}
        ORDER BY CASE WHEN a.district_id IS NOT NULL THEN 0 WHEN a.block_id IS NOT NULL THEN 1 ELSE 2 END,
                 d.name, bl.name NULLS FIRST, bo.code NULLS FIRST, w.name, a.id
        LIMIT ${Math.max(1, Math.min(100, limit))}`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Issue, list, revoke

export type IssueResult =
  | { ok: true; id: number; token: string; prefix: string }
  | { ok: false; code: "forbidden" | "not_found" | "ended" };

/**
 * Issues a token to the holder of an active enroller / chief-enroller post in the viewer's scope, with its
 * audit event, in one transaction. The plain token is returned once and never stored.
 */
export async function issueToken(db: Db, viewer: Viewer, input: { appointmentId: number; label?: string }): Promise<IssueResult> {
  if (!can(viewer, "tokens.manage")) return { ok: false, code: "forbidden" };
  return db.transaction(async (tx) => {
    // FOR SHARE: a concurrent "end this post" waits for the token to commit, then ends both together.
    const [post] = await queryRows<{ id: number; state_id: number; worker_id: number; role: string; ended_at: string | null; level: PostLevel; unit_id: number }>(
      tx,
      sql`SELECT a.id, a.state_id, a.worker_id, a.role, a.ended_at, ${POST_LEVEL} AS level,
                 coalesce(a.booth_id, a.block_id, a.district_id) AS unit_id
          FROM appointments a WHERE a.id = ${input.appointmentId} AND a.state_id = ${viewer.scope.stateId}
            AND a.role IN ('enroller', 'chief_enroller')
          FOR SHARE`,
    );
    if (!post || !(await unitInScope(tx, viewer, { level: post.level, id: post.unit_id }, "write"))) return { ok: false, code: "not_found" } as const;
    if (!can(viewer, "tokens.manage", post.level)) return { ok: false, code: "forbidden" } as const;
    if (post.ended_at !== null) return { ok: false, code: "ended" } as const;

    const token = generateToken();
    const prefix = tokenPrefixOf(token);
    const label = input.label?.trim() ? input.label.trim().slice(0, 80) : null;
    const [row] = await tx
      .insert(apiTokens)
      .values({
        stateId: post.state_id,
        appointmentId: post.id,
        workerId: post.worker_id,
        tokenHash: hashToken(token),
        tokenPrefix: prefix,
        label,
        createdBy: viewer.id,
      })
      .returning({ id: apiTokens.id });
    await writeAudit(tx, viewer, {
      action: "tokens.issue",
      entityType: "api_token",
      entityId: row!.id,
      after: { prefix, appointmentId: post.id, workerId: post.worker_id, role: post.role, level: post.level, unitId: post.unit_id, label },
    });
    return { ok: true, id: row!.id, token, prefix } as const;
  });
}

export type TokenStatus = "active" | "revoked" | "post_ended";

export interface TokenRow extends Omit<PostRow, "activeTokens"> {
  id: number;
  prefix: string;
  label: string | null;
  /** Epoch milliseconds. */
  createdAt: number;
  createdByName: string | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
  status: TokenStatus;
}

export const TOKEN_PAGE_SIZE = 25;
export const TOKEN_FILTERS = ["active", "revoked", "all"] as const;
export type TokenFilter = (typeof TOKEN_FILTERS)[number];

const TOKEN_STATUS = sql.raw(
  "CASE WHEN t.revoked_at IS NOT NULL THEN 'revoked' WHEN a.ended_at IS NOT NULL THEN 'post_ended' ELSE 'active' END",
);

/** Tokens of posts in the viewer's scope, newest first, a page at a time. */
export async function listTokens(
  db: DbOrTx,
  viewer: Viewer,
  opts: { page?: number; filter?: TokenFilter } = {},
): Promise<{ rows: TokenRow[]; total: number; page: number; pages: number }> {
  if (!can(viewer, "tokens.manage")) return { rows: [], total: 0, page: 1, pages: 1 };
  const filter = opts.filter ?? "active";
  const status =
    filter === "active"
      ? sql`t.revoked_at IS NULL AND a.ended_at IS NULL`
      : filter === "revoked"
        ? sql`(t.revoked_at IS NOT NULL OR a.ended_at IS NOT NULL)`
        : sql`true`;
  const where = sql`${postInScope(viewer)} AND ${status}`;
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM api_tokens t JOIN appointments a ON a.id = t.appointment_id ${POST_JOINS} WHERE ${where}`,
  );
  const total = count?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / TOKEN_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1)), pages);
  const rows = await queryRows<TokenRow>(
    db,
    sql`SELECT t.id, t.token_prefix AS prefix, t.label, (extract(epoch FROM t.created_at) * 1000)::float8 AS "createdAt", u.name AS "createdByName",
               (extract(epoch FROM t.last_used_at) * 1000)::float8 AS "lastUsedAt",
               (extract(epoch FROM t.revoked_at) * 1000)::float8 AS "revokedAt", ${TOKEN_STATUS} AS status, ${POST_COLUMNS}
        FROM api_tokens t JOIN appointments a ON a.id = t.appointment_id JOIN workers w ON w.id = t.worker_id
          ${POST_JOINS} LEFT JOIN users u ON u.id = t.created_by
        WHERE ${where}
        ORDER BY t.created_at DESC, t.id DESC
        LIMIT ${TOKEN_PAGE_SIZE} OFFSET ${(page - 1) * TOKEN_PAGE_SIZE}`,
  );
  return { rows, total, page, pages };
}

export type RevokeResult = { ok: true; prefix: string } | { ok: false; code: "forbidden" | "not_found" | "already_revoked" };

/** Revokes a token of a post in the viewer's scope, with its audit event; the next request with it is a 401. */
export async function revokeToken(db: Db, viewer: Viewer, tokenId: number): Promise<RevokeResult> {
  if (!can(viewer, "tokens.manage")) return { ok: false, code: "forbidden" };
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: number; prefix: string; revoked_at: string | null; appointment_id: number; worker_id: number }>(
      tx,
      sql`SELECT t.id, t.token_prefix AS prefix, t.revoked_at, t.appointment_id, t.worker_id
          FROM api_tokens t JOIN appointments a ON a.id = t.appointment_id ${POST_JOINS}
          WHERE t.id = ${tokenId} AND ${postInScope(viewer)}
          FOR UPDATE OF t`,
    );
    if (!row) return { ok: false, code: "not_found" } as const;
    if (row.revoked_at !== null) return { ok: false, code: "already_revoked" } as const;
    await tx.execute(sql`UPDATE api_tokens SET revoked_at = now(), revoked_by = ${viewer.id} WHERE id = ${tokenId}`);
    await writeAudit(tx, viewer, {
      action: "tokens.revoke",
      entityType: "api_token",
      entityId: tokenId,
      before: { prefix: row.prefix, appointmentId: row.appointment_id, workerId: row.worker_id, revoked: false },
      after: { revoked: true },
    });
    return { ok: true, prefix: row.prefix } as const;
  });
}
