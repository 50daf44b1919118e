import "server-only";
import type { DbOrTx } from "@/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { istDate } from "@/lib/dates";
import type { ProgressUnit } from "@/lib/geo/units";
import { loadUnitProgress } from "@/lib/progress/data";
import type { UnitProgress } from "@/lib/progress/types";
import { rollupSeconds, sharedRollup } from "@/lib/rollups";

/**
 * The key a progress rollup is shared under: what the numbers depend on — the viewer's role (what they may see
 * and open) and scope (what they may read), the unit and the day — and never the user (lib/rollups.ts).
 */
export function rollupKey(kind: string, viewer: Viewer, unit: Pick<ProgressUnit, "level" | "id">, now: Date, reader = ""): string {
  const { stateId, level, id } = viewer.scope;
  return `${kind}|${viewer.role}|${stateId}:${level}:${id}|${unit.level}:${unit.id}|${istDate(now)}${reader ? `|${reader}` : ""}`;
}

/**
 * A unit's progress as every viewer of the same role and scope sees it for the next few seconds. `reader` is the
 * read target's rollup key (lib/reads.ts: a reader who has just written gets rollups computed after the write).
 */
export function sharedProgress(db: DbOrTx, viewer: Viewer, unit: ProgressUnit, reader = ""): Promise<UnitProgress> {
  const now = new Date();
  const seconds = rollupSeconds();
  return sharedRollup(rollupKey("unit", viewer, unit, now, reader), async () => ({ ...(await loadUnitProgress(db, viewer, unit, { now })), sharedForSeconds: seconds }), {
    seconds,
    // The standby's rollup and the primary's are kept apart: a reader who has just written reads the primary's.
    db,
  });
}

