import Link from "next/link";
import { Suspense } from "react";
import { Pager } from "@/components/ui/pager";
import { secondaryButtonCls } from "@/components/ui/button";
import { EmptyNote } from "@/components/ui/empty-note";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, Td, tdCls, Th } from "@/components/ui/table";
import { UnitSelect } from "@/components/ui/unit-select";
import { Tabs } from "@/components/ui/tabs";
import { withParams } from "@/components/ui/url";
import { CoverageChart } from "@/components/coverage/coverage-chart";
import { CoverageTable } from "@/components/coverage/sections";
import { Legend, MapSection, TileGrid } from "@/components/coverage/tiles-and-map";
import { StatCard } from "@/components/ui/stat-card";
import { postPath } from "@/lib/appointments/posts";
import type { CoveragePageData } from "@/lib/coverage/pages";
import type { CoverageParams } from "@/lib/coverage/search-params";
import { formatNumber, formatPercent } from "@/lib/format";
import { unitName } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";

/** /coverage: totals, coverage by level (chart and table), seat tiles and map, and the uncovered booths. */
export async function CoverageView({ viewer, levels, p, totals, rows, acRows, acs, ac, districts, district, uncovered, canAppoint }: CoveragePageData) {
  const { locale, t } = await getT();
  const n = (x: number) => formatNumber(x, locale);
  const scope = t(`scope.${viewer.scope.level}`, { name: unitName(viewer.scope, locale) });
  const levelName = t(`coverage.level.${p.by}`);
  const q = (patch: Partial<Record<keyof CoverageParams, string | number | undefined>>) =>
    withParams("/coverage", {
      by: p.by === levels[0] ? undefined : p.by,
      sort: p.sort === "share" ? undefined : p.sort,
      dir: p.dir === "asc" ? undefined : p.dir,
      ac: ac?.key,
      district: district?.key,
      ...patch,
    });
  const exportHref = withParams("/coverage/export", { ac: ac?.key, district: district?.key });

  return (
    <div className="space-y-6">
      <PageHeader title={t("coverage.title")}>
        <p className="text-muted">{scope}</p>
        <p className="mt-1 text-sm text-muted">{t("coverage.goal")}</p>
      </PageHeader>

      <section className="grid grid-cols-1 gap-4 sm:grid-cols-3" aria-label={t("coverage.title")}>
        <StatCard
          label={t("coverage.covered")}
          value={n(totals.covered)}
          detail={t("coverage.coveredDetail", { percent: formatPercent(totals.booths ? totals.covered / totals.booths : null, locale), booths: n(totals.booths) })}
          testId="coverage-covered"
        />
        <StatCard label={t("coverage.uncovered")} value={n(totals.booths - totals.covered)} testId="coverage-uncovered" href="#uncovered" />
        <StatCard label={t("coverage.col.booths")} value={n(totals.booths)} testId="coverage-booths" />
      </section>

      {totals.booths === 0 ? <EmptyNote>{t("coverage.empty")}</EmptyNote> : null}

      <Section headingId="by-level" title={t("coverage.by")} className="space-y-3">
        <Tabs
          label={t("coverage.by")}
          items={levels.map((l) => ({ href: q({ by: l === levels[0] ? undefined : l, page: undefined }), label: t(`coverage.level.${l}`), current: l === p.by }))}
        />
        <CoverageChart
          title={t("coverage.chart", { level: levelName })}
          locale={locale}
          rows={rows.map((r) => ({
            label: r.no !== null ? String(r.no) : unitName(r, locale),
            name: r.no !== null ? `${r.no} ${unitName(r, locale)}` : unitName(r, locale),
            share: r.share,
            covered: r.covered,
            booths: r.booths,
          }))}
        />
        <p className="sr-only">{t("coverage.chartAlt")}</p>
        <CoverageTable rows={rows} p={p} q={q} t={t} locale={locale} levelName={levelName} />
      </Section>

      {acRows.length > 0 ? (
        <Section headingId="tiles" title={t("coverage.tiles")} className="space-y-3">
          <p className="text-sm text-muted">{t("coverage.tilesHint")}</p>
          <Legend t={t} />
          <TileGrid rows={acRows} t={t} locale={locale} />
          <Suspense fallback={<p className="text-sm text-muted">{t("common.loading")}</p>}>
            <MapSection viewer={viewer} rows={acRows} t={t} locale={locale} />
          </Suspense>
        </Section>
      ) : null}

      <section id="uncovered" aria-labelledby="uncovered-title" className="scroll-mt-4 space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="uncovered-title" className="text-lg font-semibold">
              {t("coverage.uncoveredTitle")}
            </h2>
            <p className="text-sm text-muted" data-testid="uncovered-count">
              {t("coverage.uncoveredCount", { count: n(uncovered.total) })}
            </p>
          </div>
          <a href={exportHref} className={`${secondaryButtonCls} print:hidden`} download>
            {t("coverage.download")}
          </a>
        </div>
        <form method="get" action="/coverage#uncovered" className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-3 print:hidden" aria-label={t("appointments.filter.legend")}>
          {p.by !== levels[0] ? <input type="hidden" name="by" value={p.by} /> : null}
          {acs.length > 1 ? (
            <UnitSelect id="uncovered-ac" name="ac" label={t("appointments.filter.ac")} allLabel={t("appointments.filter.allAcs")} units={acs} value={ac?.key} locale={locale} />
          ) : null}
          {districts.length > 1 ? (
            <UnitSelect
              id="uncovered-district"
              name="district"
              label={t("appointments.filter.district")}
              allLabel={t("appointments.filter.allDistricts")}
              units={districts}
              value={district?.key}
              locale={locale}
            />
          ) : null}
          <SubmitButton>{t("appointments.filter.apply")}</SubmitButton>
        </form>
        {uncovered.total === 0 ? (
          <EmptyNote>{t("coverage.noUncovered")}</EmptyNote>
        ) : (
          <>
            <Table
              cards
              label={t("coverage.uncoveredTitle")}
              testId="uncovered-booths"
              head={
                <tr>
                  <Th>{t("appointments.col.booth")}</Th>
                  <Th>{t("appointments.col.ac")}</Th>
                  <Th>{t("appointments.col.district")}</Th>
                  {canAppoint ? (
                    <Th className="print:hidden">
                      <span className="sr-only">{t("appointments.col.action")}</span>
                    </Th>
                  ) : null}
                </tr>
              }
            >
              {uncovered.rows.map((b) => (
                <tr key={b.id} data-testid={`uncovered-${b.code}`}>
                  <th scope="row" className={`${tdCls} text-left font-normal`}>
                    <span className="font-semibold tabular-nums">{b.code}</span>
                    <span className="block text-xs text-muted sm:min-w-40">{unitName({ name: b.name, nameHi: b.nameHi }, locale)}</span>
                  </th>
                  <Td label={t("appointments.col.ac")}>
                    {b.acNo} {unitName({ name: b.acName, nameHi: b.acNameHi }, locale)}
                  </Td>
                  <Td label={t("appointments.col.district")}>
                    <span>
                      {unitName({ name: b.districtName, nameHi: b.districtNameHi }, locale)}
                      {b.blockName ? <span className="block text-xs text-muted">{unitName({ name: b.blockName, nameHi: b.blockNameHi }, locale)}</span> : null}
                    </span>
                  </Td>
                  {canAppoint ? (
                    <td className={`${tdCls} text-right print:hidden`}>
                      <Link href={postPath("it_member", "booth", b.code)} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
                        {t("coverage.appoint")}
                      </Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </Table>
            <Pager
              label={t("coverage.pager", { page: n(uncovered.page), pages: n(uncovered.pageCount) })}
              page={uncovered.page}
              pageCount={uncovered.pageCount}
              hrefFor={(page) => `${q({ page })}#uncovered`}
              prev={t("appointments.prev")}
              next={t("appointments.next")}
            />
          </>
        )}
      </section>
    </div>
  );
}
