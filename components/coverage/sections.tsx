import { SortTh, Table, tdCls, Td } from "@/components/ui/table";
import type { Viewer } from "@/lib/auth/viewer";
import { coverageMapData } from "@/lib/coverage/pages";
import type { CoverageParams } from "@/lib/coverage/search-params";
import type { CoverageRow, CoverageSort } from "@/lib/coverage/queries";
import { formatNumber, formatPercent } from "@/lib/format";
import { unitName, type Locale, type Translate } from "@/lib/i18n";
import { CoverageMap } from "@/components/coverage/tiles-and-map";

/** The per-unit table, sorted by links (works without JavaScript; the URL keeps the order). */
export function CoverageTable({
  rows,
  p,
  q,
  t,
  locale,
  levelName,
}: {
  rows: CoverageRow[];
  p: CoverageParams;
  q: (patch: Partial<Record<keyof CoverageParams, string | number | undefined>>) => string;
  t: Translate;
  locale: Locale;
  levelName: string;
}) {
  const n = (x: number) => formatNumber(x, locale);
  const header = (sort: CoverageSort, label: string, numeric: boolean) => {
    const current = p.sort === sort ? (p.dir === "asc" ? "ascending" : "descending") : undefined;
    const href = q({ sort: sort === "share" ? undefined : sort, dir: current === "ascending" ? "desc" : undefined, page: undefined });
    return <SortTh href={href} label={label} current={current} sortLabel={t("appointments.sortBy", { column: label })} numeric={numeric} />;
  };
  return (
    <Table
      cards
      label={t("coverage.chart", { level: levelName })}
      testId={`coverage-table-${p.by}`}
      head={
        <tr>
          {header("name", levelName, false)}
          {header("booths", t("coverage.col.booths"), true)}
          {header("covered", t("coverage.col.covered"), true)}
          {header("uncovered", t("coverage.col.uncovered"), true)}
          {header("share", t("coverage.col.share"), true)}
        </tr>
      }
    >
      {rows.map((r) => (
        <tr key={r.id} data-testid={`coverage-row-${p.by}-${r.key}`}>
          <th scope="row" className={`${tdCls} text-left font-semibold`}>
            {r.no !== null ? `${r.no} ` : ""}
            {unitName(r, locale)}
            {r.parentName ? <span className="block text-xs font-normal text-muted">{unitName({ name: r.parentName, nameHi: r.parentNameHi }, locale)}</span> : null}
          </th>
          <Td numeric label={t("coverage.col.booths")}>
            {n(r.booths)}
          </Td>
          <Td numeric label={t("coverage.col.covered")} data-testid="covered">
            {n(r.covered)}
          </Td>
          <Td numeric label={t("coverage.col.uncovered")}>
            {n(r.booths - r.covered)}
          </Td>
          <Td numeric label={t("coverage.col.share")} className="font-semibold">
            {formatPercent(r.share, locale)}
          </Td>
        </tr>
      ))}
    </Table>
  );
}

/** The map, when boundaries were imported; its own Suspense boundary on the page (first read parses them). */
export async function MapSection({ viewer, rows, t, locale }: { viewer: Viewer; rows: CoverageRow[]; t: Translate; locale: Locale }) {
  const map = await coverageMapData(viewer, rows.map((r) => r.id));
  if (!map) return <p className="text-sm text-muted" data-testid="no-map">{t("coverage.noMap")}</p>;
  return (
    <figure className="space-y-2">
      <figcaption className="text-sm font-semibold">{t("coverage.map")}</figcaption>
      <CoverageMap map={map} rows={rows} t={t} locale={locale} />
    </figure>
  );
}
