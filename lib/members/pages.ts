import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/session";
import { listTokens, searchPosts } from "@/lib/members/api/tokens";
import { verifyVisit } from "@/lib/members/card/verify";
import { listImports } from "@/lib/members/import/web";
import { MEMBERSHIP_NO_PATTERN } from "@/lib/members/query";
import { findMember, MAX_PAGE, scopeMemberTotal, searchMembers } from "@/lib/members/search";
import { parseMembersParams, parseTokensParams } from "@/lib/members/search-params";
import { one, type SearchParams } from "@/lib/search-params";

/** /members/tokens: posts to issue a token for, and the tokens of the viewer's scope (404 without the right). */
export async function tokensPageData(searchParams: Promise<SearchParams>) {
  const viewer = await requireViewer();
  if (!can(viewer, "tokens.manage")) notFound();
  const p = parseTokensParams(await searchParams);
  const db = await getDb();
  const [posts, tokens] = await Promise.all([searchPosts(db, viewer, p.q), listTokens(db, viewer, { page: p.page, filter: p.filter })]);
  return { p, posts, tokens, canImport: can(viewer, "members.create") };
}
export type TokensPageData = Awaited<ReturnType<typeof tokensPageData>>;

/** /members: a search of the scope's members, a page at a time, with the scope's total. */
export async function membersPageData(searchParams: Promise<SearchParams>) {
  const viewer = await requireViewer();
  if (!can(viewer, "members.view")) notFound();
  const p = parseMembersParams(await searchParams);
  const db = await getDb();
  const [result, total] = await Promise.all([searchMembers(db, viewer, { q: p.q, page: p.page, sort: p.sort }), scopeMemberTotal(db, viewer)]);
  return { viewer, ...p, result, total, maxPage: MAX_PAGE };
}
export type MembersPageData = Awaited<ReturnType<typeof membersPageData>>;

/** /members/[membershipNo]: one member of the viewer's scope; anything else (or a malformed number) is 404. */
export async function memberPageData(params: Promise<{ membershipNo: string }>) {
  const viewer = await requireViewer();
  const { membershipNo } = await params;
  if (!can(viewer, "members.view") || !MEMBERSHIP_NO_PATTERN.test(membershipNo)) notFound();
  const m = await findMember(await getDb(), viewer, membershipNo);
  if (!m) notFound();
  return { viewer, m };
}
export type MemberPageData = Awaited<ReturnType<typeof memberPageData>>;

/** /members/new: the paper-book form, for roles that enrol members. */
export async function bookEntryPageData() {
  const viewer = await requireViewer();
  if (!can(viewer, "members.create")) notFound();
  return {};
}
export type BookEntryPageData = Awaited<ReturnType<typeof bookEntryPageData>>;

/** /members/import: the imports the viewer may see. */
export async function membersImportPageData() {
  const viewer = await requireViewer();
  if (!can(viewer, "members.create")) notFound();
  return { viewer, imports: await listImports(await getDb(), viewer) };
}
export type MembersImportPageData = Awaited<ReturnType<typeof membersImportPageData>>;

/** /verify/[membershipNo] (public): the visit checked and rate-limited by verifyVisit, with or without the card's signature. */
export async function verifyPageData(params: Promise<{ membershipNo: string }>, searchParams: Promise<SearchParams>) {
  const { membershipNo } = await params;
  const sig = one(await searchParams, "s");
  const result = await verifyVisit(await getDb(), await headers(), membershipNo, sig);
  return { result, shown: membershipNo.slice(0, 24) };
}
export type VerifyPageData = Awaited<ReturnType<typeof verifyPageData>>;
