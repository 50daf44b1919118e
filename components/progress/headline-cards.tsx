import Link from "next/link";
import type { ReactNode } from "react";
import { StatCard } from "@/components/ui/stat-card";
import { formatDay, formatNumber, formatPercent, formatTime } from "@/lib/format";
import type { Locale } from "@/lib/i18n";
import { fill } from "@/lib/progress/display";
import type { HeadlineLabels } from "@/lib/i18n/labels/progress";
import type { Headline } from "@/lib/progress/types";


export interface HeadlineLinks {
  members?: string;
  target?: string;
  pace?: string;
  today?: string;
  covered?: string;
  booths?: string;
  /** The review queue for this unit, and its voided members (only for viewers who may see them). */
  quality?: string;
  voided?: string;
}

export interface CampaignDates {
  startsOn: string;
  endsOn: string;
}

/**
 * The headline numbers of a unit as cards. Pure: the overview renders them through the live query, the
 * drill-down pages directly. Every card links to where its number is explained.
 */
export function HeadlineCards({
  h,
  locale,
  labels: l,
  links = {},
  campaign,
  live,
  extra,
  booth = false,
}: {
  h: Headline;
  locale: Locale;
  labels: HeadlineLabels;
  links?: HeadlineLinks;
  campaign: CampaignDates | null;
  live?: { stale: boolean };
  extra?: ReactNode;
  /** One booth: whether it is covered, instead of counts of booths. */
  booth?: boolean;
}) {
  const n = (x: number) => formatNumber(Math.round(x), locale);
  const day = (d: string) => formatDay(d, locale);
  const pct = (x: number | null) => formatPercent(x, locale);
  const hasTarget = h.target !== null;
  const end = campaign ? day(campaign.endsOn) : "";
  const rateShare = h.recentRate !== null && h.requiredRate !== null && h.requiredRate > 0 ? h.recentRate / h.requiredRate : null;
  return (
    <section className="grid grid-cols-2 gap-2 sm:gap-3 lg:grid-cols-4" aria-label={l["progress.card.members"]}>
      <QualityLine h={h} labels={l} href={links.quality} voidedHref={links.voided} n={n} />
      <StatCard
        label={l["progress.card.members"]}
        value={n(h.members)}
        testId="total-members"
        href={links.members}
        detail={hasTarget ? fill(l["progress.card.ofTarget"], { percent: pct(h.percent), target: n(h.target ?? 0) }) : l["progress.card.noTarget"]}
      />
      <StatCard label={l["progress.card.target"]} value={hasTarget ? n(h.target ?? 0) : "—"} testId="total-target" href={links.target} />
      {campaign ? (
        <StatCard
          label={l["progress.card.daysLeft"]}
          value={h.over ? l["progress.card.campaignOver"] : n(h.daysLeft ?? 0)}
          testId="days-left"
          href={links.pace}
          detail={fill(l["progress.card.campaignDates"], { start: day(campaign.startsOn), end })}
        />
      ) : null}
      <StatCard
        label={l["progress.card.today"]}
        value={n(h.today)}
        testId="today-signups"
        href={links.today}
        detail={fill(live ? l["progress.card.todayDetail"] : l["progress.card.todayStatic"], { day: day(h.day) })}
      />
      {campaign && hasTarget ? (
        <>
          <StatCard
            label={l["progress.card.needed"]}
            value={h.reached ? l["progress.card.neededReached"] : h.requiredRate === null ? "—" : n(Math.ceil(h.requiredRate))}
            testId="needed-rate"
            href={links.pace}
            detail={h.reached || h.requiredRate === null ? undefined : fill(l["progress.card.neededDetail"], { end })}
          />
          <StatCard
            label={l["progress.card.recent"]}
            value={h.recentRate === null ? "—" : n(h.recentRate)}
            testId="recent-rate"
            href={links.today}
            detail={
              rateShare === null
                ? undefined
                : rateShare >= 1
                  ? fill(l["progress.card.recentFaster"], { times: (Math.floor(rateShare * 10) / 10).toFixed(1) })
                  : fill(l["progress.card.recentSlower"], { share: pct(rateShare) })
            }
          />
          <StatCard
            label={l["progress.card.projected"]}
            value={h.projected === null ? "—" : n(h.projected)}
            testId="projected-total"
            href={links.pace}
            detail={
              h.projected !== null && h.target !== null && h.target > 0
                ? fill(l["progress.card.projectedDetail"], { percent: pct(h.projected / h.target) })
                : undefined
            }
          />
          <StatCard
            label={h.reached ? l["progress.card.reachOn"] : l["progress.card.reachOnProjected"]}
            value={h.reachOn ? day(h.reachOn) : l["progress.card.reachNever"]}
            testId="projected-date"
            href={links.pace}
            detail={
              h.reachOn && campaign && !h.reached
                ? fill(h.reachOn <= campaign.endsOn ? l["progress.card.reachOnDetailBefore"] : l["progress.card.reachOnDetailAfter"], { end })
                : undefined
            }
          />
        </>
      ) : (
        <StatCard label={l["progress.card.recent"]} value={h.recentRate === null ? "—" : n(h.recentRate)} testId="recent-rate" href={links.today} />
      )}
      {booth ? (
        <StatCard
          label={l["progress.card.boothCovered"]}
          value={h.covered > 0 ? l["progress.card.yes"] : l["progress.card.no"]}
          testId="booths-covered"
          href={links.covered}
        />
      ) : (
        <>
          <StatCard
            label={l["progress.card.covered"]}
            value={n(h.covered)}
            testId="booths-covered"
            href={links.covered}
            detail={fill(l["progress.card.coveredDetail"], { percent: pct(h.booths > 0 ? h.covered / h.booths : null), booths: n(h.booths) })}
          />
          <StatCard label={l["progress.card.booths"]} value={n(h.booths)} testId="total-booths" href={links.booths} detail={l["progress.card.boothsDetail"]} />
        </>
      )}
      {extra}
      {live?.stale ? (
        <p role="status" className="col-span-2 text-sm text-warn lg:col-span-4">
          {fill(l["progress.card.stale"], { time: formatTime(h.asOf, locale) })}
        </p>
      ) : null}
    </section>
  );
}

/**
 * "12,345 members · 87 under review · 12 voided": members under review are still counted until a reviewer
 * decides; voided sign-ups are out of every number on the page. Links to the review queue where allowed.
 */
function QualityLine({
  h,
  labels: l,
  href,
  voidedHref,
  n,
}: {
  h: Headline;
  labels: HeadlineLabels;
  href?: string;
  voidedHref?: string;
  n: (x: number) => string;
}) {
  const review = fill(l["progress.quality.review"], { count: n(h.underReview) });
  const voided = fill(l["progress.quality.voided"], { count: n(h.voided) });
  const linkCls = "font-semibold text-brand-700 underline";
  return (
    <p className="col-span-2 text-sm lg:col-span-4" data-testid="quality-line">
      <span data-testid="quality-members">{fill(l["progress.quality.members"], { count: n(h.members) })}</span>
      {" · "}
      {href ? (
        <Link href={href} className={linkCls} data-testid="quality-review">
          {review}
        </Link>
      ) : (
        <span data-testid="quality-review">{review}</span>
      )}
      {" · "}
      {voidedHref ? (
        <Link href={voidedHref} className={linkCls} data-testid="quality-voided">
          {voided}
        </Link>
      ) : (
        <span data-testid="quality-voided">{voided}</span>
      )}{" "}
      <span className="text-muted">{l["progress.quality.note"]}</span>
    </p>
  );
}
