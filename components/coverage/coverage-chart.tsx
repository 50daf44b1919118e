"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber, formatWholePercent } from "@/lib/format";

export interface CoverageChartRow {
  label: string;
  name: string;
  share: number;
  covered: number;
  booths: number;
}

/** Coverage per unit, lowest first (the table under it is the text alternative). */
export function CoverageChart({ rows, title, locale }: { rows: CoverageChartRow[]; title: string; locale: "en" | "hi" }) {
  const data = [...rows].sort((a, b) => a.share - b.share);
  const dense = data.length > 24;
  return (
    <figure className="rounded-lg border border-stone-200 bg-white p-3" data-testid="coverage-chart">
      <figcaption className="mb-2 text-sm font-semibold">{title}</figcaption>
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 8, bottom: dense ? 4 : 24, left: 0 }}>
            <CartesianGrid vertical={false} stroke="#e7e5e4" />
            <XAxis dataKey="label" interval={dense ? "preserveStartEnd" : 0} tick={{ fontSize: 12 }} angle={dense ? 0 : -35} textAnchor={dense ? "middle" : "end"} height={dense ? 20 : 50} />
            <YAxis domain={[0, 1]} tickFormatter={(v: number) => formatWholePercent(v, locale)} width={44} tick={{ fontSize: 12 }} />
            <Tooltip
              formatter={(value, _name, item) => {
                const row = item?.payload as CoverageChartRow | undefined;
                return [`${formatWholePercent(Number(value), locale)} (${formatNumber(row?.covered ?? 0, locale)} / ${formatNumber(row?.booths ?? 0, locale)})`, row?.name ?? ""];
              }}
              labelFormatter={() => ""}
            />
            <Bar dataKey="share" fill="var(--chart-2)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
