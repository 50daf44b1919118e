import Link from "next/link";
import type { ReactNode } from "react";
import { ListFilters } from "@/components/appointments/filters";
import { Tabs } from "@/components/ui/tabs";
import { withParams } from "@/components/ui/url";
import type { SectionFilters } from "@/lib/appointments/pages";
import { listQuery, type ListParams } from "@/lib/appointments/search-params";
import type { Viewer } from "@/lib/auth/viewer";
import { unitName, type Locale, type Translate } from "@/lib/i18n";

export type ListHref = (patch: Parameters<typeof listQuery<string>>[1]) => string;

/** Links that keep the list's filters, for tabs, pages and sort headers. */
export function listHref(path: string, p: ListParams<string>): ListHref {
  return (patch) => withParams(path, listQuery(p, patch));
}

/** A sort header's link and state: the current column flips its direction. */
export function sortHref(href: ListHref, p: ListParams<string>) {
  return (sort: "code" | "holders") => {
    const current = p.sort === sort ? (p.dir === "asc" ? "ascending" : "descending") : undefined;
    return { href: href({ sort: sort === "code" ? undefined : sort, dir: current === "ascending" ? "desc" : undefined }), current } as const;
  };
}

/**
 * The one skeleton of /enrollers and /it-cell: title with the viewer's area and the section's links, its
 * summary cards, the tabs, the filters, then the tab's lists.
 */
export function SectionView({
  path,
  title,
  intro,
  links,
  cards,
  tabs,
  p,
  filters,
  shows,
  show,
  search,
  viewer,
  t,
  locale,
  children,
}: {
  path: string;
  title: string;
  intro: string;
  links: { href: string; label: string }[];
  cards: ReactNode;
  tabs: { href: string; label: string; current: boolean }[];
  p: ListParams<string>;
  filters: SectionFilters;
  shows: ("all" | "vacant" | "untrained")[];
  show: string;
  search: boolean;
  viewer: Viewer;
  t: Translate;
  locale: Locale;
  children: ReactNode;
}) {
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{title}</h1>
          <p className="text-muted">{t(`scope.${viewer.scope.level}`, { name: unitName(viewer.scope, locale) })}</p>
          <p className="mt-1 max-w-2xl text-sm text-muted">{intro}</p>
        </div>
        <div className="flex flex-wrap gap-3 text-sm font-semibold">
          {links.map((l) => (
            <Link key={l.href} href={l.href} className="text-brand-700 underline">
              {l.label}
            </Link>
          ))}
        </div>
      </div>

      <section className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label={title}>
        {cards}
      </section>

      <Tabs label={t("appointments.tabs")} items={tabs} />

      <ListFilters
        action={path}
        tab={p.tab}
        t={t}
        locale={locale}
        districts={filters.districts}
        district={filters.district?.key}
        blocks={filters.blocks}
        block={filters.block?.id}
        acs={filters.acs}
        ac={filters.ac ? Number(filters.ac.key) : undefined}
        shows={shows}
        show={show}
        q={p.q}
        search={search}
      />

      {children}
    </div>
  );
}
