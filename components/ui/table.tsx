import Link from "next/link";
import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";

export const thCls = "whitespace-nowrap px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-muted";
export const tdCls = "px-3 py-2 align-top";
/** The row that says a filtered or empty table has nothing to show. */
export const emptyCellCls = "px-3 py-4 text-center text-muted";

export type SortDirection = "ascending" | "descending";

/** Tables scroll inside their own box, so a 360 px page never scrolls sideways. */
export function TableBox({ children, label }: { children: ReactNode; label?: string }) {
  return (
    // `relative` keeps absolutely positioned children (sr-only labels) inside the scrolling box, or they widen the page.
    <div className="relative overflow-x-auto rounded-lg border border-stone-200 bg-white" role={label ? "region" : undefined} aria-label={label} tabIndex={label ? 0 : undefined}>
      {children}
    </div>
  );
}

/**
 * A table in the house style: inside its scrolling box (a region named by `label`), a caption for screen
 * readers, the header row from `head`, and the rows (give them `<tr>`s; the body draws the lines between them).
 *
 * `cards`: below 640 px every row becomes a card — each cell on its own line, led by its column's name (write
 * the cells with `Td label=…`, or DataCell, which labels itself), so a row's name, figures, input and button
 * are seen together and nothing scrolls sideways. Every editable table is a `cards` table; so is a read-only
 * one whose deciding columns would otherwise sit off-screen. The look is `.table-cards` in app/globals.css.
 */
export function Table({
  label,
  caption,
  head,
  children,
  foot,
  testId,
  cards = false,
}: {
  /** Names the scrolling region; no region without it. */
  label?: string;
  caption?: string;
  head: ReactNode;
  children: ReactNode;
  foot?: ReactNode;
  testId?: string;
  /** Rows become cards below 640 px. */
  cards?: boolean;
}) {
  return (
    <TableBox label={label}>
      <table className={cards ? "table-cards w-full text-sm" : "w-full text-sm"} data-testid={testId}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="border-b border-stone-200 bg-stone-50">{head}</thead>
        <tbody className="divide-y divide-stone-100">{children}</tbody>
        {foot ? <tfoot className="border-t-2 border-stone-200 bg-stone-50 font-semibold">{foot}</tfoot> : null}
      </table>
    </TableBox>
  );
}

/** A column header; `numeric` right-aligns it over its numbers. */
export function Th({ numeric, className, children, ...rest }: { numeric?: boolean } & ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th scope="col" className={[thCls, numeric ? "text-right" : "", className].filter(Boolean).join(" ")} {...rest}>
      {children}
    </th>
  );
}

/**
 * A body cell. `label` is its column's name, shown before the value when a `cards` table is a card (below
 * 640 px; `numeric` right-aligns a figure.
 */
export function Td({ label, numeric, className, children, ...rest }: { label?: string; numeric?: boolean } & TdHTMLAttributes<HTMLTableCellElement>) {
  return (
    <td data-label={label} className={[tdCls, numeric ? "text-right tabular-nums" : "", className].filter(Boolean).join(" ")} {...rest}>
      {children}
    </td>
  );
}

/** The arrow after a sorted column's name. */
function sortArrow(current: SortDirection | undefined): string {
  return current === "ascending" ? " ↑" : current === "descending" ? " ↓" : "";
}

/** A column header that sorts by a link (works without JavaScript; the URL keeps the order). */
export function SortTh({ href, label, current, sortLabel, numeric }: { href: string; label: string; current: SortDirection | undefined; sortLabel: string; numeric?: boolean }) {
  return (
    <Th numeric={numeric} aria-sort={current}>
      <Link href={href} className="underline" aria-label={sortLabel}>
        {label}
        {sortArrow(current)}
      </Link>
    </Th>
  );
}

/**
 * A small table without its box, for a few rows inside a card or under a chart (a chart's text alternative):
 * the first column is text, the others are numbers, right-aligned. `dense` is the smaller type of a table
 * folded under a chart.
 */
export function PlainTable({ headers, rows, dense = false, className }: { headers: string[]; rows: { key: string; cells: ReactNode[] }[]; dense?: boolean; className?: string }) {
  const th = dense ? "px-2 py-1" : "py-1";
  const td = dense ? "px-2 py-0.5" : "py-1";
  return (
    <table className={[`min-w-full ${dense ? "text-xs" : "text-sm"}`, className].filter(Boolean).join(" ")}>
      <thead>
        <tr className={`text-left text-muted ${dense ? "" : "text-xs"}`}>
          {headers.map((h, i) => (
            <th key={h} scope="col" className={i > 0 ? `${th} text-right` : th}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, cells }) => (
          <tr key={key} className="border-t border-stone-100">
            {cells.map((c, i) => (
              <td key={i} className={i > 0 ? `${td} text-right tabular-nums` : td}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
