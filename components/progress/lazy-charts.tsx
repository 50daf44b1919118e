"use client";

/**
 * The Recharts charts, loaded when they come into view (or the page is printed). Recharts is over a third of
 * the JavaScript a progress page would otherwise load up front, for charts below the first screen; until a
 * chart is near the viewport its box keeps its height, so nothing moves when it arrives.
 */
import dynamic from "next/dynamic";
import { useEffect, useMemo, useRef, useState, type ComponentProps, type ReactNode } from "react";
import { chartRows, unpackRows, type PackedRows } from "@/lib/progress/display";
import type { ChannelChart, ChildrenChart, DailyChart } from "@/components/progress/charts";

const Daily = dynamic(() => import("@/components/progress/charts").then((m) => m.DailyChart), { ssr: false });
const Channels = dynamic(() => import("@/components/progress/charts").then((m) => m.ChannelChart), { ssr: false });
const Children = dynamic(() => import("@/components/progress/charts").then((m) => m.ChildrenChart), { ssr: false });

function WhenInView({ minHeight, children }: { minHeight: number; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || shown) return;
    const show = () => setShown(true);
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && show(), { rootMargin: "100px 0px" });
    io.observe(el);
    // Paper gets every chart, seen or not.
    window.addEventListener("beforeprint", show);
    return () => {
      io.disconnect();
      window.removeEventListener("beforeprint", show);
    };
  }, [shown]);
  return (
    <div ref={ref} style={{ minHeight }} data-chart-loaded={shown || undefined}>
      {shown ? children : null}
    </div>
  );
}

/** A day as the page sends it (shared with the table under the chart): [day, members, 7-day average]. */
export type DailyRow = readonly [day: string, members: number, average: number];

export function LazyDailyChart({ rows, ...props }: Omit<ComponentProps<typeof DailyChart>, "points"> & { rows: readonly DailyRow[] }) {
  return (
    <WhenInView minHeight={240}>
      <Daily points={rows.map(([day, members, average]) => ({ day, members, average }))} {...props} />
    </WhenInView>
  );
}

export function LazyChannelChart(props: ComponentProps<typeof ChannelChart>) {
  return (
    <WhenInView minHeight={150}>
      <Channels {...props} />
    </WhenInView>
  );
}

/** The children's bars, worked out here from the rows the table beside it is given (the page sends them once). */
export function LazyChildrenChart({ rows, ...props }: Omit<ComponentProps<typeof ChildrenChart>, "rows"> & { rows: PackedRows }) {
  const bars = useMemo(() => chartRows(unpackRows(rows)).bars, [rows]);
  const n = bars.length;
  return (
    <WhenInView minHeight={Math.max(140, n * (n > 20 ? 18 : 26) + 64)}>
      <Children rows={bars} {...props} />
    </WhenInView>
  );
}
