import "server-only";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/session";
import { listTokens, searchPosts } from "@/lib/members/api/tokens";
import { parseTokensParams } from "@/lib/members/search-params";
import type { SearchParams } from "@/lib/search-params";

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
