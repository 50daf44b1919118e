import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditExport } from "@/lib/audit/write";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { toCsv, type CsvColumn, type CsvFile } from "@/lib/csv/write";
import { exportFileName } from "@/lib/csv/file-name";
import { ActionError } from "@/lib/errors";
import { GEO_LEVELS } from "@/lib/geo/levels";
import { loadTargetsPage, type TargetRow } from "@/lib/targets/queries";

/** The query of a targets export link: one level's table of the targets page. */
export const targetsExportQuery = z.object({ targets: z.enum(GEO_LEVELS) });
export type TargetsExportQuery = z.infer<typeof targetsExportQuery>;

function targetColumns(rows: readonly TargetRow[]): CsvColumn<TargetRow>[] {
  const childLevels = [...new Set(rows.flatMap((r) => r.childSums.map((c) => c.level)))];
  return [
    { header: "level", value: (r) => r.level },
    { header: "code", value: (r) => r.key },
    { header: "name", value: (r) => r.name },
    { header: "name_hi", value: (r) => r.nameHi },
    { header: "target", value: (r) => r.target },
    { header: "members", value: (r) => r.members },
    { header: "booths", value: (r) => r.booths },
    ...childLevels.flatMap((l): CsvColumn<TargetRow>[] => [
      { header: `${l}_targets_sum`, value: (r) => r.childSums.find((c) => c.level === l)?.sum ?? null },
      { header: `${l}_targets_set`, value: (r) => r.childSums.find((c) => c.level === l)?.set ?? null },
      { header: `${l}_difference`, value: (r) => r.childSums.find((c) => c.level === l)?.difference ?? null },
    ]),
  ];
}

/**
 * One level's targets table as CSV, in the viewer's scope, from the same function as the targets page; the
 * export is written to the audit trail. Refuses (403/404) what the viewer may not see.
 */
export async function targetsCsv(db: Db, viewer: Viewer, q: TargetsExportQuery, now = new Date()): Promise<CsvFile> {
  if (!can(viewer, "exports.download") || !can(viewer, "targets.set")) throw new ActionError("forbidden", "action.forbidden");
  const page = await loadTargetsPage(db, viewer, now);
  const section = page.sections.find((s) => s.level === q.targets);
  if (!section) throw new ActionError("not_found", "notFound.body");
  const file = { body: toCsv(section.rows, targetColumns(section.rows)), fileName: exportFileName(["targets", q.targets, viewer.scope.key], { now }), rows: section.rows.length };
  await auditExport(db, viewer, "targets", q, file);
  return file;
}
