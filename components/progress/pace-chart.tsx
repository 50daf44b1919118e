"use client";

import { formatCompact, formatShortDay } from "@/lib/format";
import type { Locale } from "@/lib/i18n";
import type { ChartLabels } from "@/lib/i18n/labels/progress";

/** A cumulative point as the page sends it (shared with the table under the chart): [day, members, line, projected]. */
export type PaceRow = readonly [day: string, members: number | null, line: number | null, projected: number | null];

/**
 * Members so far against the straight line to the target, with the recent-rate projection: one small SVG
 * (three paths) with the axis labels in HTML, without Recharts, so the chart at the top of every progress page
 * is in the server's HTML and on screen with the first paint (a client component only so that its points
 * cross to the browser once, shared with the table under it). The plot stretches to its box
 * (lines keep their width); the exact figures are in the table folded under it.
 */
const W = 1000;
const H = 1000;
const COLORS = { members: "var(--chart-2)", line: "var(--chart-3)", projected: "var(--chart-1)" };

/** A round axis maximum (1, 2, 2.5, 5 × a power of ten) at or above `x`, with four steps. */
function niceMax(x: number): number {
  const step = x / 4;
  const p = 10 ** Math.floor(Math.log10(step));
  const m = [1, 1.5, 2, 2.5, 3, 5, 7.5, 10].find((f) => f * p >= step) ?? 10;
  return m * p * 4;
}

type Pt = readonly [number, number];

/** The polyline with the points that lie (within a unit of 1,000) on the line through their neighbours left out. */
function simplify(pts: Pt[], from = 0, to = pts.length - 1, keep: boolean[] = pts.map((_, i) => i === 0 || i === pts.length - 1)): Pt[] {
  const [ax, ay] = pts[from]!;
  const [bx, by] = pts[to]!;
  let worst = -1;
  let far = 1;
  for (let i = from + 1; i < to; i++) {
    const [px, py] = pts[i]!;
    const d = Math.abs(py - (bx === ax ? ay : ay + ((by - ay) * (px - ax)) / (bx - ax)));
    if (d > far) [far, worst] = [d, i];
  }
  if (worst > 0) {
    keep[worst] = true;
    simplify(pts, from, worst, keep);
    simplify(pts, worst, to, keep);
  }
  return from === 0 && to === pts.length - 1 ? pts.filter((_, i) => keep[i]) : pts;
}

export function PaceChart({ rows, locale, labels, withTarget = true }: { rows: readonly PaceRow[]; locale: Locale; labels: ChartLabels; withTarget?: boolean }) {
  const points = rows.map(([day, members, line, projected]) => ({ day, members: members ?? null, line: line ?? null, projected: projected ?? null }));
  const values = points.flatMap((p) => [p.members ?? 0, withTarget ? (p.line ?? 0) : 0, p.projected ?? 0]);
  const max = niceMax(Math.max(4, ...values));
  const last = Math.max(1, points.length - 1);
  const x = (i: number) => Math.round((i / last) * W);
  const y = (v: number) => Math.round(H - (v / max) * H);
  // Each series is one run of days (members up to today, the projection from today on); the straight line
  // to the target and the projection come down to their two ends.
  const path = (get: (p: (typeof points)[number]) => number | null) => {
    const pts: Pt[] = [];
    points.forEach((p, i) => {
      const v = get(p);
      if (v !== null) pts.push([x(i), y(v)]);
    });
    return pts.length ? simplify(pts).map(([px, py], i) => `${i ? "L" : "M"}${px} ${py}`).join("") : "";
  };
  const members = path((p) => p.members);
  const lastMember = points.findLastIndex((p) => p.members !== null);
  const firstMember = points.findIndex((p) => p.members !== null);
  const area = lastMember >= 0 ? `${members}L${x(lastMember)} ${H}L${x(firstMember)} ${H}Z` : "";
  const every = Math.max(1, Math.ceil(points.length / 8));
  const xTicks = points.map((p, i) => ({ day: p.day, i })).filter(({ i }) => i % every === 0);
  const legend = [
    { key: "members", label: labels["progress.chart.members"], swatch: <span className="inline-block h-2.5 w-3 align-middle opacity-60" style={{ background: COLORS.members }} /> },
    ...(withTarget ? [{ key: "line", label: labels["progress.chart.line"], swatch: <span className="inline-block w-4 border-t-2 border-dashed align-middle" style={{ borderColor: COLORS.line }} /> }] : []),
    { key: "projected", label: labels["progress.chart.projected"], swatch: <span className="inline-block w-4 border-t-2 border-dotted align-middle" style={{ borderColor: COLORS.projected }} /> },
  ];
  return (
    <div className="break-inside-avoid" data-testid="pace-chart">
      <div className="relative mt-2 mb-7 ml-11 mr-3 h-52 sm:h-56" aria-hidden="true">
        <div className="absolute inset-y-0 right-full text-xs text-muted tabular-nums [&>span]:absolute [&>span]:right-0 [&>span]:-translate-y-1/2 [&>span]:pr-1.5">
          {[0, 1, 2, 3, 4].map((k) => (
            <span key={k} style={{ top: `${100 - k * 25}%` }}>
              {formatCompact((max * k) / 4, locale)}
            </span>
          ))}
        </div>
        <div className="absolute inset-x-0 top-full mt-1 text-xs text-muted [&>span]:absolute [&>span]:-translate-x-1/2 [&>span]:whitespace-nowrap max-sm:[&>span:nth-child(even)]:hidden">
          {xTicks.map(({ day, i }) => (
            <span key={day} style={{ left: `${Math.round((i / last) * 1000) / 10}%` }}>
              {formatShortDay(day, locale)}
            </span>
          ))}
        </div>
        <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="absolute inset-0 h-full w-full overflow-visible">
          <path d="M0 0H1000M0 250H1000M0 500H1000M0 750H1000" stroke="var(--color-stone-200)" strokeDasharray="3 3" vectorEffect="non-scaling-stroke" fill="none" />
          <path d={`M0 ${H}H${W}`} stroke="var(--color-stone-400)" vectorEffect="non-scaling-stroke" />
          {area ? <path d={area} fill={COLORS.members} fillOpacity={0.25} /> : null}
          {members ? <path d={members} stroke={COLORS.members} strokeWidth={2} fill="none" vectorEffect="non-scaling-stroke" /> : null}
          {withTarget ? <path d={path((p) => p.line)} stroke={COLORS.line} strokeWidth={1.5} strokeDasharray="6 4" fill="none" vectorEffect="non-scaling-stroke" /> : null}
          <path d={path((p) => p.projected)} stroke={COLORS.projected} strokeWidth={1.5} strokeDasharray="2 4" fill="none" vectorEffect="non-scaling-stroke" />
        </svg>
      </div>
      <ul className="flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-muted">
        {legend.map((l) => (
          <li key={l.key}>
            {l.swatch} {l.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
