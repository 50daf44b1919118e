import { sql, type SQL } from "drizzle-orm";
import type { UnitLevel } from "@/db/schema";
import { booths } from "@/db/schema";
import { inScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/viewer";

/** Booth rows in the viewer's scope (the one scope filter, applied to the unaliased `booths` table). */
export function boothScope(viewer: Viewer): SQL {
  return inScope(viewer, { stateId: booths.stateId, pcId: booths.pcId, acId: booths.acId, districtId: booths.districtId });
}

/**
 * A subquery of the ids of the units of `level` inside the viewer's scope, with the same meaning as
 * `unitInScope` (lib/geo/units.ts), so that lists show exactly the posts their actions accept: an AC is in a
 * district scope when it lies (partly) in the district, a block or district is in a PC/AC scope when one of
 * its booths is, and a PC only in a state scope or its own.
 */
export function unitIdsInScope(viewer: Viewer, level: UnitLevel): SQL {
  const { level: scopeLevel, id, stateId } = viewer.scope;
  switch (level) {
    case "booth":
      return sql`SELECT ${booths.id} FROM ${booths} WHERE ${boothScope(viewer)}`;
    case "block":
      if (scopeLevel === "district") return sql`SELECT id FROM blocks WHERE district_id = ${id} AND state_id = ${stateId}`;
      if (scopeLevel === "state") return sql`SELECT id FROM blocks WHERE state_id = ${stateId}`;
      return sql`SELECT DISTINCT ${booths.blockId} FROM ${booths} WHERE ${boothScope(viewer)} AND ${booths.blockId} IS NOT NULL`;
    case "district":
      if (scopeLevel === "district") return sql`SELECT id FROM districts WHERE id = ${id} AND state_id = ${stateId}`;
      if (scopeLevel === "state") return sql`SELECT id FROM districts WHERE state_id = ${stateId}`;
      return sql`SELECT DISTINCT ${booths.districtId} FROM ${booths} WHERE ${boothScope(viewer)}`;
    case "ac":
      if (scopeLevel === "ac") return sql`SELECT id FROM assembly_seats WHERE id = ${id} AND state_id = ${stateId}`;
      if (scopeLevel === "district") return sql`SELECT ac_id FROM assembly_seat_districts WHERE district_id = ${id}`;
      if (scopeLevel === "pc") return sql`SELECT id FROM assembly_seats WHERE pc_id = ${id} AND state_id = ${stateId}`;
      return sql`SELECT id FROM assembly_seats WHERE state_id = ${stateId}`;
    case "pc":
      if (scopeLevel === "pc") return sql`SELECT id FROM lok_sabha_seats WHERE id = ${id} AND state_id = ${stateId}`;
      if (scopeLevel === "state") return sql`SELECT id FROM lok_sabha_seats WHERE state_id = ${stateId}`;
      return sql`SELECT NULL::int WHERE false`;
  }
}

/** The appointments column of a unit level (names from code, never from input). */
export function unitColumn(level: UnitLevel): SQL {
  const cols: Record<UnitLevel, string> = { pc: "pc_id", ac: "ac_id", district: "district_id", block: "block_id", booth: "booth_id" };
  return sql.raw(cols[level]);
}

/**
 * Appointments (alias `a`) whose unit lies in the viewer's scope: a worker is "known" to a viewer when they
 * hold or held a post there. Used to keep worker search and picking inside the scope.
 */
export function appointmentInScope(viewer: Viewer): SQL {
  if (viewer.scope.level === "state") return sql`a.state_id = ${viewer.scope.stateId}`;
  return sql`(a.booth_id IN (${unitIdsInScope(viewer, "booth")})
    OR a.block_id IN (${unitIdsInScope(viewer, "block")})
    OR a.district_id IN (${unitIdsInScope(viewer, "district")})
    OR a.ac_id IN (${unitIdsInScope(viewer, "ac")})
    OR a.pc_id IN (${unitIdsInScope(viewer, "pc")}))`;
}

/** "Trained": attended every day of at least one session (days attended ≥ the session's length in days). */
export function trainedSql(workerId: SQL): SQL {
  return sql`EXISTS (SELECT 1 FROM training_attendance ta JOIN trainings tr ON tr.id = ta.training_id
    WHERE ta.worker_id = ${workerId} AND ta.days_attended >= (tr.ends_on - tr.starts_on + 1))`;
}
