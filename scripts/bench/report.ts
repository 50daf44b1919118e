/**
 * What `npm run bench` found: the results object written to bench/results.json, the goals it is judged
 * against (met, not met, or not measured), and the tables printed at the end.
 */
import type { ImportTimings } from "@/scripts/bench/imports";
import { latency, type LoadResult } from "@/scripts/bench/load";

export type Measured<T> = T | { notMeasured: string };
export const measured = <T extends object>(m: Measured<T> | undefined): T | undefined => (m && !("notMeasured" in m) ? (m as T) : undefined);

export interface PageFigures {
  name: string;
  small: { p50: number; p95: number };
  large: { p50: number; p95: number };
  /** large p50 ÷ small p50 */
  ratio: number;
}

export interface MixedLoad {
  api: LoadResult;
  dashboard: LoadResult;
  written: number;
  recountDifferences: number;
  recountSeconds: number;
  /** Sign-ups the quality job had not checked when the load ended, and how long one process then took for them. */
  qualityBacklog?: { members: number; seconds: number };
}

export interface Results {
  size: "full" | "small";
  startedAt: string;
  finishedAt?: string;
  machine: { cpus: number; loadStart: number[]; loadEnd?: number[] };
  members: { small: number; large: number; pglite: number };
  seed: Record<string, { seconds: number; reused: boolean }>;
  pages?: Measured<{ rounds: number; warmup: number; pages: PageFigures[] }>;
  naive?: Measured<{ smallMs: number; largeMs: number; ratio: number; groups: number }>;
  load?: Measured<LoadResult>;
  pglite?: Measured<LoadResult>;
  /** The mixed load with one process serving the API and the dashboards. */
  mixed?: Measured<MixedLoad>;
  /** The same with the API on a process of its own and the dashboards on another (two `next start`, one database). */
  mixedSplit?: Measured<MixedLoad>;
  imports?: Measured<ImportTimings>;
  qualityScan?: Measured<{ members: number; seconds: number }>;
  /** One state's overview rollup (the largest state) in a database of all India's booths, and the whole country's. */
  rollup?: Measured<{
    booths: number;
    cells: number;
    boothLevelMs: number;
    cellMs: number;
    state?: string;
    stateBooths?: number;
    allIndia?: { cells: number; boothLevelMs: number; cellMs: number };
  }>;
  browser?: Measured<{ lcpMs: number; jsGzipBytes: number; htmlBytes: number }>;
  goals?: Goal[];
  errors: { step: string; message: string }[];
}

export interface Goal {
  goal: string;
  value: string;
  /** null: not measured. */
  met: boolean | null;
}

const lakh = (n: number) => (n >= 100_000 ? `${+(n / 100_000).toFixed(1)} lakh` : n.toLocaleString("en-IN"));

export function goals(r: Results): Goal[] {
  const big = lakh(r.members.large);
  const out: Goal[] = [];
  const add = (goal: string, value: string | undefined, met: boolean | undefined) =>
    out.push({ goal, value: value ?? "—", met: value === undefined ? null : Boolean(met) });
  const load = measured(r.load);
  add(
    `/ with ${load?.connections ?? 50} clients on PostgreSQL at ${big}: ≥ 50 req/s, p95 < 500 ms, 0 errors`,
    load && `${load.okPerSecond.toFixed(1)} req/s, p95 ${latency(load.p95)}, ${load.non2xx + load.errors + load.timeouts} errors`,
    load && load.okPerSecond >= 50 && load.p95 !== null && load.p95 < 500 && load.non2xx + load.errors + load.timeouts === 0,
  );
  const pg = measured(r.pglite);
  add(`PGlite demo (${lakh(r.members.pglite)}), / with ${pg?.connections ?? 20} clients: ≥ 30 req/s`, pg && `${pg.okPerSecond.toFixed(1)} req/s`, pg && pg.okPerSecond >= 30);
  const rollup = measured(r.rollup);
  add(
    `a state's overview rollup (${rollup?.state ?? "largest state"}) at ${rollup ? lakh(rollup.booths) : "all-India"} booths: < 20 ms`,
    rollup && `${rollup.cellMs.toFixed(1)} ms (booth-level ${rollup.boothLevelMs.toFixed(1)} ms)`,
    rollup && rollup.cellMs < 20,
  );
  const pages = measured(r.pages);
  const slowest = pages?.pages.reduce((a, b) => (b.large.p50 > a.large.p50 ? b : a));
  add(`every page p50 < 100 ms over HTTP at ${big}`, slowest && `slowest ${slowest.name} ${slowest.large.p50.toFixed(1)} ms`, slowest && slowest.large.p50 < 100);
  const worst = pages?.pages.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  add(`${big} ÷ ${lakh(r.members.small)} page p50 ratio < 1.3`, worst && `worst ${worst.name} ${worst.ratio.toFixed(2)}`, worst && worst.ratio < 1.3);
  // Judged on the deployment's routing (API and dashboards on processes of their own); the one-process figure
  // is printed beside it, and in the load table.
  const mixed = measured(r.mixed);
  const split = measured(r.mixedSplit);
  add(
    `API ≥ 500 sign-ups/s (${split?.api.connections ?? 50} clients) while ${split?.dashboard.connections ?? 10} dashboard clients load / (API on a process of its own)`,
    split && `${split.api.okPerSecond.toFixed(1)} sign-ups/s${mixed ? ` (one process for both: ${mixed.api.okPerSecond.toFixed(1)})` : ""}`,
    split && split.api.okPerSecond >= 500,
  );
  const browser = measured(r.browser);
  add("LCP of / < 1.5 s at 4× CPU slowdown", browser && `${browser.lcpMs.toFixed(0)} ms`, browser && browser.lcpMs < 1500);
  add("JS of / ≤ 250 KB gzip", browser && `${(browser.jsGzipBytes / 1000).toFixed(1)} KB`, browser && browser.jsGzipBytes <= 250_000);
  return out;
}

function table(title: string, head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [`\n${title}`, line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const ms = (x: number) => x.toFixed(1);
const why = (m: { notMeasured: string } | object | undefined) => (m && "notMeasured" in m ? `not measured: ${m.notMeasured}` : "not run");

export function printReport(r: Results): void {
  const small = lakh(r.members.small);
  const big = lakh(r.members.large);
  const pages = measured(r.pages);
  console.log(
    pages
      ? table(
          `Pages over HTTP, signed in, whole response (ms; ${pages.rounds} rounds after ${pages.warmup} warm-up)`,
          ["page", `p50 ${small}`, `p95 ${small}`, `p50 ${big}`, `p95 ${big}`, "ratio"],
          pages.pages.map((p) => [p.name, ms(p.small.p50), ms(p.small.p95), ms(p.large.p50), ms(p.large.p95), p.ratio.toFixed(2)]),
        )
      : `\nPages: ${why(r.pages)}`,
  );
  const naive = measured(r.naive);
  console.log(
    naive
      ? `\nNaive totals (COUNT(*) over members GROUP BY ac, district, standing; ${naive.groups} groups): ${ms(naive.smallMs)} ms at ${small}, ` +
          `${ms(naive.largeMs)} ms at ${big}, ratio ${naive.ratio.toFixed(1)} — the pages read counters instead`
      : `\nNaive totals: ${why(r.naive)}`,
  );
  const loads: [string, Measured<LoadResult> | undefined][] = [
    [`/ on PostgreSQL at ${big}`, r.load],
    [`/ on the PGlite demo at ${lakh(r.members.pglite)}`, r.pglite],
  ];
  const mixed = measured(r.mixed);
  const loadRows = loads.map(([name, m]) => {
    const x = measured(m);
    return x ? loadRow(name, x) : [name, why(m), "", "", "", "", ""];
  });
  const split = measured(r.mixedSplit);
  if (mixed) loadRows.push(loadRow("mixed, one process: POST /api/v1/members (201/s)", mixed.api), loadRow("mixed, one process: / meanwhile", mixed.dashboard));
  else loadRows.push(["mixed, one process", why(r.mixed), "", "", "", "", ""]);
  if (split) loadRows.push(loadRow("mixed, API's own process: POST (201/s)", split.api), loadRow("mixed, dashboards' process: / meanwhile", split.dashboard));
  else loadRows.push(["mixed, two processes", why(r.mixedSplit), "", "", "", "", ""]);
  console.log(table("Load (autocannon, separate processes)", ["run", "clients", "ok/s", "p50", "p95", "p99", "errors/non-2xx"], loadRows));
  for (const [name, m] of [["one process", mixed], ["two processes", split]] as const) {
    if (m) {
      const backlog = m.qualityBacklog ? `; quality job's backlog ${m.qualityBacklog.members} sign-ups, checked after the load in ${m.qualityBacklog.seconds.toFixed(1)} s` : "";
      console.log(`mixed (${name}): ${m.written} members written; counters vs recount: ${m.recountDifferences === 0 ? "equal" : `${m.recountDifferences} differences`} (recount ${m.recountSeconds.toFixed(1)} s)${backlog}`);
    }
  }
  const im = measured(r.imports);
  const scan = measured(r.qualityScan);
  const rows: string[][] = [];
  if (im) {
    for (const [name, t] of Object.entries(im)) rows.push([name, t.rows.toLocaleString("en-IN"), t.seconds.toFixed(1), Math.round(t.rowsPerSecond).toLocaleString("en-IN"), t.outcome]);
  } else rows.push(["imports", why(r.imports), "", "", ""]);
  rows.push(scan ? ["quality scan (large db)", scan.members.toLocaleString("en-IN"), scan.seconds.toFixed(1), Math.round(scan.members / scan.seconds).toLocaleString("en-IN"), ""] : ["quality scan", why(r.qualityScan), "", "", ""]);
  console.log(table("Imports and scan", ["what", "rows", "s", "rows/s", "outcome"], rows));
  const rollup = measured(r.rollup);
  console.log(
    rollup
      ? `\nRollup at ${rollup.booths.toLocaleString("en-IN")} booths, ${rollup.state ?? "one state"}'s overview (${rollup.stateBooths?.toLocaleString("en-IN") ?? "?"} booths, ${rollup.cells} cells): booth-level ${ms(rollup.boothLevelMs)} ms, cells ${ms(rollup.cellMs)} ms` +
          (rollup.allIndia ? `; all India in one statement (${rollup.allIndia.cells} cells): booth-level ${ms(rollup.allIndia.boothLevelMs)} ms, cells ${ms(rollup.allIndia.cellMs)} ms` : "")
      : `\nRollup: ${why(r.rollup)}`,
  );
  const browser = measured(r.browser);
  console.log(browser ? `Browser (/): LCP ${browser.lcpMs.toFixed(0)} ms, JS ${(browser.jsGzipBytes / 1000).toFixed(1)} KB gzip, HTML ${(browser.htmlBytes / 1000).toFixed(1)} KB` : `Browser: ${why(r.browser)}`);
  console.log(table("Goals", ["goal", "measured", ""], (r.goals ?? []).map((g) => [g.goal, g.value, g.met === null ? "not measured" : g.met ? "met" : "NOT MET"])));
  console.log(`\nload average: ${r.machine.loadStart.map((x) => x.toFixed(2)).join(" ")} at start, ${(r.machine.loadEnd ?? []).map((x) => x.toFixed(2)).join(" ")} at the end (${r.machine.cpus} cores; other work slows every figure)`);
  if (r.errors.length > 0) {
    console.log(`\nERRORS (${r.errors.length}):`);
    for (const e of r.errors) console.log(`  ${e.step}: ${e.message}`);
  }
}

function loadRow(name: string, x: LoadResult): string[] {
  return [name, String(x.connections), x.okPerSecond.toFixed(1), latency(x.p50), latency(x.p95), latency(x.p99), `${x.errors + x.timeouts} / ${x.non2xx}`];
}
