import type { CoverageLevel, CoverageSort } from "@/lib/coverage/queries";
import { oneOf, positiveInt, slug, type SearchParams } from "@/lib/search-params";

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

export function parseCoverageParams(sp: SearchParams, levels: readonly CoverageLevel[]): CoverageParams {
  return {
    by: oneOf(sp, "by", levels, levels[0]!),
    sort: oneOf(sp, "sort", SORTS, "share"),
    dir: oneOf(sp, "dir", ["asc", "desc"] as const, "asc"),
    ac: positiveInt(sp, "ac", 6),
    district: slug(sp, "district"),
    page: positiveInt(sp, "page", 6) ?? 1,
  };
}
