"use client";

import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type SortingState,
} from "@tanstack/react-table";
import Link from "next/link";
import { useId, useMemo, useState } from "react";
import { formatDay, formatDecimal, formatNumber, formatPercent } from "@/lib/format";
import type { Locale } from "@/lib/i18n";
import { fill, unpackRows, type DisplayRow, type PackedRows } from "@/lib/progress/display";
import type { TableLabels } from "@/lib/i18n/labels/progress";


const col = createColumnHelper<DisplayRow>();
const PAGE_SIZES = [25, 50, 100];

/**
 * A sortable, filterable, paginated table of units with their progress. Numbers are formatted the Indian
 * way; the table scrolls inside its own container on narrow screens.
 */
export function ProgressTable({
  rows: packed,
  locale,
  labels: l,
  caption,
  exportHref,
  levelLabels,
  testId,
}: {
  rows: PackedRows;
  locale: Locale;
  labels: TableLabels;
  caption: string;
  exportHref?: string;
  /** Shown as a column when rows of several levels are mixed (the lagging table). */
  levelLabels?: Partial<Record<DisplayRow["level"], string>>;
  testId?: string;
}) {
  const rows = useMemo(() => unpackRows(packed), [packed]);
  const n = (x: number | null) => (x === null ? "—" : formatNumber(x, locale));
  const filterId = useId();
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filter, setFilter] = useState("");
  const has = useMemo(
    () => ({
      context: rows.some((r) => r.context),
      target: rows.some((r) => r.target !== null),
      behindSince: rows.some((r) => r.behindSince !== null),
      today: rows.some((r) => r.today !== null),
      booths: rows.some((r) => r.level !== "booth"),
    }),
    [rows],
  );
  const columns = useMemo(() => {
    const num = (id: keyof DisplayRow & string, header: string, render: (r: DisplayRow) => string) =>
      col.accessor((r) => (r[id] === null ? -Infinity : (r[id] as number)), {
        id,
        header,
        cell: (c) => render(c.row.original),
        sortDescFirst: true,
        meta: { numeric: true },
      });
    return [
      ...(levelLabels ? [col.accessor("level", { header: l["progress.col.level"], cell: (c) => levelLabels[c.getValue()] ?? c.getValue() })] : []),
      col.accessor("label", {
        header: l["progress.col.name"],
        sortingFn: (a, b) => a.original.label.localeCompare(b.original.label, undefined, { numeric: true }),
        cell: (c) => {
          const r = c.row.original;
          return (
            <span className="whitespace-nowrap">
              {r.href ? (
                <Link href={r.href} prefetch={false} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
                  {r.label}
                </Link>
              ) : (
                <span className="font-semibold">{r.label}</span>
              )}
              {r.partial ? <span className="ml-1 text-xs text-muted">({l["progress.col.partial"]})</span> : null}
            </span>
          );
        },
      }),
      ...(has.context ? [col.accessor((r) => r.context ?? "", { id: "context", header: l["progress.col.context"], cell: (c) => <span className="whitespace-nowrap text-muted">{c.getValue()}</span> })] : []),
      num("members", l["progress.col.members"], (r) => n(r.members)),
      ...(has.target
        ? [
            num("target", l["progress.col.target"], (r) => n(r.target)),
            num("percent", l["progress.col.percent"], (r) => formatPercent(r.percent, locale)),
            num("expected", l["progress.col.expected"], (r) => n(r.expected)),
            num("behindBy", l["progress.col.behind"], (r) => (r.behindBy ? n(r.behindBy) : r.behindBy === 0 ? "0" : "—")),
            num("daysBehind", l["progress.col.daysBehind"], (r) =>
              r.daysBehind === null ? "—" : formatDecimal(r.daysBehind, locale),
            ),
          ]
        : []),
      ...(has.behindSince
        ? [col.accessor((r) => r.behindSince ?? "", { id: "behindSince", header: l["progress.col.behindSince"], cell: (c) => (c.getValue() ? formatDay(c.getValue(), locale) : "—") })]
        : []),
      ...(has.booths ? [num("booths", l["progress.col.booths"], (r) => n(r.booths))] : []),
      num("covered", l["progress.col.covered"], (r) => n(r.covered)),
      ...(has.today ? [num("today", l["progress.col.today"], (r) => n(r.today))] : []),
    ];
    // eslint-disable-next-line react-hooks/exhaustive-deps -- labels are compared by content: they arrive as new objects on every server render
  }, [has.context, has.target, has.behindSince, has.today, has.booths, JSON.stringify(l), JSON.stringify(levelLabels ?? null), locale]);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table's instance is read during render only, never memoised by the compiler
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, globalFilter: filter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    globalFilterFn: (row, _id, value: string) => {
      const q = value.trim().toLowerCase();
      const r = row.original;
      return !q || r.label.toLowerCase().includes(q) || r.key.toLowerCase().includes(q) || (r.context ?? "").toLowerCase().includes(q);
    },
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    initialState: { pagination: { pageSize: PAGE_SIZES[0]!, pageIndex: 0 } },
    autoResetPageIndex: true,
  });
  const visible = table.getFilteredRowModel().rows.map((r) => r.original);
  const sum = (f: (r: DisplayRow) => number | null) => visible.reduce((a, r) => a + (f(r) ?? 0), 0);
  const { pageIndex, pageSize } = table.getState().pagination;
  const paged = visible.length > PAGE_SIZES[0]!;
  const from = visible.length === 0 ? 0 : pageIndex * pageSize + 1;
  const to = Math.min(visible.length, (pageIndex + 1) * pageSize);
  const totals: Record<string, string> = {
    members: n(sum((r) => r.members)),
    target: visible.some((r) => r.target !== null) ? n(sum((r) => r.target)) : "—",
    booths: n(sum((r) => r.booths)),
    covered: n(sum((r) => r.covered)),
    today: n(sum((r) => r.today)),
  };
  return (
    <div className="space-y-2" data-testid={testId}>
      <div className="flex flex-wrap items-end justify-between gap-2">
        {rows.length > 8 ? (
          <div>
            <label htmlFor={filterId} className="block text-xs text-muted">
              {fill(l["progress.table.filterLabel"], { what: caption })}
            </label>
            <input
              id={filterId}
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              placeholder={l["progress.table.filter"]}
              className="w-56 max-w-full rounded-md border border-stone-300 px-2 py-1 text-sm"
            />
          </div>
        ) : (
          <span />
        )}
        {exportHref ? (
          <a href={exportHref} download className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-stone-100">
            {l["progress.export.csv"]}
          </a>
        ) : null}
      </div>
      <div className="relative overflow-x-auto rounded-lg border border-stone-200 bg-white" role="region" aria-label={`${caption}. ${l["progress.table.scroll"]}`} tabIndex={0}>
        <table className="min-w-full text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-stone-50 text-left text-xs text-muted">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const sorted = h.column.getIsSorted();
                  const numeric = (h.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric;
                  return (
                    <th
                      key={h.id}
                      scope="col"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                      className={`whitespace-nowrap px-3 py-2 font-semibold ${numeric ? "text-right" : ""}`}
                    >
                      <button type="button" onClick={h.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 hover:text-ink">
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        <span aria-hidden="true">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => {
              const lagging = (row.original.daysBehind ?? 0) > 0;
              return (
                <tr key={row.id} className={`border-t border-stone-100 ${lagging ? "bg-orange-50/60" : ""}`} data-lagging={lagging || undefined}>
                  {row.getVisibleCells().map((cell) => {
                    const numeric = (cell.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric;
                    return (
                      <td key={cell.id} className={`px-3 py-1.5 ${numeric ? "text-right tabular-nums whitespace-nowrap" : ""}`} data-col={cell.column.id}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
            {visible.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="px-3 py-4 text-center text-muted">
                  {l["progress.table.noRows"]}
                </td>
              </tr>
            ) : null}
          </tbody>
          {visible.length > 1 ? (
            <tfoot className="border-t-2 border-stone-200 bg-stone-50 font-semibold">
              <tr data-testid={testId ? `${testId}-total` : undefined}>
                {table.getVisibleLeafColumns().map((c, i) => {
                  const numeric = (c.columnDef.meta as { numeric?: boolean } | undefined)?.numeric;
                  return (
                    <td key={c.id} className={`px-3 py-1.5 ${numeric ? "text-right tabular-nums whitespace-nowrap" : ""}`} data-col={c.id}>
                      {i === 0 ? l["progress.col.total"] : (totals[c.id] ?? "")}
                    </td>
                  );
                })}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      {paged ? (
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <span className="text-muted" aria-live="polite">
            {fill(l["progress.table.rows"], { from: formatNumber(from, locale), to: formatNumber(to, locale), total: formatNumber(visible.length, locale) })}
          </span>
          <div className="flex items-center gap-2">
            <label className="text-muted">
              {l["progress.table.pageSize"]}{" "}
              <select value={pageSize} onChange={(e) => table.setPageSize(Number(e.target.value))} className="rounded-md border border-stone-300 px-1 py-0.5">
                {PAGE_SIZES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()} className="rounded-md border border-stone-300 px-2 py-1 disabled:opacity-40">
              {l["progress.table.prev"]}
            </button>
            <button type="button" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()} className="rounded-md border border-stone-300 px-2 py-1 disabled:opacity-40">
              {l["progress.table.next"]}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
