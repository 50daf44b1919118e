import type { ProgressUnit } from "@/lib/geo/units";
import type { GeoLevel } from "@/lib/geo/levels";

/** What a progress CSV holds: one level of units below a unit, its lagging units, its days, or a list page. */
export type ExportTable = GeoLevel | "lagging" | "daily";

export const EXPORT_PATH = "/api/export/progress";

/** The download link of one of a unit's tables (the route checks permission and scope again). */
export function exportHref(unit: Pick<ProgressUnit, "level" | "key" | "organisational">, table: ExportTable): string {
  const params = new URLSearchParams({ level: unit.level, key: unit.key, table });
  if (unit.level === "block") {
    const district = unit.organisational.find((u) => u.level === "district");
    if (district) params.set("district", district.key);
  }
  return `${EXPORT_PATH}?${params.toString()}`;
}

/** The download link of a list page (`/lok-sabha`, `/assembly`, `/districts`): every unit of a level in scope. */
export function listExportHref(level: "pc" | "ac" | "district"): string {
  return `${EXPORT_PATH}?${new URLSearchParams({ list: level }).toString()}`;
}

/** The download link of a targets table. */
export function targetsExportHref(level: GeoLevel): string {
  return `${EXPORT_PATH}?${new URLSearchParams({ targets: level }).toString()}`;
}
