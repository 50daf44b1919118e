import type { Metadata } from "next";
import { StatCard } from "@/components/ui/stat-card";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/session";
import { daysBetween } from "@/lib/dates";
import { formatDay, formatNumber, formatPercent } from "@/lib/format";
import { unitName } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import { overviewTotals } from "@/lib/progress/queries";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const viewer = await requireViewer();
  const { locale, t } = await getT();
  const totals = await overviewTotals(await getDb(), viewer);
  const n = (x: number) => formatNumber(x, locale);
  const scope = t(`scope.${viewer.scope.level}`, { name: unitName(viewer.scope, locale) });
  const campaign = totals.campaign;
  const daysLeft = campaign ? daysBetween(totals.day, campaign.endsOn) : null;
  const campaignName = campaign ? (locale === "hi" && campaign.nameHi ? campaign.nameHi : campaign.name) : "";
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("overview.title")}</h1>
        <p className="text-muted">{campaign ? t("overview.subtitle", { scope, campaign: campaignName }) : scope}</p>
      </div>
      {!campaign ? <p className="rounded-md bg-amber-50 p-3 text-sm text-warn">{t("overview.noCampaign")}</p> : null}
      <section className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label={t("overview.title")}>
        <StatCard
          label={t("overview.members")}
          value={n(totals.members)}
          testId="total-members"
          detail={
            totals.target !== null
              ? t("overview.ofTarget", { percent: formatPercent(totals.target > 0 ? totals.members / totals.target : null, locale), target: n(totals.target) })
              : t("overview.noTarget")
          }
        />
        <StatCard label={t("overview.target")} value={totals.target !== null ? n(totals.target) : "—"} testId="total-target" />
        <StatCard
          label={t("overview.boothsCovered")}
          value={n(totals.boothsCovered)}
          testId="booths-covered"
          detail={t("overview.coveredShare", {
            percent: formatPercent(totals.booths > 0 ? totals.boothsCovered / totals.booths : null, locale),
            booths: n(totals.booths),
          })}
        />
        <StatCard label={t("overview.booths")} value={n(totals.booths)} testId="total-booths" />
        <StatCard label={t("overview.today")} value={n(totals.today)} testId="today-signups" />
        {campaign ? (
          <StatCard
            label={t("overview.daysLeft")}
            value={daysLeft !== null && daysLeft >= 0 ? n(daysLeft) : t("overview.campaignOver")}
            testId="days-left"
            detail={t("overview.campaignDates", { start: formatDay(campaign.startsOn, locale), end: formatDay(campaign.endsOn, locale) })}
          />
        ) : null}
      </section>
      <p className="text-sm text-muted">{t("overview.more")}</p>
      {totals.syntheticBooths ? <p className="text-xs text-muted">{t("overview.syntheticBooths")}</p> : null}
    </div>
  );
}
