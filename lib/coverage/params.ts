import type { CoverageLevel, CoverageSort } from "./queries";

/** The URL state of /coverage (pure). Filters narrow inside the viewer's scope; they never widen it. */
export interface CoverageParams {
  by: CoverageLevel;
  sort: CoverageSort;
  dir: "asc" | "desc";
  /** Assembly seat number. */
  ac?: number;
  /** District slug. */
  district?: string;
  page: number;
}

const SORTS: readonly CoverageSort[] = ["name", "booths", "covered", "uncovered", "share"];

export function parseCoverageParams(sp: Record<string, string | string[] | undefined>, levels: readonly CoverageLevel[]): CoverageParams {
  const one = (k: string) => {
    const v = sp[k];
    return (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
  };
  const num = (k: string) => {
    const v = one(k);
    return v && /^[0-9]{1,6}$/.test(v) && Number(v) > 0 ? Number(v) : undefined;
  };
  const district = one("district");
  return {
    by: levels.find((l) => l === one("by")) ?? levels[0]!,
    sort: SORTS.find((s) => s === one("sort")) ?? "share",
    dir: one("dir") === "desc" ? "desc" : "asc",
    ac: num("ac"),
    district: district && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(district) ? district : undefined,
    page: num("page") ?? 1,
  };
}
