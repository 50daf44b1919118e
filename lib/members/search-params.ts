import { TOKEN_FILTERS } from "@/lib/members/api/tokens";
import { matching, oneOf, page, text, type SearchParams } from "@/lib/search-params";

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
