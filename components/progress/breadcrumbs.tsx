import Link from "next/link";
import type { Locale } from "@/lib/i18n";
import { unitName } from "@/lib/i18n/names";
import type { UnitLink } from "@/lib/geo/units";

function crumbLabel(u: UnitLink, locale: Locale): string {
  const name = unitName(u, locale);
  return u.level === "pc" || u.level === "ac" ? `${u.no ?? u.key} ${name}` : u.level === "booth" ? u.key : name;
}

function Trail({ title, items, current, locale, testId, list }: { title: string; items: UnitLink[]; current?: string; locale: Locale; testId: string; list?: boolean }) {
  const sep = list ? "·" : "›";
  return (
    <div className="flex flex-wrap items-baseline gap-x-1 text-sm" data-testid={testId}>
      <span className="mr-1 text-xs font-semibold uppercase tracking-wide text-muted">{title}</span>
      <ol className="flex flex-wrap items-baseline gap-x-1">
        {items.map((u, i) => (
          <li key={`${u.level}-${u.id}`} className="flex items-baseline gap-x-1">
            {i > 0 ? <span aria-hidden="true" className="text-muted">{sep}</span> : null}
            {u.href ? (
              <Link href={u.href} prefetch={false} className="text-brand-700 underline-offset-2 hover:underline">
                {crumbLabel(u, locale)}
              </Link>
            ) : (
              <span>{crumbLabel(u, locale)}</span>
            )}
          </li>
        ))}
        {current ? (
          <li className="flex items-baseline gap-x-1" aria-current="page">
            <span aria-hidden="true" className="text-muted">{sep}</span>
            <span className="font-semibold">{current}</span>
          </li>
        ) : null}
      </ol>
    </div>
  );
}

export interface TrailSpec {
  kind: "electoral" | "organisational" | "districts";
  title: string;
  items: UnitLink[];
  /** The current unit's label ends the trail (not for the list of an AC's districts). */
  current?: string;
}

/**
 * Where a unit lies, both ways: its seats (state › Lok Sabha › assembly) and its organisation (state ›
 * district › block); an assembly seat also lists the district or districts it lies in. Ancestors the viewer
 * may not open are plain text.
 */
export function Breadcrumbs({ trails, locale, label }: { trails: TrailSpec[]; locale: Locale; label: string }) {
  if (trails.length === 0) return null;
  return (
    <nav aria-label={label} className="space-y-0.5">
      {trails.map((tr) => (
        <Trail key={tr.kind} title={tr.title} items={tr.items} current={tr.current} locale={locale} testId={`crumbs-${tr.kind}`} list={tr.kind === "districts"} />
      ))}
    </nav>
  );
}
