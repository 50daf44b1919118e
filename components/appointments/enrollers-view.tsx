import { listHref, SectionView, sortHref } from "@/components/appointments/section-view";
import { BoothPostsTable, UnitPostsTable } from "@/components/appointments/tables";
import { StatCard } from "@/components/ui/stat-card";
import type { EnrollersPageData } from "@/lib/appointments/pages";
import { formatNumber, formatPercent } from "@/lib/format";
import { getT } from "@/lib/i18n/server";

/** /enrollers: chief enrollers (district and block) and the enrollers of each booth. */
export async function EnrollersView({ viewer, p, filters, limit, summary, chiefs, booths, canActChiefs, canActBooths }: EnrollersPageData) {
  const { locale, t } = await getT();
  const n = (x: number) => formatNumber(x, locale);
  const href = listHref("/enrollers", p);
  return (
    <SectionView
      path="/enrollers"
      title={t("appointments.enrollers.title")}
      intro={t("appointments.enrollers.intro", { limit })}
      links={[
        { href: "/enrollers/trainings", label: t("appointments.link.trainings") },
        { href: "/enrollers/import", label: t("appointments.link.import") },
      ]}
      cards={
        <>
          <StatCard
            label={t("appointments.card.chiefsAppointed")}
            value={n(summary.chiefAppointed)}
            detail={t("appointments.card.ofPosts", { posts: n(summary.chiefPosts) })}
            testId="chiefs-appointed"
          />
          <StatCard
            label={t("appointments.card.chiefsTrained")}
            value={n(summary.chiefTrained)}
            detail={t("appointments.card.ofAppointed", { count: n(summary.chiefAppointed) })}
            testId="chiefs-trained"
            href="/enrollers/trainings"
          />
          <StatCard
            label={t("appointments.card.boothsWithEnroller")}
            value={n(summary.boothsWithEnroller)}
            detail={t("appointments.card.ofBooths", {
              percent: formatPercent(summary.booths > 0 ? summary.boothsWithEnroller / summary.booths : null, locale),
              booths: n(summary.booths),
            })}
            testId="booths-with-enroller"
          />
          <StatCard label={t("appointments.card.enrollers")} value={n(summary.enrollers)} testId="enrollers-total" />
        </>
      }
      tabs={[
        { href: href({ tab: "chiefs", show: p.show === "untrained" ? "untrained" : p.show === "vacant" ? "vacant" : undefined, q: undefined }), label: t("appointments.tab.chiefs"), current: p.tab === "chiefs" },
        { href: href({ tab: "booths", show: p.show === "vacant" ? "vacant" : undefined }), label: t("appointments.tab.boothEnrollers"), current: p.tab === "booths" },
      ]}
      p={p}
      filters={filters}
      shows={p.tab === "chiefs" ? ["all", "vacant", "untrained"] : ["all", "vacant"]}
      show={p.show}
      search={p.tab === "booths"}
      viewer={viewer}
      t={t}
      locale={locale}
    >
      {chiefs ? (
        <div className="space-y-6">
          {filters.block ? null : (
            <section className="space-y-2">
              <h2 className="text-lg font-semibold">{t("appointments.level.district")}</h2>
              <UnitPostsTable rows={chiefs.district} role="chief_enroller" t={t} locale={locale} canAct={canActChiefs} caption={t("appointments.level.district")} testId="district-chiefs" />
            </section>
          )}
          <section className="space-y-2">
            <h2 className="text-lg font-semibold">{t("appointments.level.block")}</h2>
            <UnitPostsTable rows={chiefs.block} role="chief_enroller" t={t} locale={locale} canAct={canActChiefs} caption={t("appointments.level.block")} testId="block-chiefs" />
          </section>
        </div>
      ) : null}
      {booths ? (
        <BoothPostsTable
          data={booths}
          role="enroller"
          limit={limit}
          t={t}
          locale={locale}
          canAct={canActBooths}
          caption={t("appointments.tab.boothEnrollers")}
          hrefFor={(page) => href({ page })}
          sortHref={sortHref(href, p)}
        />
      ) : null}
    </SectionView>
  );
}
