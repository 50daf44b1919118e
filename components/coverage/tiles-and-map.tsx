import Link from "next/link";
import type { Viewer } from "@/lib/auth/viewer";
import type { CoverageRow } from "@/lib/coverage/queries";
import type { ProjectedMap } from "@/lib/coverage/map";
import { coverageMapData } from "@/lib/coverage/pages";
import { canImportBoundaries } from "@/lib/coverage/service";
import { formatNumber, formatPercent } from "@/lib/format";
import { unitName, type Locale, type Translate } from "@/lib/i18n";
import { BOUNDARY_UPLOAD_KEYS } from "@/lib/i18n/labels/coverage";
import { pick } from "@/lib/i18n/pick";
import { BoundaryUpload } from "@/components/coverage/boundary-upload";
import { bandOf, BANDS } from "@/components/coverage/bands";

const tileHref = (r: CoverageRow) => `/coverage?by=ac&ac=${r.key}#uncovered`;

function label(t: Translate, locale: Locale, r: CoverageRow) {
  return t("coverage.tileLabel", {
    name: `${r.key} ${unitName(r, locale)}`,
    percent: formatPercent(r.share, locale),
    covered: formatNumber(r.covered, locale),
    booths: formatNumber(r.booths, locale),
  });
}

export function Legend({ t }: { t: Translate }) {
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-label={t("coverage.legend")}>
      {BANDS.map((b) => (
        <li key={b.label} className="inline-flex items-center gap-1">
          <span aria-hidden className="inline-block h-3 w-4 rounded-sm border border-stone-300" style={{ background: b.fill }} />
          {t(b.label)}
        </li>
      ))}
    </ul>
  );
}

/** One tile per assembly seat in number order, coloured by coverage; each opens that seat's uncovered booths. */
export function TileGrid({ rows, t, locale }: { rows: CoverageRow[]; t: Translate; locale: Locale }) {
  const byNo = [...rows].sort((a, b) => (a.no ?? 0) - (b.no ?? 0));
  return (
    <ul className="grid grid-cols-[repeat(auto-fill,minmax(2.75rem,1fr))] gap-1" data-testid="coverage-tiles">
      {byNo.map((r) => {
        const band = bandOf(r.share);
        return (
          <li key={r.id}>
            <Link
              href={tileHref(r)}
              title={label(t, locale, r)}
              aria-label={label(t, locale, r)}
              className="flex h-11 flex-col items-center justify-center rounded text-xs leading-tight font-semibold tabular-nums outline-offset-1"
              style={{ background: band.fill, color: band.text }}
              data-testid={`tile-${r.key}`}
            >
              <span>{r.key}</span>
              <span className="text-xs font-normal">{formatPercent(r.share, locale)}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/** The seats drawn from their imported boundaries (server-side SVG, no map library, nothing fetched later). */
export function CoverageMap({ map, rows, t, locale }: { map: ProjectedMap; rows: CoverageRow[]; t: Translate; locale: Locale }) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const showNumbers = map.shapes.length <= 40;
  return (
    <svg viewBox={`0 0 ${map.width} ${map.height}`} className="h-auto w-full max-w-xl" role="img" aria-label={t("coverage.map")} data-testid="coverage-map">
      {map.shapes.map((s) => {
        const r = byId.get(s.id);
        if (!r) return null;
        const band = bandOf(r.share);
        return (
          <a key={s.id} href={tileHref(r)} aria-label={label(t, locale, r)}>
            <path d={s.d} fill={band.fill} fillRule="evenodd" stroke="#57534e" strokeWidth={0.6} strokeLinejoin="round">
              <title>{label(t, locale, r)}</title>
            </path>
          </a>
        );
      })}
      {map.shapes.map((s) => {
        const r = byId.get(s.id);
        if (!r) return null;
        return (
          <text
            key={`l${s.id}`}
            x={s.cx}
            y={s.cy}
            textAnchor="middle"
            dominantBaseline="middle"
            fontSize={showNumbers ? 18 : 9}
            fill={bandOf(r.share).text}
            pointerEvents="none"
            aria-hidden
          >
            {r.key}
          </text>
        );
      })}
    </svg>
  );
}

/**
 * The map under the tiles: drawn when boundaries were imported; otherwise a plain sentence (the tiles carry the
 * same figures). An administrator also gets the boundary upload: in the open while there is no map, folded
 * away ("Replace the boundary file") once there is one. The upload keeps its place in the tree either way, so
 * its outcome survives the refresh that draws the map.
 */
export async function MapSection({ viewer, rows, t, locale }: { viewer: Viewer; rows: CoverageRow[]; t: Translate; locale: Locale }) {
  const map = await coverageMapData(viewer, rows.map((r) => r.id));
  return (
    <div className="space-y-3">
      {map ? (
        <figure className="space-y-2">
          <figcaption className="text-sm font-semibold">{t("coverage.map")}</figcaption>
          <CoverageMap map={map} rows={rows} t={t} locale={locale} />
        </figure>
      ) : (
        <p className="text-sm text-muted" data-testid="no-map">
          {t(canImportBoundaries(viewer) ? "coverage.noMapAdmin" : "coverage.noMap")}
        </p>
      )}
      {canImportBoundaries(viewer) ? <BoundaryUpload labels={pick(t, BOUNDARY_UPLOAD_KEYS)} folded={map !== null} /> : null}
    </div>
  );
}
