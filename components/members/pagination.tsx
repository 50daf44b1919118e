import { Pager } from "@/components/ui/pager";
import type { Translate } from "@/lib/i18n";

/** The members list's pager: previous / next links that keep the rest of the query string. */
export function Pagination({ page, hasNext, params, t }: { page: number; hasNext: boolean; params: Record<string, string>; t: Translate }) {
  const hrefFor = (p: number) => `/members?${new URLSearchParams({ ...params, page: String(p) }).toString()}`;
  return <Pager label={t("members.pagination")} status={t("members.page", { page })} page={page} hasNext={hasNext} hrefFor={hrefFor} prev={t("members.prev")} next={t("members.next")} />;
}
