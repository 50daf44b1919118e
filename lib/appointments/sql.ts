import { sql, type SQL } from "drizzle-orm";
import type { UnitLevel } from "@/db/schema";

/** The appointments column of a unit level (names from code, never from input). */
export function unitColumn(level: UnitLevel): SQL {
  const cols: Record<UnitLevel, string> = { pc: "pc_id", ac: "ac_id", district: "district_id", block: "block_id", booth: "booth_id" };
  return sql.raw(cols[level]);
}

/** "Trained": attended every day of at least one session (days attended ≥ the session's length in days). */
export function trainedSql(workerId: SQL): SQL {
  return sql`EXISTS (SELECT 1 FROM training_attendance ta JOIN trainings tr ON tr.id = ta.training_id
    WHERE ta.worker_id = ${workerId} AND ta.days_attended >= (tr.ends_on - tr.starts_on + 1))`;
}
