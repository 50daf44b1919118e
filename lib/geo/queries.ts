import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";
import type { UnitLevel } from "@/db/schema";
import { unitIdsInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/viewer";

/**
 * Geography reads shared by features: a unit by its URL key or id with its labels (state-bound, not
 * scope-checked: callers check scope), and the option lists for filters and forms (the viewer's scope).
 */

export interface UnitRow {
  level: UnitLevel;
  id: number;
  /** Booth code, block id, district slug, or PC/AC number: the post page's URL key. */
  key: string;
  name: string;
  nameHi: string | null;
  /** The district of a block or booth; the PC of an AC. */
  parentName: string | null;
  parentNameHi: string | null;
}

/** A unit by its URL key, with its labels; null when there is no such unit in the viewer's state. */
export async function unitByKey(db: DbOrTx, stateId: number, level: UnitLevel, key: string): Promise<UnitRow | null> {
  let rows: Record<string, unknown>[] = [];
  const num = /^[0-9]{1,9}$/.test(key) ? Number(key) : null;
  switch (level) {
    case "booth":
      rows = await queryRows(
        db,
        sql`SELECT b.id, b.code AS key, b.name, b.name_hi, d.name AS parent_name, d.name_hi AS parent_name_hi
          FROM booths b JOIN districts d ON d.id = b.district_id WHERE b.state_id = ${stateId} AND b.code = ${key}`,
      );
      break;
    case "block":
      if (num === null) return null;
      rows = await queryRows(
        db,
        sql`SELECT bl.id, bl.id::text AS key, bl.name, bl.name_hi, d.name AS parent_name, d.name_hi AS parent_name_hi
          FROM blocks bl JOIN districts d ON d.id = bl.district_id WHERE bl.state_id = ${stateId} AND bl.id = ${num}`,
      );
      break;
    case "district":
      rows = await queryRows(
        db,
        sql`SELECT id, slug AS key, name, name_hi, NULL AS parent_name, NULL AS parent_name_hi
          FROM districts WHERE state_id = ${stateId} AND slug = ${key}`,
      );
      break;
    case "ac":
      if (num === null) return null;
      rows = await queryRows(
        db,
        sql`SELECT s.id, s.no::text AS key, s.name, s.name_hi, p.name AS parent_name, p.name_hi AS parent_name_hi
          FROM assembly_seats s JOIN lok_sabha_seats p ON p.id = s.pc_id WHERE s.state_id = ${stateId} AND s.no = ${num}`,
      );
      break;
    case "pc":
      if (num === null) return null;
      rows = await queryRows(
        db,
        sql`SELECT id, no::text AS key, name, name_hi, NULL AS parent_name, NULL AS parent_name_hi
          FROM lok_sabha_seats WHERE state_id = ${stateId} AND no = ${num}`,
      );
      break;
  }
  const r = rows[0];
  if (!r) return null;
  return {
    level,
    id: Number(r.id),
    key: String(r.key),
    name: String(r.name),
    nameHi: (r.name_hi as string | null) ?? null,
    parentName: (r.parent_name as string | null) ?? null,
    parentNameHi: (r.parent_name_hi as string | null) ?? null,
  };
}

/** The unit's URL key and labels by id (for messages and audit events). */
export async function unitById(db: DbOrTx, stateId: number, level: UnitLevel, id: number): Promise<UnitRow | null> {
  const keySql: Record<UnitLevel, SQL> = {
    booth: sql`SELECT code AS key FROM booths WHERE id = ${id} AND state_id = ${stateId}`,
    block: sql`SELECT id::text AS key FROM blocks WHERE id = ${id} AND state_id = ${stateId}`,
    district: sql`SELECT slug AS key FROM districts WHERE id = ${id} AND state_id = ${stateId}`,
    ac: sql`SELECT no::text AS key FROM assembly_seats WHERE id = ${id} AND state_id = ${stateId}`,
    pc: sql`SELECT no::text AS key FROM lok_sabha_seats WHERE id = ${id} AND state_id = ${stateId}`,
  };
  const [row] = await queryRows<{ key: string }>(db, keySql[level]);
  if (!row) return null;
  return unitByKey(db, stateId, level, row.key);
}

/** A unit offered in a filter or form: `key` is the unit's URL key. */
export interface UnitOption {
  id: number;
  key: string;
  name: string;
  nameHi: string | null;
}

export async function districtOptions(db: DbOrTx, viewer: Viewer): Promise<UnitOption[]> {
  return queryRows<UnitOption>(
    db,
    sql`SELECT id, slug AS key, name, name_hi AS "nameHi" FROM districts WHERE id IN (${unitIdsInScope(viewer, "district")}) ORDER BY name`,
  );
}

export async function blockOptions(db: DbOrTx, viewer: Viewer, districtId: number): Promise<UnitOption[]> {
  return queryRows<UnitOption>(
    db,
    sql`SELECT id, id::text AS key, name, name_hi AS "nameHi" FROM blocks
      WHERE district_id = ${districtId} AND id IN (${unitIdsInScope(viewer, "block")}) ORDER BY name`,
  );
}

export async function acOptions(db: DbOrTx, viewer: Viewer): Promise<UnitOption[]> {
  return queryRows<UnitOption>(
    db,
    sql`SELECT id, no::text AS key, no::text || ' · ' || name AS name, CASE WHEN name_hi IS NULL THEN NULL ELSE no::text || ' · ' || name_hi END AS "nameHi"
      FROM assembly_seats WHERE id IN (${unitIdsInScope(viewer, "ac")}) ORDER BY no`,
  );
}
