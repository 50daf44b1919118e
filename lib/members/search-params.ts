import { TOKEN_FILTERS } from "@/lib/members/api/tokens";
import { MEMBERSHIP_NO_PATTERN } from "@/lib/members/query";
import { parsePage, parseSort } from "@/lib/members/search";
import { matching, one, oneOf, page, text, type SearchParams } from "@/lib/search-params";

/** The URL state of /members/tokens (pure): the post search, the list's filter and page, a just-revoked prefix. */
export function parseTokensParams(sp: SearchParams) {
  return {
    q: text(sp, "q", 80) ?? "",
    filter: oneOf(sp, "filter", TOKEN_FILTERS, "active"),
    page: page(sp),
    /** The confirmation after a revoke: the token's public prefix, shown once. */
    revoked: matching(sp, "revoked", /^[A-Za-z0-9_-]{1,12}$/) ?? null,
  };
}
export type TokensParams = ReturnType<typeof parseTokensParams>;

/** The URL state of /members (pure): the search, its page and order, a just-erased member's number. */
export function parseMembersParams(sp: SearchParams) {
  return {
    q: text(sp, "q", 100) ?? "",
    page: parsePage(one(sp, "page")),
    sort: parseSort(one(sp, "sort")),
    /** The confirmation after an erasure. */
    erased: matching(sp, "erased", MEMBERSHIP_NO_PATTERN) ?? null,
  };
}
