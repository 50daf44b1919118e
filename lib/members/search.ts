import "server-only";
import { and, asc, desc, eq, isNull, like, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { boothCounters, booths, memberFingerprints, members } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { boothScope, inScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/viewer";
import { maskEpic, maskPhone } from "@/lib/validation/mask";
import { joinMemberPlace, memberPlaceColumns, type MemberPlace } from "@/lib/members/place";
import { likeEscape, parseMemberQuery, type MemberQuery } from "@/lib/members/query";
import { normaliseName } from "@/lib/members/quality/name-key";

/**
 * Member search within the viewer's scope. Lists show personal data masked (EPIC `ABC•••4567`, phone
 * `98•••••210`) and never religion or caste; erased members are not found. Totals come from the counters,
 * never from counting member rows, so a page of results costs one indexed lookup or one bounded scan.
 */

export const PAGE_SIZE = 25;
/** Deeper than this, narrowing the search is the answer (and OFFSET stays cheap). */
export const MAX_PAGE = 200;
export const SORTS = ["new", "old", "name"] as const;
export type MemberSort = (typeof SORTS)[number];

export const memberScope = (viewer: Viewer) =>
  inScope(viewer, { stateId: members.stateId, acId: members.acId, districtId: members.districtId });

/** A member row as lists and the export read it (EPIC and phone unmasked: mask them before they leave lib/). */
export const memberRowColumns = {
  membershipNo: members.membershipNo,
  name: members.name,
  epic: members.epic,
  phone: members.phone,
  gender: members.gender,
  age: members.age,
  ...memberPlaceColumns,
  channel: members.channel,
  enrolledOn: members.enrolledOn,
};

export interface MemberListRow extends MemberPlace {
  membershipNo: string;
  name: string;
  epicMasked: string;
  phoneMasked: string;
  gender: string;
  age: number;
  channel: string;
  enrolledOn: string;
}

export interface MemberSearchResult {
  query: MemberQuery;
  rows: MemberListRow[];
  page: number;
  hasNext: boolean;
  /** For a booth search: the booth's counted members (counters), erased ones included. */
  booth: { code: string; name: string; nameHi: string | null; members: number } | null;
}

export function queryCondition(query: MemberQuery): SQL | undefined | null {
  switch (query.kind) {
    case "all":
      return undefined;
    case "membershipNo":
      return eq(members.membershipNo, query.value);
    case "sequence":
      // Every way in numbers a member `<prefix>-<id, 7 digits>` (enrol.ts, import.ts, the seed), so the
      // sequence is the primary key: an index lookup, checked against the number itself.
      return and(eq(members.id, Number(query.value)), like(members.membershipNo, `%-${query.value}`));
    case "phone":
      return eq(members.phone, query.value);
    case "epic":
      return eq(members.epic, query.value);
    case "booth":
      return eq(booths.code, query.code);
    case "name":
      return nameCondition(query.value);
    case "tooShort":
      return null;
  }
}

/**
 * A name as typed, in either script: the name itself contains it (`ILIKE`, any part of the name, as typed),
 * or the member's spelling-blind name key (lib/members/quality/name-key.ts, kept by the quality job in
 * member_fingerprints) starts with the query's key, so "sunita" finds सुनीता and "सुनीता साहू" finds
 * "Sunita Sahu". The key match is a range of member_fingerprints_name_key_prefix_idx (name_key
 * text_pattern_ops); the scope is applied to the members rows as for every search. A member saved in the last
 * seconds, before the job has keyed it, is found by the `ILIKE` in its own script.
 */
export function nameCondition(value: string): SQL {
  const typed = sql`${members.name} ILIKE ${`%${likeEscape(value)}%`}`;
  const key = normaliseName(value);
  if (!key) return typed;
  const keyed = sql`${members.id} IN (SELECT ${memberFingerprints.memberId} FROM ${memberFingerprints} WHERE ${memberFingerprints.nameKey} LIKE ${`${key}%`})`;
  return or(typed, keyed)!;
}

export function parsePage(raw: string | string[] | undefined): number {
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_PAGE) : 1;
}

export function parseSort(raw: string | string[] | undefined): MemberSort {
  const s = Array.isArray(raw) ? raw[0] : raw;
  return (SORTS as readonly string[]).includes(s ?? "") ? (s as MemberSort) : "new";
}

const orderBy = (sort: MemberSort) =>
  sort === "old" ? [asc(members.id)] : sort === "name" ? [asc(members.name), asc(members.id)] : [desc(members.id)];

/** The members matching `q` in the viewer's scope, one page at a time. */
export async function searchMembers(
  db: DbOrTx,
  viewer: Viewer,
  opts: { q?: string | null; page?: number; sort?: MemberSort; pageSize?: number },
): Promise<MemberSearchResult> {
  const query = parseMemberQuery(opts.q);
  const page = Math.min(Math.max(1, opts.page ?? 1), MAX_PAGE);
  const size = opts.pageSize ?? PAGE_SIZE;
  const empty: MemberSearchResult = { query, rows: [], page, hasNext: false, booth: null };
  if (!can(viewer, "members.view")) return empty;
  const cond = queryCondition(query);
  if (cond === null) return empty;
  const rows = await joinMemberPlace(db.select(memberRowColumns).from(members).$dynamic())
    .where(and(memberScope(viewer), isNull(members.erasedAt), cond))
    .orderBy(...orderBy(opts.sort ?? "new"))
    .limit(size + 1)
    .offset((page - 1) * size);
  return {
    query,
    rows: rows.slice(0, size).map(({ epic, phone, name, ...rest }) => ({
      ...rest,
      name: name ?? "",
      epicMasked: maskEpic(epic),
      phoneMasked: phone ? maskPhone(phone) : "",
    })),
    page,
    hasNext: rows.length > size,
    booth: query.kind === "booth" ? await boothTotal(db, viewer, query.code) : null,
  };
}

/** A booth's counted sign-ups (erasure keeps them), if the booth is in the viewer's scope. */
export async function boothTotal(db: DbOrTx, viewer: Viewer, code: string) {
  const [b] = await db
    .select({ code: booths.code, name: booths.name, nameHi: booths.nameHi, members: sql<number>`coalesce(${boothCounters.members}, 0)::int` })
    .from(booths)
    .leftJoin(boothCounters, eq(boothCounters.boothId, booths.id))
    .where(and(eq(booths.code, code), boothScope(viewer)))
    .limit(1);
  return b ?? null;
}

/** Members counted in the viewer's scope: one GROUP-free sum over booth counters. */
export async function scopeMemberTotal(db: DbOrTx, viewer: Viewer): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`coalesce(sum(${boothCounters.members}), 0)::int` })
    .from(boothCounters)
    .innerJoin(booths, eq(booths.id, boothCounters.boothId))
    .where(boothScope(viewer));
  return r?.n ?? 0;
}

/** A member's page: the list's row, and the photo, paper book and consent. */
export interface MemberDetail extends MemberListRow {
  hasPhoto: boolean;
  bookNo: string | null;
  pageNo: number | null;
  consentVersion: string;
  consentLang: string;
  consentAt: Date;
}

/** One member in the viewer's scope (masked), or null: unknown, erased and out of scope look the same. */
export async function findMember(db: DbOrTx, viewer: Viewer, membershipNo: string): Promise<MemberDetail | null> {
  if (!can(viewer, "members.view")) return null;
  const [m] = await joinMemberPlace(
    db
      .select({
        ...memberRowColumns,
        hasPhoto: sql<boolean>`${members.photo} IS NOT NULL`,
        bookNo: members.bookNo,
        pageNo: members.pageNo,
        consentVersion: members.consentVersion,
        consentLang: members.consentLang,
        consentAt: members.consentAt,
      })
      .from(members)
      .$dynamic(),
  )
    .where(and(eq(members.membershipNo, membershipNo), isNull(members.erasedAt), memberScope(viewer)))
    .limit(1);
  if (!m || !m.name) return null;
  const { epic, phone, name, ...rest } = m;
  return { ...rest, name, epicMasked: maskEpic(epic), phoneMasked: phone ? maskPhone(phone) : "" };
}
