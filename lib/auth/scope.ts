import { and, eq, inArray, sql, type Column, type SQL } from "drizzle-orm";
import { assemblySeats } from "@/db/schema";
import type { Viewer } from "./viewer";

/**
 * The columns through which a table can be placed in the geography. Booth-level rows carry all of them;
 * other tables name what they have, and a PC scope falls back to "AC of that PC" when only the AC is known.
 */
export interface ScopeColumns {
  stateId: Column;
  pcId?: Column;
  acId?: Column;
  districtId?: Column;
}

/**
 * The one scope filter every query in lib/ applies: rows of the viewer's state and, below state level,
 * of the viewer's PC, AC or district. Throws when a table cannot be filtered at the viewer's level,
 * so a missing column fails loudly instead of showing another district's rows.
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
