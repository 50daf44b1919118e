import Link from "next/link";
import { Suspense } from "react";
import { Pager } from "@/components/ui/pager";
import { TableBox, tdCls, thCls } from "@/components/ui/table";
import { Tabs } from "@/components/ui/tabs";
import { withParams } from "@/components/ui/url";
import { CoverageChart } from "@/components/coverage/coverage-chart";
import { CoverageTable, MapSection } from "@/components/coverage/sections";
import { Legend, TileGrid } from "@/components/coverage/tiles-and-map";
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
      <div>
        <h1 className="text-2xl font-semibold">{t("coverage.title")}</h1>
        <p className="text-muted">{scope}</p>
        <p className="mt-1 text-sm text-muted">{t("coverage.goal")}</p>
      </div>

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

      {totals.booths === 0 ? <p className="rounded-md border border-dashed border-stone-300 bg-white p-4 text-muted">{t("coverage.empty")}</p> : null}

      <section aria-labelledby="by-level" className="space-y-3">
        <h2 id="by-level" className="text-lg font-semibold">
          {t("coverage.by")}
        </h2>
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
      </section>

      {acRows.length > 0 ? (
        <section aria-labelledby="tiles" className="space-y-3">
          <h2 id="tiles" className="text-lg font-semibold">
            {t("coverage.tiles")}
          </h2>
          <p className="text-sm text-muted">{t("coverage.tilesHint")}</p>
          <Legend t={t} />
          <TileGrid rows={acRows} t={t} locale={locale} />
          <Suspense fallback={<p className="text-sm text-muted">{t("common.loading")}</p>}>
            <MapSection viewer={viewer} rows={acRows} t={t} locale={locale} />
          </Suspense>
        </section>
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
          <a href={exportHref} className="inline-flex min-h-11 items-center rounded-md border border-stone-300 bg-white px-4 font-semibold hover:bg-stone-100" download>
            {t("coverage.download")}
          </a>
        </div>
        <form method="get" action="/coverage#uncovered" className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-3" aria-label={t("appointments.filter.legend")}>
          {p.by !== levels[0] ? <input type="hidden" name="by" value={p.by} /> : null}
          {acs.length > 1 ? (
            <label className="text-sm font-semibold">
              {t("appointments.filter.ac")}
              <select name="ac" defaultValue={ac?.key ?? ""} className="mt-1 block min-h-11 w-full max-w-72 rounded-md border border-stone-300 bg-white px-2">
                <option value="">{t("appointments.filter.allAcs")}</option>
                {acs.map((a) => (
                  <option key={a.id} value={a.key}>
                    {unitName(a, locale)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {districts.length > 1 ? (
            <label className="text-sm font-semibold">
              {t("appointments.filter.district")}
              <select name="district" defaultValue={district?.key ?? ""} className="mt-1 block min-h-11 w-full max-w-72 rounded-md border border-stone-300 bg-white px-2">
                <option value="">{t("appointments.filter.allDistricts")}</option>
                {districts.map((d) => (
                  <option key={d.id} value={d.key}>
                    {unitName(d, locale)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <button type="submit" className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 font-semibold text-white hover:bg-brand-700">
            {t("appointments.filter.apply")}
          </button>
        </form>
        {uncovered.total === 0 ? (
          <p className="rounded-md border border-dashed border-stone-300 bg-white p-4 text-muted">{t("coverage.noUncovered")}</p>
        ) : (
          <>
            <TableBox label={t("coverage.uncoveredTitle")}>
              <table className="w-full text-sm" data-testid="uncovered-booths">
                <thead className="border-b border-stone-200 bg-stone-50">
                  <tr>
                    <th scope="col" className={thCls}>{t("appointments.col.booth")}</th>
                    <th scope="col" className={thCls}>{t("appointments.col.ac")}</th>
                    <th scope="col" className={thCls}>{t("appointments.col.district")}</th>
                    {canAppoint ? (
                      <th scope="col" className={thCls}>
                        <span className="sr-only">{t("appointments.col.action")}</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {uncovered.rows.map((b) => (
                    <tr key={b.id} data-testid={`uncovered-${b.code}`}>
                      <th scope="row" className={`${tdCls} text-left font-normal`}>
                        <span className="font-semibold tabular-nums">{b.code}</span>
                        <span className="block min-w-40 text-xs text-muted">{unitName({ name: b.name, nameHi: b.nameHi }, locale)}</span>
                      </th>
                      <td className={tdCls}>
                        {b.acNo} {unitName({ name: b.acName, nameHi: b.acNameHi }, locale)}
                      </td>
                      <td className={tdCls}>
                        {unitName({ name: b.districtName, nameHi: b.districtNameHi }, locale)}
                        {b.blockName ? <span className="block text-xs text-muted">{unitName({ name: b.blockName, nameHi: b.blockNameHi }, locale)}</span> : null}
                      </td>
                      {canAppoint ? (
                        <td className={`${tdCls} text-right`}>
                          <Link href={postPath("it_member", "booth", b.code)} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
                            {t("coverage.appoint")}
                          </Link>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableBox>
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
