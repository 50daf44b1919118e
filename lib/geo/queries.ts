import "server-only";
import { sql } from "drizzle-orm";
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

/**
 * Where each level's units live: the table, the column its URL key is (a number for blocks, PCs and ACs), and
 * the parent whose name labels it (the district of a booth or block, the PC of an AC).
 */
/** Per level: its table, URL key column and parent. `digits` bounds a numeric key so that it fits its column
 * (a seat number is a smallint: "999999" is simply no such seat, not an out-of-range error). */
const UNIT_TABLES: Record<UnitLevel, { table: string; key: string; digits?: number; parent?: { table: string; via: string } }> = {
  booth: { table: "booths", key: "code", parent: { table: "districts", via: "district_id" } },
  block: { table: "blocks", key: "id", digits: 9, parent: { table: "districts", via: "district_id" } },
  district: { table: "districts", key: "slug" },
  ac: { table: "assembly_seats", key: "no", digits: 4, parent: { table: "lok_sabha_seats", via: "pc_id" } },
  pc: { table: "lok_sabha_seats", key: "no", digits: 4 },
};

/** A unit by its URL key, with its labels; null when there is no such unit in the viewer's state. */
export async function unitByKey(db: DbOrTx, stateId: number, level: UnitLevel, key: string): Promise<UnitRow | null> {
  const t = UNIT_TABLES[level];
  const value = t.digits ? (new RegExp(`^[0-9]{1,${t.digits}}$`).test(key) ? Number(key) : null) : key;
  if (value === null) return null;
  const keyColumn = sql`u.${sql.identifier(t.key)}`;
  const parent = t.parent
    ? sql`p.name AS parent_name, p.name_hi AS parent_name_hi FROM ${sql.identifier(t.table)} u
        JOIN ${sql.identifier(t.parent.table)} p ON p.id = u.${sql.identifier(t.parent.via)}`
    : sql`NULL AS parent_name, NULL AS parent_name_hi FROM ${sql.identifier(t.table)} u`;
  const [r] = await queryRows(
    db,
    sql`SELECT u.id, ${keyColumn}::text AS key, u.name, u.name_hi, ${parent} WHERE u.state_id = ${stateId} AND ${keyColumn} = ${value}`,
  );
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
  const t = UNIT_TABLES[level];
  const [row] = await queryRows<{ key: string }>(
    db,
    sql`SELECT ${sql.identifier(t.key)}::text AS key FROM ${sql.identifier(t.table)} WHERE id = ${id} AND state_id = ${stateId}`,
  );
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
