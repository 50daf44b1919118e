import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";
import { booths, cells } from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer";
import { boothScope } from "@/lib/auth/scope";
import type { BoothLabel } from "@/lib/geo/levels";
import { cellScope } from "@/lib/geo/cells";

/**
 * Booth coverage: the share of booths with an active IT-cell member posted to the booth itself (a block-level
 * IT member does not cover a booth). Totals and the per-unit figures are sums over the scope's cells (each
 * cell's booth count and covered booths are kept by triggers, see lib/geo/cells.ts), so a parent's numbers are
 * exactly the sum of its booths' and the cost does not grow with the number of booths; the list of uncovered
 * booths reads booth rows, a page at a time.
 */
export type CoverageLevel = "pc" | "ac" | "district" | "block";

/** Levels that break the viewer's scope down (a district president sees its seats and blocks). */
export function coverageLevels(viewer: Viewer): CoverageLevel[] {
  switch (viewer.scope.level) {
    case "state":
      return ["pc", "ac", "district", "block"];
    case "pc":
      return ["ac", "district", "block"];
    case "ac":
      return ["district", "block"];
    case "district":
      return ["ac", "block"];
  }
}

/** The scope's cells with their booth count and covered booths. */
const scopedCells = (viewer: Viewer) => sql`${cells} LEFT JOIN cell_post_counters p ON p.cell_id = ${cells.id}
  WHERE ${cellScope(viewer)} AND ${cells.booths} > 0`;

export interface CoverageTotals {
  booths: number;
  covered: number;
}

export async function coverageTotals(db: DbOrTx, viewer: Viewer): Promise<CoverageTotals> {
  const [row] = await queryRows<CoverageTotals>(
    db,
    sql`SELECT coalesce(sum(${cells.booths}), 0)::int AS booths, coalesce(sum(p.covered), 0)::int AS covered FROM ${scopedCells(viewer)}`,
  );
  return { booths: row?.booths ?? 0, covered: row?.covered ?? 0 };
}

export interface CoverageRow {
  id: number;
  /** PC/AC number, district slug or block id. */
  key: string;
  no: number | null;
  name: string;
  nameHi: string | null;
  /** The district of a block. */
  parentName: string | null;
  parentNameHi: string | null;
  booths: number;
  covered: number;
  /** covered / booths (0 when there are no booths). */
  share: number;
}

const groupColumn: Record<CoverageLevel, SQL> = {
  pc: sql`${cells.pcId}`,
  ac: sql`${cells.acId}`,
  district: sql`${cells.districtId}`,
  block: sql`${cells.blockId}`,
};

const unitJoin: Record<CoverageLevel, SQL> = {
  pc: sql`SELECT id, no::text AS key, no, name, name_hi, NULL::text AS parent_name, NULL::text AS parent_name_hi FROM lok_sabha_seats`,
  ac: sql`SELECT id, no::text AS key, no, name, name_hi, NULL::text AS parent_name, NULL::text AS parent_name_hi FROM assembly_seats`,
  district: sql`SELECT id, slug AS key, NULL::int AS no, name, name_hi, NULL::text AS parent_name, NULL::text AS parent_name_hi FROM districts`,
  block: sql`SELECT bl.id, bl.id::text AS key, NULL::int AS no, bl.name, bl.name_hi, d.name AS parent_name, d.name_hi AS parent_name_hi
    FROM blocks bl JOIN districts d ON d.id = bl.district_id`,
};

export type CoverageSort = "name" | "booths" | "covered" | "uncovered" | "share";

/**
 * Coverage per unit of `level` inside the viewer's scope (only the scope's booths count: an AC that lies in
 * two districts shows a district president the part in their district). Booths without a block are left
 * out of the per-block figures.
 */
export async function coverageBy(
  db: DbOrTx,
  viewer: Viewer,
  level: CoverageLevel,
  sort: CoverageSort = "share",
  dir: "asc" | "desc" = "asc",
): Promise<CoverageRow[]> {
  const col = groupColumn[level];
  const rows = await queryRows<Omit<CoverageRow, "share">>(
    db,
    sql`SELECT u.id, u.key, u.no, u.name, u.name_hi AS "nameHi", u.parent_name AS "parentName", u.parent_name_hi AS "parentNameHi",
        x.booths, x.covered
      FROM (SELECT ${col} AS unit_id, sum(${cells.booths})::int AS booths, coalesce(sum(p.covered), 0)::int AS covered
            FROM ${scopedCells(viewer)} AND ${col} IS NOT NULL
            GROUP BY ${col}) x
      JOIN (${unitJoin[level]}) u ON u.id = x.unit_id`,
  );
  const withShare = rows.map((r) => ({ ...r, share: r.booths > 0 ? r.covered / r.booths : 0 }));
  const order = dir === "desc" ? -1 : 1;
  const byName = (a: CoverageRow, b: CoverageRow) =>
    (a.no ?? 0) - (b.no ?? 0) || (a.parentName ?? "").localeCompare(b.parentName ?? "") || a.name.localeCompare(b.name);
  const value: Record<Exclude<CoverageSort, "name">, (r: CoverageRow) => number> = {
    booths: (r) => r.booths,
    covered: (r) => r.covered,
    uncovered: (r) => r.booths - r.covered,
    share: (r) => r.share,
  };
  return withShare.sort((a, b) => (sort === "name" ? byName(a, b) * order : (value[sort](a) - value[sort](b)) * order || byName(a, b)));
}

export interface UncoveredBooth extends BoothLabel {
  id: number;
  pcNo: number;
  pcName: string;
  districtName: string;
  districtNameHi: string | null;
  blockName: string | null;
  blockNameHi: string | null;
}

export interface UncoveredFilter {
  acId?: number;
  districtId?: number;
  blockId?: number;
}

function uncoveredWhere(viewer: Viewer, f: UncoveredFilter): SQL {
  return sql.join(
    [
      boothScope(viewer),
      sql`NOT EXISTS (SELECT 1 FROM appointments a WHERE a.booth_id = ${booths.id} AND a.role = 'it_member' AND a.ended_at IS NULL)`,
      f.acId ? sql`${booths.acId} = ${f.acId}` : undefined,
      f.districtId ? sql`${booths.districtId} = ${f.districtId}` : undefined,
      f.blockId ? sql`${booths.blockId} = ${f.blockId}` : undefined,
    ].filter((c): c is SQL => c !== undefined),
    sql` AND `,
  );
}

const uncoveredSelect = sql`SELECT ${booths.id} AS id, ${booths.code} AS code, ${booths.name} AS name, ${booths.nameHi} AS "nameHi",
    s.no AS "acNo", s.name AS "acName", s.name_hi AS "acNameHi", p.no AS "pcNo", p.name AS "pcName",
    d.name AS "districtName", d.name_hi AS "districtNameHi", bl.name AS "blockName", bl.name_hi AS "blockNameHi"
  FROM ${booths}
  JOIN assembly_seats s ON s.id = ${booths.acId}
  JOIN lok_sabha_seats p ON p.id = ${booths.pcId}
  JOIN districts d ON d.id = ${booths.districtId}
  LEFT JOIN blocks bl ON bl.id = ${booths.blockId}`;

/** Booths in scope without an IT-cell member, in seat and part order, one page at a time. */
export async function uncoveredBooths(
  db: DbOrTx,
  viewer: Viewer,
  filter: UncoveredFilter,
  page = 1,
  pageSize = 50,
): Promise<{ rows: UncoveredBooth[]; total: number; page: number; pageCount: number }> {
  const where = uncoveredWhere(viewer, filter);
  const [count] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${booths} WHERE ${where}`);
  const total = count?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const p = Math.min(Math.max(page, 1), pageCount);
  const rows = await queryRows<UncoveredBooth>(
    db,
    sql`${uncoveredSelect} WHERE ${where} ORDER BY s.no, ${booths.partNo} LIMIT ${pageSize} OFFSET ${(p - 1) * pageSize}`,
  );
  return { rows, total, page: p, pageCount };
}

/** Every uncovered booth in scope (for the CSV download: at most a state's ~25,000 rows). */
export async function allUncoveredBooths(db: DbOrTx, viewer: Viewer, filter: UncoveredFilter): Promise<UncoveredBooth[]> {
  return queryRows<UncoveredBooth>(db, sql`${uncoveredSelect} WHERE ${uncoveredWhere(viewer, filter)} ORDER BY s.no, ${booths.partNo}`);
}
