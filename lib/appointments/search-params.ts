/** The URL state of the /enrollers and /it-cell lists (pure: parsed from searchParams, never trusted for scope). */
import { oneOf, page, positiveInt, slug, text, type SearchParams } from "@/lib/search-params";

export type { SearchParams };

export interface ListParams<Tab extends string> {
  tab: Tab;
  /** District slug. */
  district?: string;
  block?: number;
  /** Assembly seat number. */
  ac?: number;
  show: "all" | "vacant" | "untrained";
  q?: string;
  sort: "code" | "holders";
  dir: "asc" | "desc";
  page: number;
}

export function parseListParams<Tab extends string>(sp: SearchParams, tabs: readonly Tab[]): ListParams<Tab> {
  return {
    tab: oneOf(sp, "tab", tabs, tabs[0]!),
    district: slug(sp, "district"),
    block: positiveInt(sp, "block"),
    ac: positiveInt(sp, "ac"),
    show: oneOf(sp, "show", ["all", "vacant", "untrained"] as const, "all"),
    q: text(sp, "q", 60),
    sort: oneOf(sp, "sort", ["code", "holders"] as const, "code"),
    dir: oneOf(sp, "dir", ["asc", "desc"] as const, "asc"),
    page: page(sp),
  };
}

/** The params as a plain record for building links (page dropped unless asked for). */
export function listQuery<Tab extends string>(p: ListParams<Tab>, patch: Partial<Record<keyof ListParams<Tab>, string | number | undefined>> = {}) {
  const base: Record<string, string | number | undefined> = {
    tab: p.tab,
    district: p.district,
    block: p.block,
    ac: p.ac,
    show: p.show === "all" ? undefined : p.show,
    q: p.q,
    sort: p.sort === "code" ? undefined : p.sort,
    dir: p.dir === "asc" ? undefined : p.dir,
  };
  return { ...base, ...patch };
}
