import {
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type SortingState,
  type TableOptions,
} from "@tanstack/react-table";
import { useState } from "react";

/**
 * A TanStack table sorted, filtered and paged in the browser: `matches` says whether a row answers the search
 * (given trimmed and lower-cased; an empty search matches every row).
 */
export function useClientTable<T>({
  data,
  columns,
  matches,
  pageSize,
  sortable = true,
  getRowId,
}: {
  data: T[];
  columns: TableOptions<T>["columns"];
  matches: (row: T, q: string) => boolean;
  pageSize: number;
  /** False for rows that are one page of a list sorted by the server: sorting a page alone would mislead. */
  sortable?: boolean;
  /**
   * A row's identity (React's key for its <tr>). Without it a row is its position, and a row whose content
   * changes under it (the next page of a server-paged list) would keep the state of the row it replaces.
   */
  getRowId?: (row: T) => string;
}) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filter, setFilter] = useState("");
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table's instance is read during render only, never memoised by the compiler
  const table = useReactTable({
    data,
    columns,
    state: { sorting, globalFilter: filter },
    enableSorting: sortable,
    getRowId,
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    globalFilterFn: (row, _id, value: string) => {
      const q = value.trim().toLowerCase();
      return !q || matches(row.original, q);
    },
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    initialState: { pagination: { pageSize, pageIndex: 0 } },
    autoResetPageIndex: true,
  });
  return { table, filter, setFilter };
}
