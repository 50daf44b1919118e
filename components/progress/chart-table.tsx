"use client";

import { useState } from "react";
import { PlainTable } from "@/components/ui/table";
import { formatDay, formatNumber } from "@/lib/format";
import type { Locale } from "@/lib/i18n";

/**
 * A chart's text alternative: its points as a table, folded away and drawn only when opened. It reads the very
 * points the chart was given (the page sends them once); drawn on the server, its 70-odd rows were a fifth of
 * the overview's HTML and again of its RSC payload, for a table most visits never open.
 */
export function ChartTable({
  summary,
  headers,
  rows,
  locale,
}: {
  summary: string;
  headers: string[];
  /** One row per day: [day, …numbers] (null or missing: an empty cell). */
  rows: readonly (readonly (string | number | null)[])[];
  locale: Locale;
}) {
  const [open, setOpen] = useState(false);
  return (
    <details className="text-sm" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-brand-700">{summary}</summary>
      {open ? (
        <div className="relative mt-2 max-h-72 overflow-auto">
          <PlainTable
            dense
            headers={headers}
            rows={rows.map(([day, ...values]) => ({
              key: String(day),
              cells: [formatDay(String(day), locale), ...headers.slice(1).map((_, i) => (typeof values[i] === "number" ? formatNumber(Math.round(values[i]), locale) : ""))],
            }))}
          />
        </div>
      ) : null}
    </details>
  );
}
