"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { DataCell, DataTableHead, TableFilter } from "@/components/ui/data-table";
import { Pager } from "@/components/ui/pager";
import { useClientTable } from "@/components/ui/use-client-table";
import { emptyCellCls, Table } from "@/components/ui/table";
import { useId, useMemo, useState } from "react";
import { formatNumber } from "@/lib/format";
import type { Locale } from "@/lib/i18n";
import { unpack, type Packed } from "@/lib/pack";
import { fill } from "@/lib/progress/display";
import { TARGET_FIELDS, type TargetDisplayRow } from "@/components/progress/target-rows";
import { TargetForm, type TargetFormLabels } from "@/components/progress/target-form";

export interface TargetsTableLabels {
  name: string;
  parent: string;
  members: string;
  target: string;
  children: string;
  filter: string;
  allParents: string;
  rows: string;
  prev: string;
  next: string;
  noRows: string;
  form: TargetFormLabels;
}

const col = createColumnHelper<TargetDisplayRow>();

/**
 * Targets of one level, each editable in its row; long lists are filtered and paged here, in the browser. A
 * `paged` table holds one page of a list the server filters and pages (TargetsView puts the form and the pager
 * around it): it neither filters, sorts nor pages what it was given.
 */
export function TargetsTable({
  rows: packed,
  locale,
  labels: l,
  caption,
  paged = false,
}: {
  rows: Packed<TargetDisplayRow>;
  locale: Locale;
  labels: TargetsTableLabels;
  caption: string;
  paged?: boolean;
}) {
  const rows = useMemo(() => unpack(packed, TARGET_FIELDS), [packed]);
  const n = (x: number | null) => (x === null ? "—" : formatNumber(x, locale));
  const filterId = useId();
  const parentId = useId();
  const [parent, setParent] = useState("");
  const parents = useMemo(() => {
    const m = new Map<number, string>();
    for (const r of rows) if (r.parentId !== null && r.parentLabel) m.set(r.parentId, r.parentLabel);
    return [...m].sort((a, b) => a[1].localeCompare(b[1]));
  }, [rows]);
  const data = useMemo(() => (parent ? rows.filter((r) => String(r.parentId) === parent) : rows), [rows, parent]);
  const hasChildren = rows.some((r) => r.childSums.length > 0);
  const hasEditable = rows.some((r) => r.editable);
  // Column definitions must keep their identity across refreshes: their cells render as components, and a new
  // cell function would remount every row's form (losing its "saved" message). The labels arrive as a new
  // object on every server render, so they are compared by content.
  const labelsKey = JSON.stringify(l);
  const columns = useMemo(
    () => [
      col.accessor("label", {
        header: l.name,
        sortingFn: (a, b) => a.original.label.localeCompare(b.original.label, undefined, { numeric: true }),
        cell: (c) =>
          c.row.original.href ? (
            <Link href={c.row.original.href} prefetch={false} className="font-semibold text-brand-700 hover:underline">
              {c.getValue()}
            </Link>
          ) : (
            <span className="font-semibold">{c.getValue()}</span>
          ),
      }),
      ...(parents.length ? [col.accessor((r) => r.parentLabel ?? "", { id: "parent", header: l.parent, cell: (c) => <span className="text-muted">{c.getValue()}</span> })] : []),
      col.accessor("members", { header: l.members, cell: (c) => n(c.getValue()), meta: { numeric: true }, sortDescFirst: true }),
      col.accessor((r) => r.target ?? -1, { id: "target", header: l.target, cell: (c) => <span data-testid="current-target">{n(c.row.original.target)}</span>, meta: { numeric: true }, sortDescFirst: true }),
      ...(hasChildren
        ? [
            col.display({
              id: "children",
              header: l.children,
              cell: (c) => (
                <ul className="space-y-0.5 text-xs">
                  {c.row.original.childSums.map((s) => (
                    <li key={s.text} className={s.mismatch ? "text-warn" : "text-muted"}>
                      {s.text}
                    </li>
                  ))}
                </ul>
              ),
            }),
          ]
        : []),
      ...(hasEditable
        ? [
            col.display({
              id: "edit",
              header: l.form.save,
              // On a phone's card the field is led by what it sets, not by the button's word.
              meta: { label: l.form.newTarget, secondary: true },
              cell: (c) =>
                c.row.original.editable ? (
                  <TargetForm level={c.row.original.level} unitId={c.row.original.id} unitLabel={c.row.original.label} current={c.row.original.target} labels={l.form} />
                ) : null,
            }),
          ]
        : []),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `l` is compared by content (labelsKey); `n` only closes over locale
    [labelsKey, locale, parents.length, hasChildren, hasEditable],
  );
  const { table, filter, setFilter } = useClientTable({
    data: data,
    columns,
    matches: (r, q) => r.label.toLowerCase().includes(q) || r.key.toLowerCase().includes(q),
    // A server page (BOOTHS_PER_PAGE rows) is shown whole.
    pageSize: paged ? 1_000 : 25,
    sortable: !paged,
    // A row's form keeps what was typed and "saved": it must stay with its unit, not with its position.
    getRowId: (r) => `${r.level}:${r.id}`,
  });
  const total = table.getFilteredRowModel().rows.length;
  const { pageIndex, pageSize } = table.getState().pagination;
  return (
    <div className="space-y-2">
      {rows.length > 8 && !paged ? (
        <div className="flex flex-wrap items-end gap-3 print:hidden">
          <TableFilter id={filterId} label={l.filter} value={filter} onChange={setFilter} />
          {parents.length > 1 ? (
            <div>
              <label htmlFor={parentId} className="block text-xs text-muted">
                {l.parent}
              </label>
              <select id={parentId} value={parent} onChange={(e) => setParent(e.target.value)} className="rounded-md border border-stone-500 px-2 py-1 text-sm max-sm:min-h-11">
                <option value="">{l.allParents}</option>
                {parents.map(([id, label]) => (
                  <option key={id} value={String(id)}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </div>
      ) : null}
      <Table cards label={caption} caption={caption} head={<DataTableHead groups={table.getHeaderGroups()} />}>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} className="align-top" data-testid={`target-row-${row.original.level}-${row.original.key}`}>
            {row.getVisibleCells().map((cell) => (
              <DataCell key={cell.id} cell={cell} />
            ))}
          </tr>
        ))}
        {total === 0 ? (
          <tr>
            <td colSpan={columns.length} className={emptyCellCls}>
              {l.noRows}
            </td>
          </tr>
        ) : null}
      </Table>
      {total > pageSize ? (
        <Pager
          label={caption}
          status={fill(l.rows, { from: formatNumber(pageIndex * pageSize + 1, locale), to: formatNumber(Math.min(total, (pageIndex + 1) * pageSize), locale), total: formatNumber(total, locale) })}
          page={pageIndex + 1}
          pageCount={table.getPageCount()}
          onPage={(p) => table.setPageIndex(p - 1)}
          prev={l.prev}
          next={l.next}
        />
      ) : null}
    </div>
  );
}
