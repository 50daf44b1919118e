import { positiveInt, text, type SearchParams } from "@/lib/search-params";

/** The URL state of /targets (pure): the booth list's block, search and page. Filters narrow inside the scope. */
export interface TargetsParams {
  block?: number;
  q?: string;
  page: number;
}

export function parseTargetsParams(sp: SearchParams): TargetsParams {
  return { block: positiveInt(sp, "block"), q: text(sp, "q", 60), page: positiveInt(sp, "page", 6) ?? 1 };
}
