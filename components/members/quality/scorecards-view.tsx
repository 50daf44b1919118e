import Link from "next/link";
import { SuspendToken } from "@/components/members/quality/suspend-token";
import { Badge } from "@/components/ui/badge";
import { linkCls } from "@/components/ui/button";
import { EmptyNote } from "@/components/ui/empty-note";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { SortTh, Table, Td, tdCls, Th } from "@/components/ui/table";
import { formatNumber, formatPercent } from "@/lib/format";
import { unitName } from "@/lib/i18n";
import { SUSPEND_KEYS } from "@/lib/i18n/labels/scorecards";
import { pick } from "@/lib/i18n/pick";
import { getT } from "@/lib/i18n/server";
import type { ScorecardsPageData } from "@/lib/members/quality/pages";
import type { ScorecardRow, ScorecardSort, SortDir } from "@/lib/members/quality/scorecards";

const NUMERIC: { sort: Exclude<ScorecardSort, "name">; key: `scorecards.col.${Exclude<ScorecardSort, "name">}` }[] = [
  { sort: "quality", key: "scorecards.col.quality" },
  { sort: "signups", key: "scorecards.col.signups" },
  { sort: "flagged", key: "scorecards.col.flagged" },
  { sort: "voided", key: "scorecards.col.voided" },
  { sort: "disowned", key: "scorecards.col.disowned" },
  { sort: "bursts", key: "scorecards.col.bursts" },
];

/** The review queue narrowed to one enroller: the token's sign-ups, or everything a worker brought in. */
function reviewHref(r: ScorecardRow): string {
  return `/quality?enroller=${r.tokenId !== null ? `t${r.tokenId}` : `w${r.workerId}`}`;
}

/** /quality/enrollers: every enroller of the scope with sign-ups, flagged, voided, disowned and bursts; sortable. */
export async function ScorecardsView({ p, rows, total, page, pages, canSuspend, scope }: ScorecardsPageData) {
  const { locale, t } = await getT();
  const n = (x: number) => formatNumber(x, locale);
  const href = (params: { sort?: ScorecardSort; dir?: SortDir; page?: number; suspended?: string }) => {
    const sort = params.sort ?? p.sort;
    const u = new URLSearchParams({ sort, dir: params.dir ?? p.dir });
    if ((params.page ?? 1) > 1) u.set("page", String(params.page));
    if (params.suspended) u.set("suspended", params.suspended);
    return `/quality/enrollers?${u.toString()}`;
  };
  /** A column's header link: the current column flips its direction; another starts at its natural one. */
  const sortTh = (sort: ScorecardSort, label: string, numeric = true) => {
    const active = p.sort === sort;
    const dir: SortDir = active ? (p.dir === "asc" ? "desc" : "asc") : sort === "name" ? "asc" : "desc";
    return (
      <SortTh
        key={sort}
        href={href({ sort, dir })}
        label={label}
        current={active ? (p.dir === "asc" ? "ascending" : "descending") : undefined}
        sortLabel={t("scorecards.sortBy", { column: label })}
        numeric={numeric}
      />
    );
  };
  // The share only where there is something to share: a column of "0%" under zeros says nothing.
  const share = (count: number, of: number | null) => (
    <>
      {n(count)}
      {count > 0 ? <span className="block text-xs text-muted">{formatPercent(of, locale)}</span> : null}
    </>
  );
  const suspendLabels = pick(t, SUSPEND_KEYS);
  const showDistrict = scope.level === "state";

  return (
    <div className="space-y-6">
      <PageHeader title={t("scorecards.title")} back={{ href: "/quality", label: t("scorecards.back") }} className="space-y-2">
        <p className="text-muted">{t(`scope.${scope.level}`, { name: unitName(scope, locale) })}</p>
        <p className="max-w-3xl">{t("scorecards.intro")}</p>
        <p className="max-w-3xl text-sm text-muted">{t("scorecards.definitions")}</p>
      </PageHeader>

      <div role="status" aria-live="polite">
        {p.suspended ? (
          <p className="rounded-md border border-green-200 bg-green-50 p-3 text-sm font-semibold text-ok" data-testid="suspended-banner">
            {t("scorecards.suspended", { prefix: `${p.suspended}…` })}
          </p>
        ) : null}
      </div>

      {rows.length === 0 ? (
        <EmptyNote testId="no-scorecards">{t("scorecards.none")}</EmptyNote>
      ) : (
        <Table
          cards
          testId="scorecards"
          label={t("scorecards.title")}
          caption={t("scorecards.title")}
          head={
            <tr>
              {sortTh("name", t("scorecards.col.enroller"), false)}
              {NUMERIC.map((c) => sortTh(c.sort, t(c.key)))}
              {canSuspend ? <Th className="print:hidden">{t("scorecards.col.action")}</Th> : null}
            </tr>
          }
        >
          {rows.map((r) => (
            <tr key={`${r.workerId}:${r.tokenId ?? "book"}:${r.districtId}`} data-testid="scorecard-row" data-token={r.tokenPrefix ?? ""}>
              <td className={`${tdCls} sm:max-w-64 sm:min-w-36`}>
                <span className="font-semibold">{r.workerName}</span>
                {/* The district only where rows can differ in it (a state's list); the line keeps the numbers in view on a phone. */}
                {showDistrict ? <span className="block text-xs">{unitName({ name: r.districtName, nameHi: r.districtNameHi }, locale)}</span> : null}
                <span className="block text-xs text-muted">
                  {r.tokenPrefix ? (
                    // Only the prefix in the monospace font: it has no Devanagari for the word before it.
                    <>
                      {t("scorecards.token")} <code className="font-mono">{r.tokenPrefix}…</code>
                    </>
                  ) : (
                    t("scorecards.book")
                  )}
                  {r.tokenLabel ? ` · ${r.tokenLabel}` : ""}
                </span>
                {r.tokenRevoked ? <Badge tone="muted">{t("scorecards.tokenSuspended")}</Badge> : null}
                {r.underReview > 0 ? <span className="block text-xs text-warn">{t("scorecards.underReview", { count: n(r.underReview) })}</span> : null}
                {r.flagged > 0 ? (
                  <Link href={reviewHref(r)} className={`block text-xs ${linkCls}`}>
                    {t("scorecards.review")}
                  </Link>
                ) : null}
              </td>
              <Td numeric label={t("scorecards.col.quality")} className="font-semibold" data-testid="quality">
                {n(r.quality)}
              </Td>
              <Td numeric label={t("scorecards.col.signups")} data-testid="signups">
                {n(r.signups)}
              </Td>
              <Td numeric label={t("scorecards.col.flagged")} data-testid="flagged">
                {share(r.flagged, r.flaggedShare)}
              </Td>
              <Td numeric label={t("scorecards.col.voided")} data-testid="voided">
                {share(r.voided, r.voidedShare)}
              </Td>
              <Td numeric label={t("scorecards.col.disowned")} data-testid="disowned">
                {n(r.disowned)}
              </Td>
              <Td numeric label={t("scorecards.col.bursts")} data-testid="bursts">
                {n(r.bursts)}
              </Td>
              {canSuspend ? (
                <td className={`${tdCls} print:hidden`}>
                  {r.tokenId !== null && r.tokenPrefix && !r.tokenRevoked ? (
                    <SuspendToken
                      tokenId={r.tokenId}
                      confirm={t("scorecards.suspendConfirm", { prefix: `${r.tokenPrefix}…`, name: r.workerName })}
                      labels={suspendLabels}
                      doneHref={href({ page, suspended: r.tokenPrefix })}
                    />
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </Table>
      )}
      {pages > 1 ? (
        <Pager
          label={t("scorecards.title")}
          status={t("scorecards.page", { page: n(page), pages: n(pages), total: n(total) })}
          page={page}
          pageCount={pages}
          hrefFor={(pg) => href({ page: pg })}
          prev={t("scorecards.prev")}
          next={t("scorecards.next")}
        />
      ) : null}
    </div>
  );
}
