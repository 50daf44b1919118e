import Link from "next/link";
import { MembersTable } from "@/components/members/members-table";
import { Pagination } from "@/components/members/pagination";
import { MemberSearchForm } from "@/components/members/search-form";
import { buttonClass, buttonCls } from "@/components/ui/button";
import { StatCard } from "@/components/ui/stat-card";
import { can } from "@/lib/auth/permissions";
import { formatNumber } from "@/lib/format";
import { unitName } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import { EXPORT_CAP } from "@/lib/members/export";
import type { MembersPageData } from "@/lib/members/pages";
import { EmptyNote } from "@/components/ui/empty-note";

/** /members: search the scope's members (masked), page through them, export and open one. */
export async function MembersView({ viewer, q, page, sort, erased, result, total, maxPage }: MembersPageData) {
  const { locale, t } = await getT();
  const scope = t(`scope.${viewer.scope.level}`, { name: unitName(viewer.scope, locale) });
  const params: Record<string, string> = {};
  if (q) params.q = q;
  if (sort !== "new") params.sort = sort;
  const n = (x: number) => formatNumber(x, locale);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold">{t("members.title")}</h1>
          <p className="text-muted">{t("members.subtitle", { scope })}</p>
        </div>
        {can(viewer, "members.create") ? (
          <Link href="/members/new" className={buttonCls}>
            {t("members.new")}
          </Link>
        ) : null}
      </div>

      {erased ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 p-3 text-sm text-ok" data-testid="erased-notice">
          {t("members.erasedNotice", { no: erased })}
        </p>
      ) : null}

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <StatCard label={t("members.total")} value={n(total)} testId="members-total" />
      </div>

      <MemberSearchForm q={q} sort={sort} t={t} />

      {result.booth ? (
        <p className="text-sm" data-testid="booth-total">
          {t("members.boothTotal", {
            code: result.booth.code,
            name: unitName(result.booth, locale),
            n: n(result.booth.members),
          })}
        </p>
      ) : null}

      <section aria-live="polite" className="space-y-3">
        {result.query.kind === "tooShort" ? (
          <EmptyNote>{t("members.tooShort")}</EmptyNote>
        ) : result.rows.length === 0 ? (
          <EmptyNote testId="members-empty">
            {q && page === 1 ? t("members.empty", { q }) : t("members.emptyAll")}
          </EmptyNote>
        ) : (
          <MembersTable rows={result.rows} t={t} locale={locale} showDistrict={viewer.scope.level !== "district"} />
        )}
        <div className="flex flex-wrap items-center justify-between gap-3">
          <Pagination page={result.page} hasNext={result.hasNext && result.page < maxPage} params={params} t={t} />
          {can(viewer, "members.export") ? (
            <div className="flex max-w-xl flex-wrap items-center gap-x-3 gap-y-1 print:hidden">
              {/* The file is the list as searched and sorted here: the same q and sort. */}
              <a
                href={`/members/export${Object.keys(params).length ? `?${new URLSearchParams(params).toString()}` : ""}`}
                className={buttonClass("secondary", "sm")}
                aria-describedby="members-export-note"
                data-testid="members-export"
                download
              >
                {t("members.export")}
              </a>
              <p id="members-export-note" className="min-w-0 flex-1 basis-64 text-sm text-muted" data-testid="members-export-note">
                {t(`members.exportOrder.${sort}`)} {t("members.exportNote", { cap: n(EXPORT_CAP), name: `first-${EXPORT_CAP}` })}
                {!q && total > EXPORT_CAP ? <strong className="block font-semibold text-ink">{t("members.exportCapped", { total: n(total), cap: n(EXPORT_CAP) })}</strong> : null}
              </p>
            </div>
          ) : null}
        </div>
        {result.hasNext && result.page >= maxPage ? <p className="text-sm text-muted">{t("members.maxPage", { n: maxPage })}</p> : null}
      </section>
    </div>
  );
}
