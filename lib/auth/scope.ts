import { and, eq, inArray, sql, type Column, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";
import { assemblySeats, booths, type ScopeLevel } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { ScopeUnit, Viewer } from "@/lib/auth/viewer";
import type { GeoLevel } from "@/lib/geo/levels";

/**
 * The one place that decides whether a unit is in a viewer's area. A viewer's scope is the state, a Lok Sabha
 * seat (PC), an assembly seat (AC) or a district; the two hierarchies (state → PC → AC → booth and
 * state → district → block → booth) meet only at the booth, and an AC can lie in two districts. So "in the
 * area" has two meanings:
 *
 * - **read**: the unit overlaps the area. Pages show the part inside (a Koriya president sees the Koriya part
 *   of a seat that also lies in another district).
 * - **write**: the unit lies wholly inside the area. Every appointment, target, training, token, member and
 *   import write uses it: an assembly-seat IT head may not end a district's president, because most of the
 *   district is outside the seat.
 *
 * Where the structure says it (AC ↔ district through assembly_seat_districts, AC → PC) the structure decides;
 * blocks relate to seats only through their booths, so a block is inside a seat when it has booths and all
 * of them are in the seat. Units of another state are never in scope.
 */
export type ScopeMode = "read" | "write";

export interface UnitRef {
  level: GeoLevel;
  id: number;
}

/** The columns through which a booth-level row can be placed in the geography. */
export interface ScopeColumns {
  stateId: Column;
  pcId?: Column;
  acId?: Column;
  districtId?: Column;
}

/**
 * The row filter every query over booth-level rows applies: rows of the viewer's state and, below state level,
 * of the viewer's PC, AC or district. A booth has exactly one of each, so read and write agree here. Throws
 * when a table cannot be filtered at the viewer's level, so a missing column fails loudly instead of showing
 * another district's rows.
 */
export function inScope(viewer: Viewer, cols: ScopeColumns): SQL {
  const state = eq(cols.stateId, viewer.scope.stateId);
  const { level, id } = viewer.scope;
  switch (level) {
    case "state":
      return state;
    case "district":
      if (!cols.districtId) throw new Error("inScope: this table has no district column");
      return and(state, eq(cols.districtId, id))!;
    case "ac":
      if (!cols.acId) throw new Error("inScope: this table has no AC column");
      return and(state, eq(cols.acId, id))!;
    case "pc":
      if (cols.pcId) return and(state, eq(cols.pcId, id))!;
      if (cols.acId) {
        return and(state, inArray(cols.acId, sql`(SELECT ${assemblySeats.id} FROM ${assemblySeats} WHERE ${assemblySeats.pcId} = ${id})`))!;
      }
      throw new Error("inScope: this table has neither a PC nor an AC column");
  }
}

/** Booth rows (the unaliased `booths` table) in the viewer's area. */
export function boothScope(viewer: Viewer): SQL {
  return inScope(viewer, { stateId: booths.stateId, pcId: booths.pcId, acId: booths.acId, districtId: booths.districtId });
}

/** Is a booth in a scope unit? Pure: a booth carries the keys of every level, so read and write agree. */
export function boothInScope(booth: { stateId: number; pcId: number; acId: number; districtId: number }, scope: ScopeUnit): boolean {
  if (booth.stateId !== scope.stateId) return false;
  switch (scope.level) {
    case "state":
      return true;
    case "pc":
      return booth.pcId === scope.id;
    case "ac":
      return booth.acId === scope.id;
    case "district":
      return booth.districtId === scope.id;
  }
}

/** The booths column of a scope level (names from code, never from input). */
function boothCol(level: Exclude<ScopeLevel, "state">): SQL {
  return sql.raw(level === "pc" ? "pc_id" : level === "ac" ? "ac_id" : "district_id");
}

/**
 * A subquery of the ids of the units of `level` in the viewer's area, read (overlapping) or write (wholly
 * inside), each row's column named `id`. Lists use it so that they show exactly the units their pages open and their actions accept.
 */
export function unitIdsInScope(viewer: Viewer, level: Exclude<GeoLevel, "state">, mode: ScopeMode = "read"): SQL {
  const { level: scope, id: s, stateId } = viewer.scope;
  if (scope === "state") {
    const table = { pc: "lok_sabha_seats", ac: "assembly_seats", district: "districts", block: "blocks", booth: "booths" }[level];
    return sql`SELECT id FROM ${sql.raw(table)} WHERE state_id = ${stateId}`;
  }
  if (level === "booth") return sql`SELECT id FROM booths WHERE state_id = ${stateId} AND ${boothCol(scope)} = ${s}`;
  if (level === scope) return sql`SELECT id FROM ${sql.raw({ pc: "lok_sabha_seats", ac: "assembly_seats", district: "districts" }[scope])} WHERE id = ${s} AND state_id = ${stateId}`;
  const write = mode === "write";
  switch (level) {
    case "block":
      if (scope === "district") return sql`SELECT id FROM blocks WHERE district_id = ${s} AND state_id = ${stateId}`;
      // Blocks meet seats only through booths: inside when it has booths and (write) all of them are in the seat.
      return write
        ? sql`SELECT bl.id FROM blocks bl WHERE bl.state_id = ${stateId}
              AND EXISTS (SELECT 1 FROM booths b WHERE b.block_id = bl.id AND b.${boothCol(scope)} = ${s})
              AND NOT EXISTS (SELECT 1 FROM booths b WHERE b.block_id = bl.id AND b.${boothCol(scope)} <> ${s})`
        : sql`SELECT bl.id FROM blocks bl WHERE bl.state_id = ${stateId}
              AND EXISTS (SELECT 1 FROM booths b WHERE b.block_id = bl.id AND b.${boothCol(scope)} = ${s})`;
    case "ac":
      if (scope === "pc") return sql`SELECT id FROM assembly_seats WHERE pc_id = ${s} AND state_id = ${stateId}`;
      // scope = district: the seat touches the district (read) or lies in no other district (write).
      return write
        ? sql`SELECT x.ac_id AS id FROM assembly_seat_districts x WHERE x.district_id = ${s}
              AND NOT EXISTS (SELECT 1 FROM assembly_seat_districts o WHERE o.ac_id = x.ac_id AND o.district_id <> ${s})`
        : sql`SELECT ac_id AS id FROM assembly_seat_districts WHERE district_id = ${s}`;
    case "district": {
      // scope = PC or AC: the district's seats (through assembly_seat_districts) meet the scope, or (write) all lie in it.
      const seatIn = scope === "pc" ? sql`a.pc_id = ${s}` : sql`a.id = ${s}`;
      return write
        ? sql`SELECT d.id FROM districts d WHERE d.state_id = ${stateId}
              AND EXISTS (SELECT 1 FROM assembly_seat_districts x JOIN assembly_seats a ON a.id = x.ac_id WHERE x.district_id = d.id AND ${seatIn})
              AND NOT EXISTS (SELECT 1 FROM assembly_seat_districts x JOIN assembly_seats a ON a.id = x.ac_id WHERE x.district_id = d.id AND NOT (${seatIn}))`
        : sql`SELECT x.district_id AS id FROM assembly_seat_districts x JOIN assembly_seats a ON a.id = x.ac_id WHERE ${seatIn}`;
    }
    case "pc": {
      // scope = AC or district: the PC's seats meet the scope, or (write) all lie in it.
      const seatIn =
        scope === "ac"
          ? sql`a.id = ${s}`
          : write
            ? sql`a.id IN (${unitIdsInScope(viewer, "ac", "write")})`
            : sql`a.id IN (${unitIdsInScope(viewer, "ac", "read")})`;
      return write
        ? sql`SELECT p.id FROM lok_sabha_seats p WHERE p.state_id = ${stateId}
              AND EXISTS (SELECT 1 FROM assembly_seats a WHERE a.pc_id = p.id AND ${seatIn})
              AND NOT EXISTS (SELECT 1 FROM assembly_seats a WHERE a.pc_id = p.id AND NOT (${seatIn}))`
        : sql`SELECT a.pc_id AS id FROM assembly_seats a WHERE a.state_id = ${stateId} AND ${seatIn}`;
    }
  }
  throw new Error(`unitIdsInScope: ${level} in a ${scope} scope`);
}

const TABLES: Record<Exclude<GeoLevel, "state">, string> = {
  pc: "lok_sabha_seats",
  ac: "assembly_seats",
  district: "districts",
  block: "blocks",
  booth: "booths",
};

/**
 * Is the unit in the viewer's area (read: overlapping; write: wholly inside)? The unit comes from a URL or a
 * form, the scope from the session. The same subquery as the lists, so a list never offers what is refused.
 */
export async function unitInScope(db: DbOrTx, viewer: Viewer, unit: UnitRef, mode: ScopeMode): Promise<boolean> {
  if (!Number.isSafeInteger(unit.id) || unit.id <= 0) return false;
  if (unit.level === "state") return viewer.scope.level === "state" && unit.id === viewer.scope.stateId;
  const rows = await queryRows(
    db,
    sql`SELECT 1 AS ok FROM ${sql.raw(TABLES[unit.level])} u WHERE u.id = ${unit.id} AND u.id IN (${unitIdsInScope(viewer, unit.level, mode)})`,
  );
  return rows.length > 0;
}

/**
 * Appointments (alias `a`) whose unit is in the viewer's area: a worker is "known" to a viewer when they hold
 * or held a post there (read), or may be acted on there (write).
 */
export function appointmentInScope(viewer: Viewer, mode: ScopeMode = "read"): SQL {
  if (viewer.scope.level === "state") return sql`a.state_id = ${viewer.scope.stateId}`;
  return sql`(a.booth_id IN (${unitIdsInScope(viewer, "booth", mode)})
    OR a.block_id IN (${unitIdsInScope(viewer, "block", mode)})
    OR a.district_id IN (${unitIdsInScope(viewer, "district", mode)})
    OR a.ac_id IN (${unitIdsInScope(viewer, "ac", mode)})
    OR a.pc_id IN (${unitIdsInScope(viewer, "pc", mode)}))`;
}

/** What a link needs to know about a unit to decide whether the viewer may open its page. */
export interface LinkContext {
  id: number;
  pcId?: number | null;
  acId?: number | null;
  districtId?: number | null;
  /** For an AC: the districts it lies in. */
  acDistrictIds?: readonly number[];
  /** For a district: the PCs its seats belong to. */
  districtPcIds?: readonly number[];
  /** For a district: the ACs that touch it. */
  districtAcIds?: readonly number[];
}

/**
 * Read scope, decided in memory for links in tables already loaded with their keys. Errs towards plain
 * text where the keys at hand cannot tell (a page always checks its unit with `unitInScope`).
 */
export function overlapsScope(scope: ScopeUnit, level: GeoLevel, ctx: LinkContext): boolean {
  const { level: s, id } = scope;
  if (s === "state") return true;
  if (level === "state") return false;
  if (level === s) return ctx.id === id;
  switch (s) {
    case "district":
      if (level === "block" || level === "booth") return ctx.districtId === id;
      if (level === "ac") return ctx.acDistrictIds?.includes(id) ?? false;
      return false;
    case "pc":
      if (level === "ac" || level === "booth") return ctx.pcId === id;
      if (level === "district") return ctx.districtPcIds?.includes(id) ?? false;
      return false;
    case "ac":
      if (level === "booth") return ctx.acId === id;
      if (level === "district") return ctx.districtAcIds?.includes(id) ?? false;
      return false;
  }
}

/** May the viewer open this unit's page (its role may view the level, and the unit overlaps the area)? For links. */
export function canOpen(viewer: Viewer, level: GeoLevel, ctx: LinkContext): boolean {
  return can(viewer, "progress.view", level) && overlapsScope(viewer.scope, level, ctx);
}
