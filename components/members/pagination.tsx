import Link from "next/link";
import type { Translate } from "@/lib/i18n";

/** Previous / next links that keep the rest of the query string. */
export function Pagination({
  page,
  hasNext,
  params,
  t,
}: {
  page: number;
  hasNext: boolean;
  params: Record<string, string>;
  t: Translate;
}) {
  const href = (p: number) => `/members?${new URLSearchParams({ ...params, page: String(p) }).toString()}`;
  const link = "rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-stone-100";
  const off = "rounded-md border border-stone-200 px-3 py-1.5 text-sm text-stone-400";
  return (
    <nav aria-label={t("members.pagination")} className="flex items-center gap-3">
      {page > 1 ? (
        <Link href={href(page - 1)} className={link} rel="prev">
          {t("members.prev")}
        </Link>
      ) : (
        <span className={off} aria-disabled="true">
          {t("members.prev")}
        </span>
      )}
      <span className="text-sm text-muted" aria-current="page">
        {t("members.page", { page })}
      </span>
      {hasNext ? (
        <Link href={href(page + 1)} className={link} rel="next">
          {t("members.next")}
        </Link>
      ) : (
        <span className={off} aria-disabled="true">
          {t("members.next")}
        </span>
      )}
    </nav>
  );
}
