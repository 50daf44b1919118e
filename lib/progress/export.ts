import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditExport } from "@/lib/audit/write";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { toCsv, type CsvColumn, type CsvFile } from "@/lib/csv/write";
import { exportFileName } from "@/lib/csv/file-name";
import { listUnits, loadUnitProgress } from "@/lib/progress/data";
import type { CumulativePoint, DailyPoint } from "@/lib/progress/pace";
import { type ChildRow } from "@/lib/progress/types";
import { findUnit, scopeUnit } from "@/lib/geo/units";
import { GEO_LEVELS } from "@/lib/geo/levels";
import { ActionError } from "@/lib/errors";

/** The query of a progress export link: one table of a unit's page, or a list page (targets: lib/targets/export.ts). */
export const progressExportQuery = z.union([
  z.object({
    level: z.enum(GEO_LEVELS),
    key: z.string().min(1).max(40),
    district: z.string().max(60).optional(),
    table: z.union([z.enum(GEO_LEVELS), z.literal("lagging"), z.literal("daily")]),
  }),
  z.object({ list: z.enum(["pc", "ac", "district"]) }),
]);
export type ProgressExportQuery = z.infer<typeof progressExportQuery>;

const pct = (p: number | null) => (p === null ? null : Math.round(p * 1000) / 10);
const round = (x: number | null) => (x === null ? null : Math.round(x));

/** Columns of a table of units, as on the page but with plain numbers. */
export const CHILD_COLUMNS: CsvColumn<ChildRow>[] = [
  { header: "level", value: (r) => r.level },
  { header: "code", value: (r) => r.key },
  { header: "name", value: (r) => r.name },
  { header: "name_hi", value: (r) => r.nameHi },
  { header: "where", value: (r) => r.place.map((p) => `${p.level} ${p.no === null ? "" : `${p.no} `}${p.name}`).join(" | ") || null },
  { header: "members", value: (r) => r.members },
  { header: "under_review", value: (r) => r.underReview },
  { header: "voided", value: (r) => r.voided },
  { header: "target", value: (r) => r.target },
  { header: "percent_of_target", value: (r) => pct(r.percent) },
  { header: "expected_by_now", value: (r) => round(r.expected) },
  { header: "behind_by", value: (r) => round(r.behindBy) },
  { header: "days_behind", value: (r) => (r.daysBehind === null ? null : Math.round(r.daysBehind * 10) / 10) },
  { header: "behind_since", value: (r) => r.behindSince },
  { header: "booths", value: (r) => r.booths },
  { header: "booths_covered", value: (r) => r.covered },
  { header: "today", value: (r) => r.today },
  { header: "only_part_in_scope", value: (r) => (r.partial ? "yes" : "") },
];

type DayRow = DailyPoint & Partial<Pick<CumulativePoint, "line" | "projected">> & { cumulative: number | null };
const DAY_COLUMNS: CsvColumn<DayRow>[] = [
  { header: "day", value: (r) => r.day },
  { header: "members", value: (r) => r.members },
  { header: "average_7_days", value: (r) => Math.round(r.average * 10) / 10 },
  { header: "cumulative", value: (r) => r.cumulative },
  { header: "target_line", value: (r) => r.line ?? null },
];

/**
 * Builds one CSV in the viewer's scope, from the same functions as the page that links to it, and writes
 * the export to the audit trail. Refuses (403/404) what the viewer may not see.
 */
export async function progressCsv(db: Db, viewer: Viewer, q: ProgressExportQuery, now = new Date()): Promise<CsvFile> {
  const file = await build(db, viewer, q, now);
  await auditExport(db, viewer, "progress", q, file);
  return file;
}

async function build(db: Db, viewer: Viewer, q: ProgressExportQuery, now: Date): Promise<CsvFile> {
  if ("list" in q) {
    if (!can(viewer, "exports.download") || !can(viewer, "progress.view", q.list)) throw new ActionError("forbidden", "action.forbidden");
    if (q.list === "pc" && viewer.scope.level !== "state" && viewer.scope.level !== "pc") throw new ActionError("not_found", "notFound.body");
    const scope = await scopeUnit(db, viewer);
    if (!scope) throw new ActionError("not_found", "notFound.body");
    const group = await listUnits(db, viewer, scope, q.list, { now });
    return { body: toCsv(group.rows, CHILD_COLUMNS), fileName: exportFileName([q.list, scope.key], { now }), rows: group.rows.length };
  }
  if (!can(viewer, "exports.download", q.level)) throw new ActionError("forbidden", "action.forbidden");
  const unit = q.level === "state" ? await scopeUnit(db, viewer) : await findUnit(db, viewer, q.level, q.key, { districtSlug: q.district });
  if (!unit || unit.level !== q.level || (q.level === "state" && unit.key !== q.key)) throw new ActionError("not_found", "notFound.body");
  const data = await loadUnitProgress(db, viewer, unit, { now });
  if (q.table === "daily") {
    const cumulative = new Map(data.cumulative.map((p) => [p.day, p]));
    const rows: DayRow[] = data.daily.map((d) => ({ ...d, cumulative: cumulative.get(d.day)?.members ?? null, line: cumulative.get(d.day)?.line ?? null }));
    return { body: toCsv(rows, DAY_COLUMNS), fileName: exportFileName([unit.level, unit.key, "daily"], { now }), rows: rows.length };
  }
  const rows = q.table === "lagging" ? data.lagging : data.groups.find((g) => g.level === q.table)?.rows;
  if (!rows) throw new ActionError("not_found", "notFound.body");
  return { body: toCsv(rows, CHILD_COLUMNS), fileName: exportFileName([unit.level, unit.key, q.table], { now }), rows: rows.length };
}
