import "server-only";
import { and, asc, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { members } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { writeAudit } from "@/lib/audit/write";
import { toCsv, type CsvColumn } from "@/lib/csv/write";
import { istDate } from "@/lib/dates";
import { maskEpic, maskPhone } from "@/lib/validation/mask";
import { joinMemberPlace, type MemberPlace } from "@/lib/members/place";
import { parseMemberQuery } from "@/lib/members/query";
import { memberRowColumns, memberScope, queryCondition } from "@/lib/members/search";

/**
 * A member list as CSV for state leadership: the rows of a search (or all members in scope), capped, with
 * the same masking as the list (EPIC and phone masked, no religion or caste; reveals stay one member at a
 * time and audited). The export is audited in the transaction that reads it.
 */
export const EXPORT_CAP = 10_000;

interface ExportRow extends MemberPlace {
  membershipNo: string;
  name: string | null;
  gender: string;
  age: number;
  epic: string;
  phone: string | null;
  channel: string;
  enrolledOn: string;
}

const COLUMNS: CsvColumn<ExportRow>[] = [
  { header: "membership_no", value: (r) => r.membershipNo },
  { header: "name", value: (r) => r.name },
  { header: "gender", value: (r) => r.gender },
  { header: "age", value: (r) => r.age },
  { header: "epic_masked", value: (r) => maskEpic(r.epic) },
  { header: "phone_masked", value: (r) => (r.phone ? maskPhone(r.phone) : "") },
  { header: "booth_code", value: (r) => r.boothCode },
  { header: "ac_no", value: (r) => r.acNo },
  { header: "ac_name", value: (r) => r.acName },
  { header: "district", value: (r) => r.districtName },
  { header: "channel", value: (r) => r.channel },
  { header: "enrolled_on", value: (r) => r.enrolledOn },
];

export interface MemberExport {
  csv: string;
  fileName: string;
  rows: number;
  capped: boolean;
}

/** Null when the viewer may not export (leadership only). */
export async function exportMembers(
  db: Db,
  viewer: Viewer,
  opts: { q?: string | null; now?: Date; cap?: number },
): Promise<MemberExport | null> {
  if (!can(viewer, "members.export")) return null;
  const query = parseMemberQuery(opts.q);
  const cond = queryCondition(query);
  const cap = opts.cap ?? EXPORT_CAP;
  return db.transaction(async (tx) => {
    const found =
      cond === null
        ? []
        : await joinMemberPlace(tx.select(memberRowColumns).from(members).$dynamic())
            .where(and(memberScope(viewer), isNull(members.erasedAt), cond))
            .orderBy(asc(members.id))
            .limit(cap + 1);
    const capped = found.length > cap;
    const rows = found.slice(0, cap);
    await writeAudit(tx, viewer, {
      action: "members.export",
      entityType: "member_list",
      entityId: null,
      after: { query: opts.q ?? "", kind: query.kind, rows: rows.length, capped, cap },
    });
    let csv = toCsv(rows, COLUMNS);
    // Said in the file itself, so a capped file is never mistaken for the whole list.
    if (capped) csv += `# capped: only the first ${cap} rows (by membership number) are in this file; narrow the search to export the rest\r\n`;
    const day = istDate(opts.now ?? new Date());
    return { csv, fileName: `members-${day}${capped ? `-first-${cap}` : ""}.csv`, rows: rows.length, capped };
  });
}
