import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";
import { booths, cells } from "@/db/schema";
import { boothScope, inScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/viewer";
import type { GeoLevel } from "@/lib/geo/levels";
import { boothSearchText } from "@/lib/geo/booth-search";
import { boothsOf, type ProgressUnit } from "@/lib/geo/units";

/**
 * Sign-ups and posts of a unit's booths in the viewer's scope, read from counters (never by counting members), in
 * "cells": one per (assembly seat, district, block) with booths (db/schema/geo.ts `cells`), whose counters
 * triggers keep as the sums of their booths' counters. An AC in two districts is two or more cells, so each
 * district gets exactly its own booths; every unit above the booth is a union of whole cells. Progress and
 * targets add cells up into the units they show; lists of booths read booth counters (`loadBooths`).
 */

export interface Counts {
  booths: number;
  members: number;
  viaApp: number;
  viaBook: number;
  viaImport: number;
  sc: number;
  st: number;
  obc: number;
  gen: number;
  /** Of `members`, those with an open quality flag (still counted). */
  underReview: number;
  /** Sign-ups voided on review: not in `members` (nor in any other count here). */
  voided: number;
  /** Booths with an active IT-cell member. */
  covered: number;
  /** Booths with at least one active enroller. */
  enrollerBooths: number;
  /** Active enrollers. */
  enrollers: number;
}

export interface Cell extends Counts {
  pcId: number;
  acId: number;
  districtId: number;
  /** A booth read as a cell (`loadBooths`); null for a cell. */
  boothId: number | null;
  blockId: number | null;
  code: string | null;
  partNo: number | null;
  name: string | null;
  nameHi: string | null;
}

export const ZERO: Counts = {
  booths: 0,
  members: 0,
  viaApp: 0,
  viaBook: 0,
  viaImport: 0,
  sc: 0,
  st: 0,
  obc: 0,
  gen: 0,
  underReview: 0,
  voided: 0,
  covered: 0,
  enrollerBooths: 0,
  enrollers: 0,
};
const COUNT_KEYS = Object.keys(ZERO) as (keyof Counts)[];

export function add(into: Counts, c: Counts): Counts {
  for (const k of COUNT_KEYS) into[k] += c[k];
  return into;
}

type Row = Record<string, unknown>;
const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const nn = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const s = (v: unknown) => (v === null || v === undefined ? null : String(v));

const COUNTER_COLUMNS = sql.raw(`coalesce(c.members, 0) AS members, coalesce(c.via_app, 0) AS via_app,
    coalesce(c.via_book, 0) AS via_book, coalesce(c.via_import, 0) AS via_import, coalesce(c.cat_sc, 0) AS sc,
    coalesce(c.cat_st, 0) AS st, coalesce(c.cat_obc, 0) AS obc, coalesce(c.cat_gen, 0) AS gen,
    coalesce(r.under_review, 0) AS under_review, coalesce(c.voided, 0) AS voided`);

/** The cells table's column that names a unit of each level above the booth. */
export const CELL_UNIT_COLUMN = {
  state: cells.stateId,
  pc: cells.pcId,
  ac: cells.acId,
  district: cells.districtId,
  block: cells.blockId,
} as const;

/** The cells of a unit above the booth (the unaliased `cells` table). */
export function cellsOf(unit: { level: Exclude<GeoLevel, "booth">; id: number }): SQL {
  return eq(CELL_UNIT_COLUMN[unit.level], unit.id);
}

/** Cell rows (the unaliased `cells` table) in the viewer's area: a cell carries every key a booth does. */
export function cellScope(viewer: Viewer): SQL {
  return inScope(viewer, { stateId: cells.stateId, pcId: cells.pcId, acId: cells.acId, districtId: cells.districtId });
}

function toCell(r: Row): Cell {
  return {
    pcId: n(r.pc_id),
    acId: n(r.ac_id),
    districtId: n(r.district_id),
    boothId: nn(r.booth_id),
    blockId: nn(r.block_id),
    code: s(r.code),
    partNo: nn(r.part_no),
    name: s(r.name),
    nameHi: s(r.name_hi),
    booths: n(r.booths),
    members: n(r.members),
    viaApp: n(r.via_app),
    viaBook: n(r.via_book),
    viaImport: n(r.via_import),
    sc: n(r.sc),
    st: n(r.st),
    obc: n(r.obc),
    gen: n(r.gen),
    underReview: n(r.under_review),
    voided: n(r.voided),
    covered: n(r.covered),
    enrollerBooths: n(r.enroller_booths),
    enrollers: n(r.enrollers),
  };
}

/**
 * A unit's cells in the viewer's scope with their counters: a few hundred rows for a whole state, whatever its
 * number of booths (the cell counters are kept by triggers from the booth counters). A booth's page gets its
 * one booth as a cell. The joins name the state too, so that partitions (or Citus shards) by state are pruned
 * (docs/SCALE.md).
 */
export async function loadCells(db: DbOrTx, viewer: Viewer, unit: Pick<ProgressUnit, "level" | "id" | "stateId">): Promise<Cell[]> {
  if (unit.level === "booth") return loadBooths(db, viewer, unit);
  const rows = await queryRows<Row>(
    db,
    sql`SELECT ${cells.pcId} AS pc_id, ${cells.acId} AS ac_id, ${cells.districtId} AS district_id, ${cells.blockId} AS block_id,
               ${cells.booths} AS booths, ${COUNTER_COLUMNS},
               coalesce(p.covered, 0) AS covered, coalesce(p.enroller_booths, 0) AS enroller_booths, coalesce(p.enrollers, 0) AS enrollers
        FROM ${cells}
        LEFT JOIN cell_counters c ON c.cell_id = ${cells.id} AND c.state_id = ${cells.stateId}
        LEFT JOIN cell_review_counters r ON r.cell_id = ${cells.id} AND r.state_id = ${cells.stateId}
        LEFT JOIN cell_post_counters p ON p.cell_id = ${cells.id} AND p.state_id = ${cells.stateId}
        WHERE ${cellsOf({ level: unit.level, id: unit.id })} AND ${cells.stateId} = ${unit.stateId} AND ${cellScope(viewer)} AND ${cells.booths} > 0`,
  );
  return rows.map(toCell);
}

/** The booths of `unit` that the viewer may read. */
const boothsInScope = (viewer: Viewer, unit: Pick<ProgressUnit, "level" | "id" | "stateId">): SQL =>
  sql`${boothsOf(unit)} AND ${booths.stateId} = ${unit.stateId} AND ${boothScope(viewer)}`;

/** A booth row as a cell of its own, with its booth counters (the SELECT list and joins of the booth lists). */
const BOOTH_CELL_FROM = sql`SELECT ${booths.id} AS booth_id, ${booths.code} AS code, ${booths.partNo} AS part_no, ${booths.name} AS name,
               ${booths.nameHi} AS name_hi, ${booths.pcId} AS pc_id, ${booths.acId} AS ac_id,
               ${booths.districtId} AS district_id, ${booths.blockId} AS block_id, 1 AS booths, ${COUNTER_COLUMNS},
               (coalesce(p.it_members, 0) > 0)::int AS covered, (coalesce(p.enrollers, 0) > 0)::int AS enroller_booths,
               coalesce(p.enrollers, 0) AS enrollers
        FROM ${booths}
        LEFT JOIN booth_counters c ON c.booth_id = ${booths.id}
        LEFT JOIN booth_review_counters r ON r.booth_id = ${booths.id}
        LEFT JOIN booth_post_counters p ON p.booth_id = ${booths.id}`;

/**
 * A unit's booths in the viewer's scope, each as a cell of its own with its booth counters: for the lists of
 * booths (an assembly seat's, a district's or a block's page, and a district's targets), never for totals.
 */
export async function loadBooths(db: DbOrTx, viewer: Viewer, unit: Pick<ProgressUnit, "level" | "id" | "stateId">): Promise<Cell[]> {
  const rows = await queryRows<Row>(db, sql`${BOOTH_CELL_FROM} WHERE ${boothsInScope(viewer, unit)}`);
  return rows.map(toCell);
}

export interface BoothPage {
  cells: Cell[];
  /** Booths that answer the filter (all pages). */
  total: number;
  /** The page shown, 1-based, within 1…pageCount. */
  page: number;
  pageCount: number;
  pageSize: number;
  /** The filter the page answers: the block, and the search as read (`49-12` → `049-12`), or undefined. */
  blockId?: number;
  q?: string;
}

/**
 * One page of a unit's booths in the viewer's scope, in code order, narrowed to a block and to a booth search
 * (code prefix or part of the name): the long booth lists a page cannot send whole (a district has ~2,000).
 * The count is of booths, never of members.
 */
export async function pageBooths(
  db: DbOrTx,
  viewer: Viewer,
  unit: Pick<ProgressUnit, "level" | "id" | "stateId">,
  opts: { blockId?: number; q?: string; page: number; pageSize: number },
): Promise<BoothPage> {
  const q = boothSearchText(opts.q);
  const where = sql.join(
    [
      boothsInScope(viewer, unit),
      opts.blockId ? sql`${booths.blockId} = ${opts.blockId}` : undefined,
      q ? sql`(${booths.code} LIKE ${`${q}%`} OR ${booths.name} ILIKE ${`%${q}%`} OR ${booths.nameHi} ILIKE ${`%${q}%`})` : undefined,
    ].filter((c): c is SQL => c !== undefined),
    sql` AND `,
  );
  const [count] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${booths} WHERE ${where}`);
  const total = count?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / opts.pageSize));
  const page = Math.min(Math.max(opts.page, 1), pageCount);
  const rows =
    total === 0
      ? []
      : await queryRows<Row>(db, sql`${BOOTH_CELL_FROM} WHERE ${where} ORDER BY ${booths.code} LIMIT ${opts.pageSize} OFFSET ${(page - 1) * opts.pageSize}`);
  return { cells: rows.map(toCell), total, page, pageCount, pageSize: opts.pageSize, blockId: opts.blockId, q };
}

export function groupCells<K>(cells: readonly Cell[], key: (c: Cell) => K | null): Map<K, Counts> {
  const out = new Map<K, Counts>();
  for (const c of cells) {
    const k = key(c);
    if (k === null) continue;
    const acc = out.get(k) ?? { ...ZERO };
    add(acc, c);
    out.set(k, acc);
  }
  return out;
}
