"use client";

import { createColumnHelper, flexRender, type Cell, type Header } from "@tanstack/react-table";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { cardLabel, TableFilter, type ColumnMeta } from "@/components/ui/data-table";
import { Pager } from "@/components/ui/pager";
import { useClientTable } from "@/components/ui/use-client-table";
import { emptyCellCls, Table } from "@/components/ui/table";
import { useId, useMemo, useSyncExternalStore } from "react";
import { formatDay, formatDecimal, formatNumber, formatPercent } from "@/lib/format";
import type { Locale } from "@/lib/i18n";
import { fill, unpackRows, type DisplayRow, type PackedRows } from "@/lib/progress/display";
import type { TableLabels } from "@/lib/i18n/labels/progress";


const col = createColumnHelper<DisplayRow>();
const PAGE_SIZES = [25, 50, 100];

/**
 * The cells' look is set once on the table's box (`n`: a number, `s`: secondary, left off on paper), not
 * repeated on every cell: with the kit's per-cell classes (DataTableHead, DataCell) a row of thirteen cells was
 * 2 KB of HTML. Same look as the kit's.
 */
const CELLS =
  "[&_td[data-col]]:px-3 [&_td[data-col]]:py-1.5 [&_td.n]:whitespace-nowrap [&_td.n]:text-right [&_td.n]:tabular-nums print:[&_.s]:hidden " +
  "[&_th]:whitespace-nowrap [&_th]:px-3 [&_th]:py-2 [&_th]:text-left [&_th]:text-xs [&_th]:font-semibold [&_th]:uppercase [&_th]:tracking-wide [&_th]:text-muted [&_th.n]:text-right [&_th_button:hover]:text-ink";

/** In the browser, true (after hydration); on the server and while hydrating, the server's answer. */
const noSubscription = () => () => {};

const cellCls = (meta: ColumnMeta) => [meta.numeric ? "n" : "", meta.secondary ? "s" : ""].filter(Boolean).join(" ") || undefined;

function HeadCell({ header }: { header: Header<DisplayRow, unknown> }) {
  const sorted = header.column.getIsSorted();
  const label = flexRender(header.column.columnDef.header, header.getContext());
  return (
    <th
      scope="col"
      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : header.column.getCanSort() ? "none" : undefined}
      className={cellCls((header.column.columnDef.meta ?? {}) as ColumnMeta)}
    >
      {header.column.getCanSort() ? (
        <button type="button" onClick={header.column.getToggleSortingHandler()}>
          {label} <span aria-hidden="true">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
        </button>
      ) : (
        label
      )}
    </th>
  );
}

function BodyCell({ cell }: { cell: Cell<DisplayRow, unknown> }) {
  const cls = cellCls((cell.column.columnDef.meta ?? {}) as ColumnMeta);
  return (
    <td className={cls} data-col={cell.column.id} data-label={cardLabel(cell.column)}>
      {flexRender(cell.column.columnDef.cell, cell.getContext())}
    </td>
  );
}

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
  deferRows = false,
}: {
  rows: PackedRows;
  locale: Locale;
  labels: TableLabels;
  caption: string;
  exportHref?: string;
  /** Shown as a column when rows of several levels are mixed (the lagging table). */
  levelLabels?: Partial<Record<DisplayRow["level"], string>>;
  testId?: string;
  /**
   * The table is drawn in the browser only (the server's HTML has its filter and download, and a blank box of
   * its height): for a table below the first screen, whose rows the page sends anyway as packed props, drawing
   * them on the server too sent every row twice.
   */
  deferRows?: boolean;
}) {
  const rows = useMemo(() => unpackRows(packed), [packed]);
  const mounted = useSyncExternalStore(noSubscription, () => true, () => !deferRows);
  const n = (x: number | null) => (x === null ? "—" : formatNumber(x, locale));
  const filterId = useId();
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
  const labelsKey = JSON.stringify(l);
  const levelKey = JSON.stringify(levelLabels ?? null);
  const columns = useMemo(() => {
    const num = (id: keyof DisplayRow & string, header: string, render: (r: DisplayRow) => string, secondary = false) =>
      col.accessor((r) => (r[id] === null ? -Infinity : (r[id] as number)), {
        id,
        header,
        cell: (c) => render(c.row.original),
        sortDescFirst: true,
        meta: { numeric: true, secondary },
      });
    return [
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
      // The name leads (a phone's card is titled by it), then what kind of unit it is in a mixed list.
      ...(levelLabels ? [col.accessor("level", { header: l["progress.col.level"], cell: (c) => levelLabels[c.getValue()] ?? c.getValue() })] : []),
      ...(has.context
        ? [col.accessor((r) => r.context ?? "", { id: "context", header: l["progress.col.context"], cell: (c) => <span className="whitespace-nowrap text-muted">{c.getValue()}</span>, meta: { secondary: true } })]
        : []),
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
        ? [
            col.accessor((r) => r.behindSince ?? "", {
              id: "behindSince",
              header: l["progress.col.behindSince"],
              cell: (c) => (c.getValue() ? formatDay(c.getValue(), locale) : "—"),
              meta: { secondary: true },
            }),
          ]
        : []),
      ...(has.booths ? [num("booths", l["progress.col.booths"], (r) => n(r.booths))] : []),
      // A booth is covered or not: Yes/No, not 1/0.
      num("covered", l["progress.col.covered"], (r) => (r.level === "booth" ? (r.covered > 0 ? l["progress.col.coveredYes"] : l["progress.col.coveredNo"]) : n(r.covered))),
      ...(has.today ? [num("today", l["progress.col.today"], (r) => n(r.today), true)] : []),
    ];
    // eslint-disable-next-line react-hooks/exhaustive-deps -- labels are compared by content: they arrive as new objects on every server render
  }, [has.context, has.target, has.behindSince, has.today, has.booths, labelsKey, levelKey, locale]);
  const { table, filter, setFilter } = useClientTable({ data: rows, columns, matches: (r, q) => r.label.toLowerCase().includes(q) || r.key.toLowerCase().includes(q) || (r.context ?? "").toLowerCase().includes(q), pageSize: PAGE_SIZES[0]! });
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
      <div className="flex flex-wrap items-end justify-between gap-2 print:hidden">
        {rows.length > 8 ? (
          <TableFilter
            id={filterId}
            label={fill(l["progress.table.filterLabel"], { what: caption })}
            value={filter}
            onChange={setFilter}
            placeholder={l["progress.table.filter"]}
          />
        ) : (
          <span />
        )}
        {exportHref ? (
          <a href={exportHref} download className={buttonClass("secondary", "sm")}>
            {l["progress.export.csv"]}
          </a>
        ) : null}
      </div>
      {!mounted ? (
        <div aria-hidden="true" className="rounded-lg border border-stone-200 bg-white" style={{ height: `${Math.round((Math.min(visible.length, pageSize) + (visible.length > 1 ? 2 : 1)) * 2.3)}rem` }} />
      ) : (
        <div className={CELLS}>
          <Table
            cards
            label={`${caption}. ${l["progress.table.scroll"]}`}
            caption={caption}
            head={table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => (
                  <HeadCell key={h.id} header={h} />
                ))}
              </tr>
            ))}
            foot={
              visible.length > 1 ? (
                <tr data-testid={testId ? `${testId}-total` : undefined}>
                  {table.getVisibleLeafColumns().map((c, i) => (
                    <td key={c.id} className={cellCls((c.columnDef.meta ?? {}) as ColumnMeta)} data-col={c.id} data-label={i === 0 ? undefined : cardLabel(c)}>
                      {i === 0 ? l["progress.col.total"] : (totals[c.id] ?? "")}
                    </td>
                  ))}
                </tr>
              ) : null
            }
          >
            {table.getRowModel().rows.map((row) => {
              const lagging = (row.original.daysBehind ?? 0) > 0;
              return (
                <tr key={row.id} className={lagging ? "bg-orange-50/60" : undefined} data-lagging={lagging || undefined}>
                  {row.getVisibleCells().map((cell) => (
                    <BodyCell key={cell.id} cell={cell} />
                  ))}
                </tr>
              );
            })}
            {visible.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className={emptyCellCls}>
                  {l["progress.table.noRows"]}
                </td>
              </tr>
            ) : null}
          </Table>
        </div>
      )}
      {paged && mounted ? (
        <Pager
          label={caption}
          status={fill(l["progress.table.rows"], { from: formatNumber(from, locale), to: formatNumber(to, locale), total: formatNumber(visible.length, locale) })}
          page={pageIndex + 1}
          pageCount={table.getPageCount()}
          onPage={(p) => table.setPageIndex(p - 1)}
          prev={l["progress.table.prev"]}
          next={l["progress.table.next"]}
        >
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
        </Pager>
      ) : null}
    </div>
  );
}
