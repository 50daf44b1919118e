import { listHref, SectionView, sortHref } from "@/components/appointments/section-view";
import { BoothPostsTable, UnitPostsTable } from "@/components/appointments/tables";
import { StatCard } from "@/components/ui/stat-card";
import type { ItCellPageData } from "@/lib/appointments/pages";
import type { CoverageTotals } from "@/lib/coverage/queries";
import { formatNumber, formatPercent } from "@/lib/format";
import { getT } from "@/lib/i18n/server";

/** /it-cell: IT-cell presidents (Lok Sabha seat, assembly seat, district), block members and booth members. */
export async function ItCellView({
  viewer,
  p,
  show,
  filters,
  summary,
  coverage,
  presidents,
  blockMembers,
  booths,
  canActBlocks,
  canActBooths,
}: ItCellPageData & { coverage: CoverageTotals }) {
  const { locale, t } = await getT();
  const n = (x: number) => formatNumber(x, locale);
  const href = listHref("/it-cell", p);
  return (
    <SectionView
      path="/it-cell"
      title={t("appointments.itcell.title")}
      intro={t("appointments.itcell.intro")}
      links={[
        { href: "/coverage", label: t("appointments.link.coverage") },
        { href: "/it-cell/import", label: t("appointments.link.import") },
      ]}
      cards={
        <>
          {(["pc", "ac", "district"] as const).map((level) =>
            summary.presidents[level].posts > 0 ? (
              <StatCard
                key={level}
                label={t(`appointments.card.presidents.${level}`)}
                value={n(summary.presidents[level].filled)}
                detail={t("appointments.card.filledOf", { posts: n(summary.presidents[level].posts) })}
                testId={`presidents-${level}`}
              />
            ) : null,
          )}
          <StatCard
            label={t("appointments.card.coverage")}
            value={n(coverage.covered)}
            detail={t("appointments.card.ofBooths", {
              percent: formatPercent(coverage.booths > 0 ? coverage.covered / coverage.booths : null, locale),
              booths: n(coverage.booths),
            })}
            href="/coverage"
            testId="itcell-covered"
          />
        </>
      }
      tabs={[
        { href: href({ tab: "presidents", q: undefined, ac: undefined, block: undefined }), label: t("appointments.tab.presidents"), current: p.tab === "presidents" },
        { href: href({ tab: "blocks", q: undefined, ac: undefined, block: undefined }), label: t("appointments.tab.blockMembers"), current: p.tab === "blocks" },
        { href: href({ tab: "booths" }), label: t("appointments.tab.boothMembers"), current: p.tab === "booths" },
      ]}
      p={p}
      filters={filters}
      shows={["all", "vacant"]}
      show={show}
      search={p.tab === "booths"}
      viewer={viewer}
      t={t}
      locale={locale}
    >
      {presidents.map(({ level, rows, canAct }) =>
        rows.length === 0 && show === "all" ? null : (
          <section key={level} className="space-y-2">
            <h2 className="text-lg font-semibold">{t(`appointments.card.presidents.${level}`)}</h2>
            <UnitPostsTable
              rows={rows}
              role="it_president"
              t={t}
              locale={locale}
              canAct={canAct}
              caption={t(`appointments.card.presidents.${level}`)}
              testId={`presidents-${level}-table`}
            />
          </section>
        ),
      )}
      {blockMembers ? (
        <UnitPostsTable rows={blockMembers} role="it_member" t={t} locale={locale} canAct={canActBlocks} caption={t("appointments.tab.blockMembers")} testId="block-members" />
      ) : null}
      {booths ? (
        <BoothPostsTable
          data={booths}
          role="it_member"
          limit={1}
          t={t}
          locale={locale}
          canAct={canActBooths}
          caption={t("appointments.tab.boothMembers")}
          hrefFor={(page) => href({ page })}
          sortHref={sortHref(href, p)}
        />
      ) : null}
    </SectionView>
  );
}
