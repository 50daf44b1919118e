import Link from "next/link";
import { unitName } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import { packRows, toDisplayRows } from "@/lib/progress/display";
import { listExportHref } from "@/lib/progress/export-links";
import type { ListPageData } from "@/lib/progress/pages";
import { ProgressTable } from "@/components/progress/progress-table";
import { placeLabelsOf, TABLE_KEYS, type TableLabels } from "@/lib/i18n/labels/progress";
import { pick } from "@/lib/i18n/pick";
import { EmptyNote } from "@/components/ui/empty-note";

/**
 * A list page: every Lok Sabha seat, assembly seat or district in the viewer's scope, sortable and
 * filterable, each linking to its own page. Lok Sabha seats are listed only for a state or seat scope
 * (a district's viewer cannot open a seat's page, so the page says where to look instead). Loaded by
 * lib/progress/pages.ts.
 */
export async function ListView({ viewer, level, group }: ListPageData) {
  const { locale, t } = await getT();
  const title = t(`progress.list.${level}`);
  const scopeText = t(`scope.${viewer.scope.level}`, { name: unitName(viewer.scope, locale) });
  if (!group) {
    return (
      <div className="max-w-2xl space-y-3">
        <h1 className="text-2xl font-semibold">{title}</h1>
        <EmptyNote testId="pc-outside">
          {t("progress.list.pcOutside", { scope: scopeText })}
        </EmptyNote>
        <Link href="/assembly" className="inline-block text-sm font-semibold text-brand-700 underline">
          {t("progress.list.seeAssembly")}
        </Link>
      </div>
    );
  }
  const rows = toDisplayRows(group.rows, locale, placeLabelsOf(t));
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{title}</h1>
        <p className="text-muted">{scopeText}</p>
        <p className="mt-1 text-sm text-muted">{t("progress.list.intro", { what: t(`progress.level.${level}`) })}</p>
      </div>
      <ProgressTable
        rows={packRows(rows)}
        locale={locale}
        labels={pick(t, TABLE_KEYS) as TableLabels}
        caption={title}
        exportHref={listExportHref(level)}
        testId={`list-${level}`}
      />
    </div>
  );
}
