import "server-only";
import { and, asc, desc, gt, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { members } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { writeAudit } from "@/lib/audit/write";
import { exportFileName } from "@/lib/csv/file-name";
import { csvStream, type CsvColumn } from "@/lib/csv/write";
import { maskEpic, maskPhone } from "@/lib/validation/mask";
import { joinMemberPlace, type MemberPlace } from "@/lib/members/place";
import { parseMemberQuery } from "@/lib/members/query";
import { memberRowColumns, memberScope, queryCondition, type MemberSort } from "@/lib/members/search";

/**
 * A member list as CSV for leadership: the rows of the list's search, in the list's order (newest first unless
 * the list is sorted otherwise), in the viewer's scope, with the list's masking (EPIC and phone masked, no
 * religion or caste; reveals stay one member at a time and audited). Every download is audited.
 *
 * The file is streamed: a keyset-paged query (1,000 rows a page, each page its own short query, no transaction
 * held while the browser downloads) feeds lib/csv's csvStream, so no file is ever held whole on the server.
 *
 * The cap. Streaming removed the memory reason for the old 10,000, so the cap is raised to 100,000 rows and kept
 * for the other reasons: it is a list of named people (masked, still personal data) and one click should not
 * carry a whole state's members; 100,000 rows (about 12 MB) hold a whole assembly seat or any booth or name
 * search, and open in Excel and on an office laptop; a larger list is narrowed first. When a list is longer,
 * the file holds the first 100,000 in the list's order and says so in its name (`members-2026-12-02-first-100000.csv`)
 * and the page says so beside the link — never inside the file, where a trailer line is read as a member.
 */
export const EXPORT_CAP = 100_000;
const PAGE_ROWS = 1_000;

interface ExportRow extends MemberPlace {
  id: number;
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
  /** The CSV's bytes, read page by page as the client downloads. */
  stream: ReadableStream<Uint8Array>;
  fileName: string;
  /** Data rows the file holds (the list as it was when the download began). */
  rows: number;
  /** True when the list is longer than the cap and the file holds only its first `cap` rows. */
  capped: boolean;
  cap: number;
}

/** The list's order (lib/members/search.ts): newest, oldest, or by name with the number breaking ties. */
const ORDER: Record<MemberSort, SQL[]> = {
  new: [desc(members.id)],
  old: [asc(members.id)],
  name: [asc(members.name), asc(members.id)],
};

/** The rows after `last` in that order: the next page starts where the previous one ended, never at an offset. */
function after(sort: MemberSort, last: ExportRow): SQL {
  if (sort === "new") return lt(members.id, last.id);
  if (sort === "old") return gt(members.id, last.id);
  // Listed members always have a name (a CHECK: only erased rows may lack one), so the row comparison is exact.
  return sql`(${members.name}, ${members.id}) > (${last.name}, ${last.id})`;
}

async function* pages(db: Db, where: SQL, sort: MemberSort, cap: number, pageRows: number): AsyncGenerator<ExportRow[]> {
  let left = cap;
  let last: ExportRow | undefined;
  while (left > 0) {
    const limit = Math.min(pageRows, left);
    const rows: ExportRow[] = await joinMemberPlace(db.select({ id: members.id, ...memberRowColumns }).from(members).$dynamic())
      .where(last ? and(where, after(sort, last)) : where)
      .orderBy(...ORDER[sort])
      .limit(limit);
    if (rows.length > 0) yield rows;
    if (rows.length < limit) return;
    left -= rows.length;
    last = rows.at(-1);
  }
}

/** Null when the viewer may not export (leadership only, as the permissions table says). */
export async function exportMembers(
  db: Db,
  viewer: Viewer,
  opts: { q?: string | null; sort?: MemberSort; now?: Date; cap?: number; pageRows?: number },
): Promise<MemberExport | null> {
  if (!can(viewer, "members.export")) return null;
  const query = parseMemberQuery(opts.q);
  const cond = queryCondition(query);
  const sort = opts.sort ?? "new";
  const cap = opts.cap ?? EXPORT_CAP;
  let where: SQL | null = null;
  let found = 0;
  if (cond !== null) {
    // The newest member now bounds the file: sign-ups arriving while it streams neither shift its pages nor
    // stretch it past what was counted (and audited) here.
    const [top] = await db.select({ id: sql<number>`coalesce(max(${members.id}), 0)::int` }).from(members);
    where = and(memberScope(viewer), isNull(members.erasedAt), lte(members.id, top?.id ?? 0), cond)!;
    // Counted up to one past the cap: a bounded scan that tells whether the list is longer than the file.
    const probe = joinMemberPlace(db.select({ one: sql<number>`1`.as("one") }).from(members).$dynamic())
      .where(where)
      .limit(cap + 1)
      .as("probe");
    const [counted] = await db.select({ n: sql<number>`count(*)::int` }).from(probe);
    found = counted?.n ?? 0;
  }
  const capped = found > cap;
  const rows = Math.min(found, cap);
  await writeAudit(db, viewer, {
    action: "members.export",
    entityType: "member_list",
    entityId: null,
    after: { query: opts.q ?? "", kind: query.kind, sort, rows, capped, cap },
  });
  const fileName = exportFileName(["members", sort !== "new" && `by-${sort}`], { now: opts.now, tail: [capped && `first-${cap}`] });
  const stream = csvStream(where && rows > 0 ? pages(db, where, sort, rows, opts.pageRows ?? PAGE_ROWS) : emptyPages(), COLUMNS);
  return { stream, fileName, rows, capped, cap };
}

/** A list with no rows: the file is its header alone. */
async function* emptyPages(): AsyncGenerator<ExportRow[]> {}
