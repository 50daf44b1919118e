import "server-only";
import { boothSearchText } from "@/lib/geo/booth-search";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";
import { booths, type AppointmentRole, type UnitLevel } from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer";
import { maskEpic, maskPhone } from "@/lib/validation/mask";
import { holderLimit, postRule, type PostRule } from "@/lib/appointments/posts";
import { appointmentInScope, boothScope, unitIdsInScope, unitInScope } from "@/lib/auth/scope";
import { trainedSql, unitColumn } from "@/lib/appointments/sql";
import { unitByKey, type UnitRow } from "@/lib/geo/queries";

/**
 * A post holder as pages show them: the worker's phone and EPIC masked like members' (lib/validation/mask.ts);
 * the full values leave the server only through an audited reveal (reveal.ts).
 */
export interface Holder {
  appointmentId: number;
  workerId: number;
  name: string;
  phoneMasked: string;
  epicMasked: string | null;
  /** ISO instant. */
  appointedAt: string;
  appointedBy: string | null;
  /** Null where training does not apply (only chief enrollers are trained). */
  trained: boolean | null;
}

export interface UnitPosts extends UnitRow {
  holders: Holder[];
}

export type PostFilter = "all" | "vacant" | "untrained";

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

interface HolderRow {
  appointment_id: number | null;
  worker_id: number | null;
  worker_name: string | null;
  phone: string | null;
  epic: string | null;
  appointed_at: unknown;
  appointed_by: string | null;
  trained: boolean | null;
}

function holderOf(r: HolderRow): Holder | null {
  if (r.appointment_id === null || r.worker_id === null) return null;
  return {
    appointmentId: r.appointment_id,
    workerId: r.worker_id,
    name: r.worker_name ?? "",
    phoneMasked: r.phone ? maskPhone(r.phone) : "",
    epicMasked: r.epic ? maskEpic(r.epic) : null,
    appointedAt: iso(r.appointed_at),
    appointedBy: r.appointed_by,
    trained: r.trained,
  };
}

const holderColumns = (role: AppointmentRole): SQL =>
  sql`a.id AS appointment_id, w.id AS worker_id, w.name AS worker_name, w.phone, w.epic, a.appointed_at,
      usr.name AS appointed_by,
      ${role === "chief_enroller" ? sql`CASE WHEN w.id IS NULL THEN NULL ELSE ${trainedSql(sql`w.id`)} END` : sql`NULL::boolean`} AS trained`;

/** The units of a (non-booth) level in scope, as rows `id, key, sort_no, name, name_hi, parent_name, parent_name_hi`. */
function unitsSql(viewer: Viewer, level: Exclude<UnitLevel, "booth">, districtId?: number): SQL {
  const ids = unitIdsInScope(viewer, level);
  switch (level) {
    case "pc":
      return sql`SELECT p.id, p.no::text AS key, p.no AS sort_no, p.name, p.name_hi, NULL::text AS parent_name, NULL::text AS parent_name_hi
        FROM lok_sabha_seats p WHERE p.id IN (${ids})`;
    case "ac":
      return sql`SELECT s.id, s.no::text AS key, s.no AS sort_no, s.name, s.name_hi, p.name AS parent_name, p.name_hi AS parent_name_hi
        FROM assembly_seats s JOIN lok_sabha_seats p ON p.id = s.pc_id
        WHERE s.id IN (${ids}) ${districtId ? sql`AND s.id IN (SELECT ac_id FROM assembly_seat_districts WHERE district_id = ${districtId})` : sql``}`;
    case "district":
      return sql`SELECT d.id, d.slug AS key, 0 AS sort_no, d.name, d.name_hi, NULL::text AS parent_name, NULL::text AS parent_name_hi
        FROM districts d WHERE d.id IN (${ids}) ${districtId ? sql`AND d.id = ${districtId}` : sql``}`;
    case "block":
      return sql`SELECT bl.id, bl.id::text AS key, 0 AS sort_no, bl.name, bl.name_hi, d.name AS parent_name, d.name_hi AS parent_name_hi
        FROM blocks bl JOIN districts d ON d.id = bl.district_id
        WHERE bl.id IN (${ids}) ${districtId ? sql`AND bl.district_id = ${districtId}` : sql``}`;
  }
}

function applyFilter(rows: UnitPosts[], show: PostFilter): UnitPosts[] {
  if (show === "vacant") return rows.filter((r) => r.holders.length === 0);
  if (show === "untrained") return rows.filter((r) => r.holders.some((h) => h.trained === false));
  return rows;
}

function groupUnits(level: UnitLevel, rows: (HolderRow & Record<string, unknown>)[]): UnitPosts[] {
  const out: UnitPosts[] = [];
  const byId = new Map<number, UnitPosts>();
  for (const r of rows) {
    const id = Number(r.id);
    let unit = byId.get(id);
    if (!unit) {
      unit = {
        level,
        id,
        key: String(r.key),
        name: String(r.name),
        nameHi: (r.name_hi as string | null) ?? null,
        parentName: (r.parent_name as string | null) ?? null,
        parentNameHi: (r.parent_name_hi as string | null) ?? null,
        holders: [],
      };
      byId.set(id, unit);
      out.push(unit);
    }
    const h = holderOf(r);
    if (h) unit.holders.push(h);
  }
  return out;
}

/**
 * The posts of a role at a non-booth level (PC, AC, district, block) in the viewer's scope, with their
 * active holders. These lists are short (at most a state's 146 blocks), so they are not paginated.
 */
export async function listUnitPosts(
  db: DbOrTx,
  viewer: Viewer,
  opts: { role: AppointmentRole; level: Exclude<UnitLevel, "booth">; districtId?: number; show?: PostFilter },
): Promise<UnitPosts[]> {
  const rows = await queryRows<HolderRow & Record<string, unknown>>(
    db,
    sql`SELECT u.*, ${holderColumns(opts.role)}
      FROM (${unitsSql(viewer, opts.level, opts.districtId)}) u
      LEFT JOIN appointments a ON a.role = ${opts.role} AND a.ended_at IS NULL AND a.${unitColumn(opts.level)} = u.id
      LEFT JOIN workers w ON w.id = a.worker_id
      LEFT JOIN users usr ON usr.id = a.appointed_by
      ORDER BY u.parent_name NULLS FIRST, u.sort_no, u.name, a.appointed_at`,
  );
  return applyFilter(groupUnits(opts.level, rows), opts.show ?? "all");
}

export interface BoothPosts extends UnitPosts {
  acNo: number;
  blockName: string | null;
  blockNameHi: string | null;
}

export interface BoothListOptions {
  role: AppointmentRole;
  districtId?: number;
  blockId?: number;
  acId?: number;
  /** Booth code prefix or part of the booth's name. */
  q?: string;
  show?: "all" | "vacant";
  sort?: "code" | "holders";
  dir?: "asc" | "desc";
  page?: number;
  pageSize?: number;
}

export interface Paged<T> {
  rows: T[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

/** Booths in scope with their holders of `role`, filtered, sorted and paginated in SQL (~25,000 booths). */
export async function listBoothPosts(db: DbOrTx, viewer: Viewer, opts: BoothListOptions): Promise<Paged<BoothPosts>> {
  const pageSize = Math.min(Math.max(opts.pageSize ?? 50, 1), 200);
  const activeHere = sql`SELECT 1 FROM appointments a WHERE a.booth_id = ${booths.id} AND a.role = ${opts.role} AND a.ended_at IS NULL`;
  const q = boothSearchText(opts.q);
  const where = sql.join(
    [
      boothScope(viewer),
      opts.districtId ? sql`${booths.districtId} = ${opts.districtId}` : undefined,
      opts.blockId ? sql`${booths.blockId} = ${opts.blockId}` : undefined,
      opts.acId ? sql`${booths.acId} = ${opts.acId}` : undefined,
      q ? sql`(${booths.code} LIKE ${`${q}%`} OR ${booths.name} ILIKE ${`%${q}%`})` : undefined,
      opts.show === "vacant" ? sql`NOT EXISTS (${activeHere})` : undefined,
    ].filter((c): c is SQL => c !== undefined),
    sql` AND `,
  );
  const [count] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${booths} WHERE ${where}`);
  const total = count?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(opts.page ?? 1, 1), pageCount);
  const dir = opts.dir === "desc" ? sql`DESC` : sql`ASC`;
  const order =
    opts.sort === "holders"
      ? sql`holders ${dir}, s.no, ${booths.partNo}`
      : sql`s.no ${dir}, ${booths.partNo} ${dir}`;
  const boothRows = await queryRows<{
    id: number;
    code: string;
    name: string;
    name_hi: string | null;
    ac_no: number;
    district_name: string;
    district_name_hi: string | null;
    block_name: string | null;
    block_name_hi: string | null;
  }>(
    db,
    sql`SELECT ${booths.id} AS id, ${booths.code} AS code, ${booths.name} AS name, ${booths.nameHi} AS name_hi, s.no AS ac_no,
        d.name AS district_name, d.name_hi AS district_name_hi, bl.name AS block_name, bl.name_hi AS block_name_hi,
        (SELECT count(*)::int FROM appointments a WHERE a.booth_id = ${booths.id} AND a.role = ${opts.role} AND a.ended_at IS NULL) AS holders
      FROM ${booths}
      JOIN assembly_seats s ON s.id = ${booths.acId}
      JOIN districts d ON d.id = ${booths.districtId}
      LEFT JOIN blocks bl ON bl.id = ${booths.blockId}
      WHERE ${where}
      ORDER BY ${order}
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  );
  const ids = boothRows.map((b) => b.id);
  const holders = ids.length
    ? await queryRows<HolderRow & { booth_id: number }>(
        db,
        sql`SELECT a.booth_id, ${holderColumns(opts.role)}
          FROM appointments a JOIN workers w ON w.id = a.worker_id LEFT JOIN users usr ON usr.id = a.appointed_by
          WHERE a.role = ${opts.role} AND a.ended_at IS NULL AND a.booth_id = ANY(${sql.param(ids)}::int[])
          ORDER BY a.appointed_at`,
      )
    : [];
  const byBooth = new Map<number, Holder[]>();
  for (const h of holders) {
    const holder = holderOf(h);
    if (holder) byBooth.set(h.booth_id, [...(byBooth.get(h.booth_id) ?? []), holder]);
  }
  return {
    total,
    page,
    pageCount,
    pageSize,
    rows: boothRows.map((b) => ({
      level: "booth",
      id: b.id,
      key: b.code,
      name: b.name,
      nameHi: b.name_hi,
      parentName: b.district_name,
      parentNameHi: b.district_name_hi,
      acNo: b.ac_no,
      blockName: b.block_name,
      blockNameHi: b.block_name_hi,
      holders: byBooth.get(b.id) ?? [],
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------
// One post

export interface HistoryEntry extends Holder {
  endedAt: string | null;
  endedBy: string | null;
  endedReason: string | null;
}

export interface PostDetail {
  rule: PostRule;
  limit: number;
  unit: UnitRow;
  holders: Holder[];
  /** Every appointment to this post, newest first (history is never deleted). */
  history: HistoryEntry[];
  /**
   * Whether the unit lies wholly inside the viewer's area (write scope). A unit that only overlaps it (a seat
   * in two districts, a district crossing a seat's border) is shown, but its posts cannot be changed here.
   */
  writable: boolean;
}

const historyColumns = sql`a.id AS appointment_id, w.id AS worker_id, w.name AS worker_name, w.phone, w.epic, a.appointed_at,
  usr.name AS appointed_by, a.ended_at, ender.name AS ended_by, a.ended_reason`;

/**
 * A post (role × unit) with its holders and its whole history, or null when the unit does not exist or is
 * outside the viewer's scope (the page answers 404 either way, so nothing leaks about other districts).
 */
export async function loadPost(db: DbOrTx, viewer: Viewer, role: AppointmentRole, level: UnitLevel, key: string): Promise<PostDetail | null> {
  const rule = postRule(role, level);
  if (!rule) return null;
  const unit = await unitByKey(db, viewer.scope.stateId, level, key);
  if (!unit || !(await unitInScope(db, viewer, { level, id: unit.id }, "read"))) return null;
  const writable = await unitInScope(db, viewer, { level, id: unit.id }, "write");
  const rows = await queryRows<HolderRow & { ended_at: unknown; ended_by: string | null; ended_reason: string | null }>(
    db,
    sql`SELECT ${historyColumns},
        ${role === "chief_enroller" ? trainedSql(sql`w.id`) : sql`NULL::boolean`} AS trained
      FROM appointments a JOIN workers w ON w.id = a.worker_id
      LEFT JOIN users usr ON usr.id = a.appointed_by
      LEFT JOIN users ender ON ender.id = a.ended_by
      WHERE a.role = ${role} AND a.${unitColumn(level)} = ${unit.id} AND a.state_id = ${viewer.scope.stateId}
      ORDER BY a.appointed_at DESC, a.id DESC`,
  );
  const history: HistoryEntry[] = rows.map((r) => ({
    ...holderOf(r)!,
    endedAt: r.ended_at === null ? null : iso(r.ended_at),
    endedBy: r.ended_by,
    endedReason: r.ended_reason,
  }));
  return {
    rule,
    limit: holderLimit(rule),
    unit,
    holders: history.filter((h) => h.endedAt === null).reverse(),
    history,
    writable,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Workers

/** A worker found by the search on a post page: the phone masked, enough to tell two namesakes apart. */
export interface WorkerHit {
  id: number;
  name: string;
  phoneMasked: string;
}

const workerHit = (r: { id: number; name: string; phone: string }): WorkerHit => ({ id: r.id, name: r.name, phoneMasked: maskPhone(r.phone) });

/**
 * Workers the viewer knows — who hold or held a post inside the viewer's scope — matching a phone prefix or
 * part of a name. Keeps a district president from looking up people of other districts.
 */
export async function searchWorkers(db: DbOrTx, viewer: Viewer, query: string, limit = 10): Promise<WorkerHit[]> {
  const q = query.trim().replace(/[%_\\]/g, "");
  if (q.length < 2) return [];
  // "+91 98765…" and "098765…" are searched without the country or trunk prefix the stored number lacks.
  const digits = q.replace(/^\+91|^0(?=[0-9])/, "").replace(/\D/g, "");
  const match =
    digits.length >= 3 && /^[+0-9\s-]+$/.test(q)
      ? sql`w.phone LIKE ${`%${digits.slice(-10)}%`}`
      : sql`w.name ILIKE ${`%${q}%`}`;
  const rows = await queryRows<{ id: number; name: string; phone: string }>(
    db,
    sql`SELECT w.id, w.name, w.phone FROM workers w
      WHERE w.state_id = ${viewer.scope.stateId} AND ${match}
        AND EXISTS (SELECT 1 FROM appointments a WHERE a.worker_id = w.id AND ${appointmentInScope(viewer)})
      ORDER BY w.name, w.id LIMIT ${limit}`,
  );
  return rows.map(workerHit);
}

/** Is the worker known to the viewer (see searchWorkers)? A picked worker id comes from the form. */
export async function workerVisible(db: DbOrTx, viewer: Viewer, workerId: number): Promise<WorkerHit | null> {
  const [row] = await queryRows<{ id: number; name: string; phone: string }>(
    db,
    sql`SELECT w.id, w.name, w.phone FROM workers w
      WHERE w.id = ${workerId} AND w.state_id = ${viewer.scope.stateId}
        AND EXISTS (SELECT 1 FROM appointments a WHERE a.worker_id = w.id AND ${appointmentInScope(viewer)})`,
  );
  return row ? workerHit(row) : null;
}

// ---------------------------------------------------------------------------------------------------------
// Summaries (for this page's cards and the overview)

export interface EnrollerSummary {
  /** Chief-enroller posts in scope: one per district and one per block. */
  chiefPosts: number;
  chiefAppointed: number;
  /** Appointed chief enrollers who attended every day of a training session. */
  chiefTrained: number;
  booths: number;
  boothsWithEnroller: number;
  /** Active booth enrollers. */
  enrollers: number;
}

/**
 * Enrollers appointed and trained in the viewer's scope: for the overview cards ("enrollers appointed /
 * trained") and the head of /enrollers. Booth-level figures are one pass over the scope's booth rows.
 */
export async function enrollerSummary(db: DbOrTx, viewer: Viewer): Promise<EnrollerSummary> {
  const [chiefs] = await queryRows<{ posts: number; appointed: number; trained: number }>(
    db,
    sql`WITH units AS (
        SELECT 'district' AS level, id FROM districts WHERE id IN (${unitIdsInScope(viewer, "district")})
        UNION ALL SELECT 'block', id FROM blocks WHERE id IN (${unitIdsInScope(viewer, "block")})
      ), held AS (
        SELECT a.worker_id FROM units u JOIN appointments a ON a.role = 'chief_enroller' AND a.ended_at IS NULL
          AND ((u.level = 'district' AND a.district_id = u.id) OR (u.level = 'block' AND a.block_id = u.id))
      )
      SELECT (SELECT count(*)::int FROM units) AS posts,
             (SELECT count(*)::int FROM held) AS appointed,
             (SELECT count(*)::int FROM held h WHERE ${trainedSql(sql`h.worker_id`)}) AS trained`,
  );
  const [boothRow] = await queryRows<{ booths: number; with_enroller: number; enrollers: number }>(
    db,
    sql`SELECT count(*)::int AS booths, count(e.booth_id)::int AS with_enroller, coalesce(sum(e.n), 0)::int AS enrollers
      FROM ${booths}
      LEFT JOIN (SELECT booth_id, count(*) AS n FROM appointments WHERE role = 'enroller' AND ended_at IS NULL GROUP BY booth_id) e
        ON e.booth_id = ${booths.id}
      WHERE ${boothScope(viewer)}`,
  );
  return {
    chiefPosts: chiefs?.posts ?? 0,
    chiefAppointed: chiefs?.appointed ?? 0,
    chiefTrained: chiefs?.trained ?? 0,
    booths: boothRow?.booths ?? 0,
    boothsWithEnroller: boothRow?.with_enroller ?? 0,
    enrollers: boothRow?.enrollers ?? 0,
  };
}

export interface ItCellSummary {
  presidents: Record<"pc" | "ac" | "district", { posts: number; filled: number }>;
  blockMembers: number;
}

/** IT-cell presidents filled per level and block members, in the viewer's scope. */
export async function itCellSummary(db: DbOrTx, viewer: Viewer): Promise<ItCellSummary> {
  const levels = ["pc", "ac", "district"] as const;
  const presidents = {} as ItCellSummary["presidents"];
  for (const level of levels) {
    const [r] = await queryRows<{ posts: number; filled: number }>(
      db,
      sql`SELECT count(*)::int AS posts, count(a.id)::int AS filled
        FROM (${unitIdsInScope(viewer, level)}) u(id)
        LEFT JOIN appointments a ON a.role = 'it_president' AND a.ended_at IS NULL AND a.${unitColumn(level)} = u.id`,
    );
    presidents[level] = { posts: r?.posts ?? 0, filled: r?.filled ?? 0 };
  }
  const [m] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM appointments a
      WHERE a.role = 'it_member' AND a.ended_at IS NULL AND a.block_id IN (${unitIdsInScope(viewer, "block")})`,
  );
  return { presidents, blockMembers: m?.n ?? 0 };
}
