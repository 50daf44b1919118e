import { and, eq, sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";
import { assemblySeatDistricts, assemblySeats, blocks, booths, districts, lokSabhaSeats } from "@/db/schema";
import type { ActionLevel } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";

export interface UnitRef {
  level: ActionLevel;
  id: number;
}

/**
 * Is the unit inside the viewer's scope? Used by every write that names a unit (appoint, set a target, …):
 * the unit comes from the form, the scope from the session. An AC is inside a district scope when it lies
 * (partly) in the district; a PC only when the viewer's scope is the state or that PC.
 */
export async function unitInScope(db: DbOrTx, viewer: Viewer, unit: UnitRef): Promise<boolean> {
  const { level: scopeLevel, id: scopeId, stateId } = viewer.scope;
  const rows = await (async () => {
    switch (unit.level) {
      case "state":
        return scopeLevel === "state" && unit.id === stateId ? [{ ok: true }] : [];
      case "booth": {
        const cond =
          scopeLevel === "state"
            ? sql`true`
            : scopeLevel === "pc"
              ? eq(booths.pcId, scopeId)
              : scopeLevel === "ac"
                ? eq(booths.acId, scopeId)
                : eq(booths.districtId, scopeId);
        return db.select({ ok: sql<boolean>`true` }).from(booths).where(and(eq(booths.id, unit.id), eq(booths.stateId, stateId), cond));
      }
      case "block": {
        if (scopeLevel === "district") {
          return db.select({ ok: sql<boolean>`true` }).from(blocks).where(and(eq(blocks.id, unit.id), eq(blocks.districtId, scopeId)));
        }
        if (scopeLevel === "state") {
          return db.select({ ok: sql<boolean>`true` }).from(blocks).where(and(eq(blocks.id, unit.id), eq(blocks.stateId, stateId)));
        }
        // A block belongs to a PC/AC scope when one of its booths does.
        const col = scopeLevel === "pc" ? sql`pc_id` : sql`ac_id`;
        return queryRows(db, sql`SELECT true AS ok FROM booths WHERE block_id = ${unit.id} AND ${col} = ${scopeId} LIMIT 1`);
      }
      case "district": {
        if (scopeLevel === "district") return unit.id === scopeId ? [{ ok: true }] : [];
        if (scopeLevel === "state") {
          return db.select({ ok: sql<boolean>`true` }).from(districts).where(and(eq(districts.id, unit.id), eq(districts.stateId, stateId)));
        }
        const col = scopeLevel === "pc" ? sql`pc_id` : sql`ac_id`;
        return queryRows(db, sql`SELECT true AS ok FROM booths WHERE district_id = ${unit.id} AND ${col} = ${scopeId} LIMIT 1`);
      }
      case "ac": {
        if (scopeLevel === "ac") return unit.id === scopeId ? [{ ok: true }] : [];
        if (scopeLevel === "district") {
          return db
            .select({ ok: sql<boolean>`true` })
            .from(assemblySeatDistricts)
            .where(and(eq(assemblySeatDistricts.acId, unit.id), eq(assemblySeatDistricts.districtId, scopeId)));
        }
        const cond = scopeLevel === "pc" ? eq(assemblySeats.pcId, scopeId) : sql`true`;
        return db.select({ ok: sql<boolean>`true` }).from(assemblySeats).where(and(eq(assemblySeats.id, unit.id), eq(assemblySeats.stateId, stateId), cond));
      }
      case "pc": {
        if (scopeLevel === "pc") return unit.id === scopeId ? [{ ok: true }] : [];
        if (scopeLevel !== "state") return [];
        return db.select({ ok: sql<boolean>`true` }).from(lokSabhaSeats).where(and(eq(lokSabhaSeats.id, unit.id), eq(lokSabhaSeats.stateId, stateId)));
      }
    }
  })();
  return rows.length > 0;
}
