import Link from "next/link";
import type { ReactNode } from "react";
import type { UnitLevel } from "@/db/schema";
import type { UnitRow } from "@/lib/appointments/queries";
import { istDate } from "@/lib/dates";
import { formatDay } from "@/lib/format";
import { unitName, type Locale, type Translate } from "@/lib/i18n";

/** An instant as the India-time day it fell on. */
export function formatWhen(iso: string, locale: Locale): string {
  return formatDay(istDate(new Date(iso)), locale);
}

/** "booth 049-123", "Dharsiwa block", "assembly seat 49 Raipur Rural", … */
export function unitLabel(t: Translate, locale: Locale, unit: Pick<UnitRow, "level" | "key" | "name" | "nameHi">): string {
  const name = unitName(unit, locale);
  const keys: Record<UnitLevel, Parameters<Translate>[0]> = {
    booth: "appointments.post.unit.booth",
    block: "appointments.post.unit.block",
    district: "appointments.post.unit.district",
    ac: "appointments.post.unit.ac",
    pc: "appointments.post.unit.pc",
  };
  return t(keys[unit.level], { key: unit.key, name });
}

export function Tabs({ label, items }: { label: string; items: { href: string; label: string; current: boolean }[] }) {
  return (
    <nav aria-label={label} className="relative -mx-4 overflow-x-auto px-4">
      <ul className="flex min-w-max gap-1 border-b border-stone-200">
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={item.current ? "page" : undefined}
              className={`inline-block min-h-11 border-b-2 px-3 py-2.5 text-sm font-semibold ${
                item.current ? "border-brand-600 text-brand-900" : "border-transparent text-muted hover:text-ink"
              }`}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Pager({ label, page, pageCount, hrefFor, prev, next }: { label: string; page: number; pageCount: number; hrefFor: (p: number) => string; prev: string; next: string }) {
  const cls = "inline-flex min-h-11 items-center rounded-md border border-stone-300 bg-white px-3 text-sm font-semibold hover:bg-stone-100";
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-2 text-sm">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} className={cls} rel="prev">
          ← {prev}
        </Link>
      ) : null}
      <span className="text-muted" data-testid="pager">
        {label}
      </span>
      {page < pageCount ? (
        <Link href={hrefFor(page + 1)} className={cls} rel="next">
          {next} →
        </Link>
      ) : null}
    </nav>
  );
}

export function Badge({ tone, children }: { tone: "ok" | "warn" | "muted" | "bad"; children: ReactNode }) {
  const cls = {
    ok: "bg-green-50 text-ok border-green-200",
    warn: "bg-amber-50 text-warn border-amber-200",
    bad: "bg-red-50 text-bad border-red-200",
    muted: "bg-stone-100 text-muted border-stone-200",
  }[tone];
  return <span className={`inline-block whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-semibold ${cls}`}>{children}</span>;
}

export function TrainingBadge({ trained, t }: { trained: boolean | null; t: Translate }) {
  if (trained === null) return <span className="text-muted">—</span>;
  return trained ? <Badge tone="ok">{t("appointments.trained")}</Badge> : <Badge tone="warn">{t("appointments.notTrained")}</Badge>;
}

/** Tables scroll inside their own box, so a 360 px page never scrolls sideways. */
export function TableBox({ children, label }: { children: ReactNode; label?: string }) {
  return (
    // `relative` keeps absolutely positioned children (sr-only labels) inside the scrolling box, or they widen the page.
    <div className="relative overflow-x-auto rounded-lg border border-stone-200 bg-white" role={label ? "region" : undefined} aria-label={label} tabIndex={label ? 0 : undefined}>
      {children}
    </div>
  );
}

export const thCls = "whitespace-nowrap px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-muted";
export const tdCls = "px-3 py-2 align-top";

/** Builds a query string from the current filters, dropping empty values. */
export function withParams(path: string, params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
