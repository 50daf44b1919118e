import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { writeAudit } from "@/lib/audit/write";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { exportFileName } from "@/lib/csv/file-name";
import { toCsv } from "@/lib/csv/write";
import { unitIdsInScope } from "@/lib/auth/scope";
import { parseCoverageParams } from "@/lib/coverage/search-params";
import { allUncoveredBooths, coverageLevels, type UncoveredBooth } from "@/lib/coverage/queries";

/**
 * The uncovered booths as a CSV file (plain numbers, Hindi names beside English ones), limited to the viewer's
 * scope and the seat or district asked for. The export is written to the audit log with its filters and size.
 * A role without the export, or a seat or district outside the scope, is a refusal the route turns into its answer.
 */
export type UncoveredExport = { ok: true; body: string; fileName: string } | { ok: false; code: "forbidden" | "not_found" };

export async function exportUncoveredBooths(db: Db, viewer: Viewer, params: Record<string, string>, now = new Date()): Promise<UncoveredExport> {
  if (!can(viewer, "coverage.view") || !can(viewer, "exports.download")) return { ok: false, code: "forbidden" };
  const p = parseCoverageParams(params, coverageLevels(viewer));
  // Seat and district are looked up inside the scope: a filter outside it matches nothing rather than widening it.
  const [ac] = p.ac
    ? await queryRows<{ id: number }>(db, sql`SELECT id FROM assembly_seats WHERE no = ${p.ac} AND id IN (${unitIdsInScope(viewer, "ac")})`)
    : [];
  const [district] = p.district
    ? await queryRows<{ id: number }>(db, sql`SELECT id FROM districts WHERE slug = ${p.district} AND id IN (${unitIdsInScope(viewer, "district")})`)
    : [];
  if ((p.ac && !ac) || (p.district && !district)) return { ok: false, code: "not_found" };
  const rows = await allUncoveredBooths(db, viewer, { acId: ac?.id, districtId: district?.id });
  await writeAudit(db, viewer, {
    action: "export.uncovered_booths",
    entityType: "export",
    after: { rows: rows.length, ac: p.ac ?? null, district: p.district ?? null },
  });
  const body = toCsv<UncoveredBooth>(rows, [
    { header: "booth_code", value: (r) => r.code },
    { header: "booth_name", value: (r) => r.name },
    { header: "booth_name_hi", value: (r) => r.nameHi },
    { header: "ac_no", value: (r) => r.acNo },
    { header: "ac_name", value: (r) => r.acName },
    { header: "pc_no", value: (r) => r.pcNo },
    { header: "pc_name", value: (r) => r.pcName },
    { header: "district", value: (r) => r.districtName },
    { header: "block", value: (r) => r.blockName },
  ]);
  return { ok: true, body, fileName: exportFileName(["uncovered-booths", p.ac ? `ac-${p.ac}` : null, p.district], { now }) };
}
