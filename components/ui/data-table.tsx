import { flexRender, type Cell, type Column, type Header, type HeaderGroup } from "@tanstack/react-table";
import { thCls } from "@/components/ui/table";

/**
 * What a column says of itself in `meta`: `numeric` (right-aligned, tabular figures), `label` (its name on a
 * `cards` table's card, when the header is not text), `secondary` (left out when printed, so the deciding
 * columns fit an A4 page).
 */
export interface ColumnMeta {
  numeric?: boolean;
  label?: string;
  secondary?: boolean;
}
const metaOf = <T,>(column: Column<T, unknown>) => (column.columnDef.meta ?? {}) as ColumnMeta;

export function isNumeric<T>(column: Column<T, unknown>): boolean {
  return Boolean(metaOf(column).numeric);
}

/** `print:hidden` for a secondary column, so header, cells and total all leave the printed page together. */
export function printCls<T>(column: Column<T, unknown>): string {
  return metaOf(column).secondary ? "print:hidden" : "";
}

export const dataCellCls = (numeric: boolean) => `px-3 py-1.5 ${numeric ? "whitespace-nowrap text-right tabular-nums" : ""}`;

function SortHeader<T>({ header }: { header: Header<T, unknown> }) {
  const sorted = header.column.getIsSorted();
  const label = flexRender(header.column.columnDef.header, header.getContext());
  return (
    <th
      scope="col"
      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : header.column.getCanSort() ? "none" : undefined}
      className={`${thCls} ${isNumeric(header.column) ? "text-right" : ""} ${printCls(header.column)}`}
    >
      {header.column.getCanSort() ? (
        <button type="button" onClick={header.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 hover:text-ink">
          {label}
          <span aria-hidden="true">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
        </button>
      ) : (
        label
      )}
    </th>
  );
}

/** The header rows of a TanStack table: every sortable column sorts by a button, its state in `aria-sort`. */
export function DataTableHead<T>({ groups }: { groups: HeaderGroup<T>[] }) {
  return groups.map((hg) => (
    <tr key={hg.id}>
      {hg.headers.map((h) => (
        <SortHeader key={h.id} header={h} />
      ))}
    </tr>
  ));
}

/** A column's name as a `cards` table's card shows it: `meta.label`, else the header when it is text. */
export function cardLabel<T>(column: Column<T, unknown>): string | undefined {
  const header = column.columnDef.header;
  return metaOf(column).label ?? (typeof header === "string" ? header : undefined);
}

/** One body cell of a TanStack table (labelled for a `cards` table's card). */
export function DataCell<T>({ cell }: { cell: Cell<T, unknown> }) {
  return (
    <td className={`${dataCellCls(isNumeric(cell.column))} ${printCls(cell.column)}`} data-col={cell.column.id} data-label={cardLabel(cell.column)}>
      {flexRender(cell.column.columnDef.cell, cell.getContext())}
    </td>
  );
}

/** The search box over a table filtered in the browser. */
export function TableFilter({ id, label, value, onChange, placeholder }: { id: string; label: string; value: string; onChange: (value: string) => void; placeholder?: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-xs text-muted">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        className="w-56 max-w-full rounded-md border border-stone-500 px-2 py-1 text-sm max-sm:min-h-11"
      />
    </div>
  );
}
