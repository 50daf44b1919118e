"use client";

/**
 * Progress charts. Client components fed plain rows computed on the server; colours come from the theme's
 * --chart-1…5 variables. Each chart has a table or text alternative next to it (see unit-view.tsx). They load
 * when in view (lazy-charts.tsx); the pace chart at the top of a page is pace-chart.tsx, drawn without Recharts.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  Rectangle,
  Tooltip,
  XAxis,
  YAxis,
  type BarShapeProps,
} from "recharts";
import { formatCompact, formatDay, formatNumber, formatShortDay } from "@/lib/format";
import type { Locale } from "@/lib/i18n";
import type { ChartLabels } from "@/lib/i18n/labels/progress";
import type { ChildBar } from "@/lib/progress/display";
import type { DailyPoint } from "@/lib/progress/pace";

const COLORS = {
  lagging: "var(--chart-1)",
  onPace: "var(--chart-2)",
  target: "var(--chart-3)",
  accent: "var(--chart-4)",
  neutral: "var(--chart-5)",
  noTarget: "var(--chart-5)",
};

function compact(locale: Locale) {
  return (v: number) => formatCompact(v, locale);
}

const shortDay = (locale: Locale) => (d: string) => formatShortDay(d, locale);

const truncate = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);


/** A unit's target as a tick across its bar. */
function TargetTick(props: { cx?: number; cy?: number; payload?: ChildBar }) {
  const { cx, cy, payload } = props;
  if (cx === undefined || cy === undefined || payload?.target === null || payload?.target === undefined) return <g />;
  return <rect x={cx - 1.5} y={cy - 10} width={3} height={20} fill={COLORS.target} />;
}

/**
 * Members of each child unit: against its target (bars sorted by share of target, laggards highlighted), or,
 * where no unit has a target, the units with most members. Counts only: the axis ticks are whole numbers.
 */
export function ChildrenChart({
  rows,
  locale,
  labels,
}: {
  rows: ChildBar[];
  locale: Locale;
  labels: ChartLabels;
}) {
  const fmt = compact(locale);
  const height = Math.max(140, rows.length * (rows.length > 20 ? 18 : 26) + 64);
  const statuses = new Set(rows.map((r) => r.status));
  // Without any target every bar is plain members: nothing to tell apart, no legend.
  const anyTarget = rows.some((r) => r.target !== null);
  return (
    <div>
      <ComposedChart layout="vertical" data={rows} responsive style={{ width: "100%", height }} margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" tickFormatter={fmt} fontSize={12} allowDecimals={false} />
        <YAxis type="category" dataKey="label" width={128} interval={0} fontSize={rows.length > 20 ? 11 : 12} tickFormatter={(v: string) => truncate(v, 20)} />
        <Tooltip
          formatter={(value, name) => [typeof value === "number" ? formatNumber(value, locale) : String(value ?? "—"), String(name)]}
          labelFormatter={(label) => String(label)}
        />
        <Bar
          dataKey="members"
          name={labels["progress.chart.members"]}
          barSize={rows.length > 20 ? 10 : 14}
          fill={COLORS.onPace}
          isAnimationActive={false}
          shape={(p: BarShapeProps) => <Rectangle {...p} fill={COLORS[(p.payload as ChildBar | undefined)?.status ?? "noTarget"]} />}
        />
        <Line dataKey="target" name={labels["progress.chart.target"]} stroke="none" dot={<TargetTick />} activeDot={false} isAnimationActive={false} legendType="rect" />
      </ComposedChart>
      {anyTarget ? (
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted" aria-hidden="true">
          {(["lagging", "onPace", "noTarget"] as const)
            .filter((k) => statuses.has(k))
            .map((k) => (
              <li key={k}>
                <span className="mr-1 inline-block h-2.5 w-2.5 align-middle" style={{ background: COLORS[k] }} />
                {labels[`progress.chart.${k}`]}
              </li>
            ))}
          <li>
            <span className="mr-1 inline-block h-3 w-1 align-middle" style={{ background: COLORS.target }} />
            {labels["progress.chart.target"]}
          </li>
        </ul>
      ) : null}
    </div>
  );
}

/** Sign-ups per day with the trailing 7-day average. */
export function DailyChart({ points, locale, labels }: { points: DailyPoint[]; locale: Locale; labels: ChartLabels }) {
  const fmt = compact(locale);
  return (
    <ComposedChart data={points} responsive style={{ width: "100%", height: 240 }} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="day" tickFormatter={shortDay(locale)} fontSize={12} minTickGap={24} />
      <YAxis tickFormatter={fmt} fontSize={12} width={60} allowDecimals={false} />
      <Tooltip
        labelFormatter={(d) => formatDay(String(d), locale)}
        formatter={(value, name) => [typeof value === "number" ? formatNumber(Math.round(value), locale) : "—", String(name)]}
      />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      <Bar dataKey="members" name={labels["progress.chart.members"]} fill={COLORS.neutral} isAnimationActive={false} />
      <Line dataKey="average" name={labels["progress.chart.average"]} stroke={COLORS.lagging} strokeWidth={2} dot={false} isAnimationActive={false} />
    </ComposedChart>
  );
}

/** Members by channel (app, book, import). */
export function ChannelChart({ rows, locale }: { rows: { label: string; members: number }[]; locale: Locale }) {
  const fmt = compact(locale);
  return (
    <BarChart layout="vertical" data={rows} responsive style={{ width: "100%", height: 150 }} margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
      <CartesianGrid horizontal={false} strokeDasharray="3 3" />
      <XAxis type="number" tickFormatter={fmt} fontSize={12} allowDecimals={false} />
      <YAxis type="category" dataKey="label" width={120} fontSize={12} interval={0} />
      <Tooltip formatter={(value) => (typeof value === "number" ? formatNumber(value, locale) : "—")} />
      <Bar dataKey="members" fill={COLORS.accent} barSize={18} isAnimationActive={false} />
    </BarChart>
  );
}
