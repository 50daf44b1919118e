import { istDate } from "@/lib/dates";
import { formatDay, formatNumber } from "@/lib/format";
import type { Locale, Translate } from "@/lib/i18n";
import { fill, rowLabel } from "@/lib/progress/display";
import { unitName } from "@/lib/i18n/names";
import { targetsExportHref } from "@/lib/progress/export-links";
import type { ChildSum, TargetPaging, TargetRow, TargetsPage } from "@/lib/targets/queries";
import { packTargetRows, type TargetDisplayRow } from "@/components/progress/target-rows";
import { TargetsTable, type TargetsTableLabels } from "@/components/progress/targets-table";
import type { GeoLevel } from "@/lib/geo/levels";
import { Section } from "@/components/ui/section";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { SubmitButton } from "@/components/ui/submit-button";
import { UnitSelect } from "@/components/ui/unit-select";
import { withParams } from "@/components/ui/url";
import Link from "next/link";

function signed(x: number, locale: Locale): string {
  return `${x > 0 ? "+" : x < 0 ? "−" : ""}${formatNumber(Math.abs(x), locale)}`;
}

function sumText(t: Translate, s: ChildSum, locale: Locale): { text: string; mismatch: boolean } {
  const level = t(`progress.levels.${s.level as Exclude<GeoLevel, "state">}`);
  if (s.sum === null) return { text: t("progress.targets.sumNone", { level }), mismatch: false };
  const base = t("progress.targets.sum", { level, sum: formatNumber(s.sum, locale), set: formatNumber(s.set, locale), total: formatNumber(s.total, locale) });
  if (s.difference === null) return { text: base, mismatch: false };
  return {
    text: `${base} · ${s.difference === 0 ? t("progress.targets.matches") : t("progress.targets.difference", { difference: signed(s.difference, locale) })}`,
    mismatch: s.difference !== 0,
  };
}

function displayRows(t: Translate, rows: TargetRow[], locale: Locale): TargetDisplayRow[] {
  return rows.map((r) => ({
    level: r.level,
    id: r.id,
    key: r.key,
    label: rowLabel(r, locale),
    href: r.href,
    parentId: r.parentId,
    parentLabel: r.parentName === null ? null : unitName({ name: r.parentName, nameHi: r.parentNameHi }, locale),
    members: r.members,
    target: r.target,
    childSums: r.childSums.map((s) => sumText(t, s, locale)),
    editable: r.editable,
  }));
}

const boothsHref = (p: TargetPaging, page: number) => `${withParams("/targets", { block: p.blockId, q: p.q, page: page > 1 ? page : undefined })}#targets-booth`;

/** A plain GET form above a district's booths (works before JavaScript loads, and the URL can be shared). */
function BoothFilter({ paging: p, t, locale }: { paging: TargetPaging; t: Translate; locale: Locale }) {
  const filtered = p.blockId !== null || p.q !== null;
  return (
    <form method="get" action="/targets#targets-booth" className="flex flex-wrap items-end gap-3 print:hidden" aria-label={t("progress.targets.boothFilter")}>
      {p.blocks.length > 1 ? (
        <UnitSelect id="booth-filter-block" name="block" label={t("progress.targets.blockFilter")} allLabel={t("progress.targets.allBlocks")} units={p.blocks} value={p.blockId ?? undefined} locale={locale} />
      ) : null}
      <Field id="booth-filter-q" name="q" label={t("progress.targets.boothSearch")} defaultValue={p.q ?? ""} inputMode="search" />
      <SubmitButton>{t("progress.targets.apply")}</SubmitButton>
      {filtered ? (
        <Link href="/targets#targets-booth" className="inline-flex min-h-11 items-center text-sm font-semibold text-brand-700 underline">
          {t("progress.targets.clear")}
        </Link>
      ) : null}
    </form>
  );
}

/** The targets page: one editable table per level the viewer sets, differences shown, recent changes listed. */
export function TargetsView({ page, t, locale }: { page: TargetsPage; t: Translate; locale: Locale }) {
  const labels: TargetsTableLabels = {
    name: t("progress.col.name"),
    parent: t("progress.targets.blockFilter"),
    members: t("progress.targets.members"),
    target: t("progress.targets.current"),
    children: t("progress.targets.children"),
    filter: t("progress.table.filter"),
    allParents: t("progress.targets.allBlocks"),
    rows: t("progress.table.rows"),
    prev: t("progress.table.prev"),
    next: t("progress.table.next"),
    noRows: t("progress.table.noRows"),
    form: {
      input: t("progress.targets.input"),
      newTarget: t("progress.targets.newTarget"),
      save: t("progress.targets.save"),
      saving: t("progress.targets.saving"),
    },
  };
  const campaign = page.campaign;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("progress.targets.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-muted">
          {campaign
            ? t("progress.targets.intro", { campaign: locale === "hi" && campaign.nameHi ? campaign.nameHi : campaign.name })
            : t("progress.targets.introNone")}
        </p>
      </div>
      {page.sections.map((s) => {
        const title = t(`progress.targets.section.${s.level}`);
        const acParent = s.level === "ac";
        return (
          <section key={s.level} aria-labelledby={`targets-${s.level}`} className="space-y-2" data-testid={`targets-${s.level}`}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={`targets-${s.level}`} className="text-lg font-semibold">
                {title}
              </h2>
              <a href={targetsExportHref(s.level)} download className={buttonClass("secondary", "sm", "print:hidden")}>
                {t("progress.export.csv")}
              </a>
            </div>
            {!s.editable ? <p className="text-sm text-muted">{t("progress.targets.readOnly")}</p> : null}
            {/* Keyed by the filter: a link to other filters (Clear, back) must show them, not what the fields held. */}
            {s.paging ? <BoothFilter key={`${s.paging.blockId ?? ""}|${s.paging.q ?? ""}`} paging={s.paging} t={t} locale={locale} /> : null}
            <TargetsTable
              rows={packTargetRows(displayRows(t, s.rows, locale))}
              locale={locale}
              caption={title}
              labels={acParent ? { ...labels, parent: t("progress.level.pc"), allParents: t("progress.targets.allSeats") } : labels}
              paged={s.paging !== undefined}
            />
            {s.paging && s.paging.total > s.paging.pageSize ? (
              <Pager
                label={title}
                status={fill(labels.rows, {
                  from: formatNumber((s.paging.page - 1) * s.paging.pageSize + 1, locale),
                  to: formatNumber(Math.min(s.paging.total, s.paging.page * s.paging.pageSize), locale),
                  total: formatNumber(s.paging.total, locale),
                })}
                page={s.paging.page}
                pageCount={s.paging.pageCount}
                hrefFor={(page) => boothsHref(s.paging!, page)}
                prev={labels.prev}
                next={labels.next}
              />
            ) : null}
          </section>
        );
      })}
      <Section headingId="targets-recent" title={t("progress.targets.recent")} className="space-y-2">
        {page.recent.length === 0 ? (
          <p className="text-sm text-muted">{t("progress.targets.recentNone")}</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="recent-changes">
            {page.recent.map((r, i) => {
              const vars = {
                who: r.actor ?? t("progress.targets.someone"),
                unit: r.unit,
                level: r.level && r.level !== "state" ? t(`progress.level.${r.level as GeoLevel}`) : t("progress.level.state"),
                before: r.before === null ? "—" : formatNumber(r.before, locale),
                after: r.after === null ? "—" : formatNumber(r.after, locale),
              };
              return (
                <li key={`${r.at}-${i}`} className="border-t border-stone-100 pt-1">
                  <span className="text-muted">{formatDay(istDate(new Date(r.at)), locale)} · </span>
                  {r.before === null ? t("progress.targets.recentRowNew", vars) : t("progress.targets.recentRow", vars)}
                </li>
              );
            })}
          </ul>
        )}
      </Section>
    </div>
  );
}
