/** The URL state of the /enrollers and /it-cell lists (pure: parsed from searchParams, never trusted for scope). */

export type SearchParams = Record<string, string | string[] | undefined>;

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

function one(sp: SearchParams, key: string): string | undefined {
  const v = sp[key];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === "" ? undefined : s.trim();
}

function positive(raw: string | undefined): number | undefined {
  return raw && /^[0-9]{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined;
}

export function parseListParams<Tab extends string>(sp: SearchParams, tabs: readonly Tab[]): ListParams<Tab> {
  const tab = tabs.find((x) => x === one(sp, "tab")) ?? tabs[0]!;
  const show = one(sp, "show");
  const district = one(sp, "district");
  return {
    tab,
    district: district && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(district) ? district : undefined,
    block: positive(one(sp, "block")),
    ac: positive(one(sp, "ac")),
    show: show === "vacant" || show === "untrained" ? show : "all",
    q: one(sp, "q")?.slice(0, 60),
    sort: one(sp, "sort") === "holders" ? "holders" : "code",
    dir: one(sp, "dir") === "desc" ? "desc" : "asc",
    page: positive(one(sp, "page")) ?? 1,
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
