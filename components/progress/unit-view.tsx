import { StatCard } from "@/components/ui/stat-card";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { addDays } from "@/lib/dates";
import { formatDay, formatNumber, formatPercent, formatTime } from "@/lib/format";
import { unitName, type MessageKey, type Translate } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import { pick } from "@/lib/i18n/pick";
import { chartRows, packRows, toDisplayRows, type DisplayRow } from "@/lib/progress/display";
import { exportHref } from "@/lib/progress/export-links";
import type { BoothPeople, ChildGroup, UnitProgress } from "@/lib/progress/types";
import type { ProgressUnit } from "@/lib/geo/units";
import { BoothPeopleView } from "@/components/progress/booth-people";
import { Breadcrumbs, type TrailSpec } from "@/components/progress/breadcrumbs";
import { ChartTable } from "@/components/progress/chart-table";
import { LazyChannelChart, LazyChildrenChart, LazyDailyChart, type DailyRow } from "@/components/progress/lazy-charts";
import { PaceChart, type PaceRow } from "@/components/progress/pace-chart";
import { HeadlineCards, type HeadlineLinks } from "@/components/progress/headline-cards";
import { LiveHeadline } from "@/components/progress/live-headline";
import { ProgressTable } from "@/components/progress/progress-table";
import { CHART_KEYS, HEADLINE_KEYS, placeLabelsOf, TABLE_KEYS, type ChartLabels, type HeadlineLabels, type TableLabels } from "@/lib/i18n/labels/progress";
import { QueryProvider } from "@/components/progress/query-provider";
import { Tabs } from "@/components/ui/tabs";
import { PlainTable } from "@/components/ui/table";
import { EmptyNote } from "@/components/ui/empty-note";
import { Section } from "@/components/ui/section";
import type { GeoLevel } from "@/lib/geo/levels";

export function unitTitle(t: Translate, unit: Pick<ProgressUnit, "level" | "key" | "name" | "nameHi" | "no">, locale: "en" | "hi"): string {
  const name = unitName(unit, locale);
  switch (unit.level) {
    case "pc":
      return t("progress.title.pc", { no: unit.no ?? unit.key, name });
    case "ac":
      return t("progress.title.ac", { no: unit.no ?? unit.key, name });
    case "district":
      return t("progress.title.district", { name });
    case "block":
      return t("progress.title.block", { name });
    case "booth":
      return t("progress.title.booth", { code: unit.key, name });
    case "state":
      return name;
  }
}

const GROUP_TITLE: Record<GeoLevel, MessageKey> = {
  state: "progress.level.state",
  pc: "progress.levels.pc",
  ac: "progress.levels.ac",
  district: "progress.levels.district",
  block: "progress.levels.block",
  booth: "progress.levels.booth",
};

/**
 * One unit's progress: headline cards (live on the overview), pace, charts, the units furthest behind and
 * the units below with drill-down links. The same view serves the overview and every drill-down page.
 */
export async function UnitView({
  data,
  viewer,
  overview = false,
  booth,
  group: groupParam,
}: {
  data: UnitProgress;
  viewer: Viewer;
  overview?: boolean;
  booth?: BoothPeople;
  /** The `group` search parameter: which tab of units below is open (the first when absent or unknown). */
  group?: string | string[];
}) {
  const { locale, t } = await getT();
  const { unit, campaign, pace } = data;
  const n = (x: number) => formatNumber(Math.round(x), locale);
  const day = (d: string) => formatDay(d, locale);
  const headlineLabels = pick(t, HEADLINE_KEYS) as HeadlineLabels;
  const tableLabels = pick(t, TABLE_KEYS) as TableLabels;
  const title = overview ? t("overview.title") : unitTitle(t, unit, locale);
  const current = crumbText(unit, locale);
  const scopeText = t(`scope.${viewer.scope.level}`, { name: unitName(viewer.scope, locale) });
  const hasChildren = data.groups.some((g) => g.rows.length > 0);
  // Only the open tab's units are rendered (and sent): the others are a link away, each its own URL.
  const openGroup = data.groups.find((g) => g.level === groupParam) ?? data.groups[0];
  const pagePath = overview ? "/" : unit.href;
  const groupHref = (g: ChildGroup) => `${pagePath}${g === data.groups[0] ? "" : `?group=${g.level}`}#children`;
  const chartLabels = pick(t, CHART_KEYS);
  // Whole members for the pace chart and its table (one array, sent once); the daily average to a tenth.
  const round = (x: number | null) => (x === null ? null : Math.round(x));
  const paceRows: PaceRow[] = data.cumulative.map((p) => [p.day, round(p.members), round(p.line), round(p.projected)]);
  const daily: DailyRow[] = data.daily.map((p) => [p.day, p.members, Math.round(p.average * 10) / 10]);
  const freshness =
    data.sharedForSeconds > 0 ? (
      <p className="text-xs text-muted" data-testid="figures-as-of">
        {t("progress.asOf", { time: formatTime(data.asOf, locale), seconds: n(data.sharedForSeconds) })}
      </p>
    ) : null;
  const links: HeadlineLinks = {
    members: hasChildren ? "#children" : "#daily",
    target: can(viewer, "targets.set", unit.level) ? "/targets" : "#pace",
    pace: "#pace",
    today: "#daily",
    // A booth's page names its IT-cell member further down; elsewhere the coverage page explains the number.
    covered: booth ? "#people" : can(viewer, "coverage.view", unit.level) ? "/coverage" : undefined,
    booths: hasChildren ? "#children" : undefined,
    quality: can(viewer, "quality.view", unit.level) ? qualityHref(unit) : undefined,
    voided: can(viewer, "quality.view", unit.level) ? qualityHref(unit, "voided") : undefined,
  };
  const enrollersHref = booth ? "#people" : can(viewer, "enrollers.manage", unit.level) ? "/enrollers" : undefined;
  const extra = (
    <>
      <StatCard
        label={t("progress.card.enrollers")}
        value={n(data.counts.enrollers)}
        testId="enrollers"
        href={enrollersHref}
        detail={
          unit.level === "booth"
            ? undefined
            : t("progress.card.enrollersDetail", {
                booths: n(data.counts.enrollerBooths),
                percent: formatPercent(data.counts.booths > 0 ? data.counts.enrollerBooths / data.counts.booths : null, locale),
              })
        }
      />
      {data.chiefEnrollers ? (
        <StatCard
          label={t("progress.card.chiefs")}
          value={n(data.chiefEnrollers.trained)}
          testId="chiefs-trained"
          href={enrollersHref}
          detail={t("progress.card.chiefsDetail", { trained: n(data.chiefEnrollers.trained), appointed: n(data.chiefEnrollers.appointed) })}
        />
      ) : null}
    </>
  );

  const trails: TrailSpec[] = [];
  if (!overview) {
    const titles = { electoral: t("progress.breadcrumb.electoral"), organisational: t("progress.breadcrumb.organisational"), districts: t("progress.breadcrumb.districts") };
    if (unit.level === "pc" || unit.level === "ac" || unit.level === "booth") trails.push({ kind: "electoral", title: titles.electoral, items: unit.electoral, current });
    if (unit.level === "ac") trails.push({ kind: "districts", title: titles.districts, items: unit.districts });
    if (unit.level === "district" || unit.level === "block" || unit.level === "booth") {
      trails.push({ kind: "organisational", title: titles.organisational, items: unit.organisational, current });
    }
  }

  const laggingRows = lean(toDisplayRows(data.lagging, locale, placeLabelsOf(t)));
  const levelLabels = Object.fromEntries((["pc", "ac", "district", "block", "booth"] as const).map((l) => [l, t(`progress.level.${l}`)]));
  const anyChildTarget = data.groups.some((g) => g.targetSum !== null);
  const channels = [
    { label: t("progress.channel.app"), members: data.counts.viaApp },
    { label: t("progress.channel.book"), members: data.counts.viaBook },
    { label: t("progress.channel.import"), members: data.counts.viaImport },
  ];

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{title}</h1>
        <p className="text-muted">
          {overview ? `${scopeText}${campaign ? " · " : ""}` : ""}
          {campaign
            ? t("progress.subtitle", { campaign: locale === "hi" && campaign.nameHi ? campaign.nameHi : campaign.name, start: day(campaign.startsOn), end: day(campaign.endsOn) })
            : null}
        </p>
        <Breadcrumbs trails={trails} locale={locale} label={t("progress.breadcrumb.label")} />
      </header>

      {unit.partial ? (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-warn" data-testid="partial-note">
          {t("progress.partial", { scope: scopeText })}
        </p>
      ) : null}
      {!campaign ? <p className="rounded-md bg-amber-50 p-3 text-sm text-warn">{t("progress.noCampaign")}</p> : null}

      {overview ? (
        <QueryProvider>
          <LiveHeadline initial={data.headline} locale={locale} labels={headlineLabels} links={links} campaign={campaign} extra={extra} />
        </QueryProvider>
      ) : (
        <HeadlineCards h={data.headline} locale={locale} labels={headlineLabels} links={links} campaign={campaign} extra={extra} booth={unit.level === "booth"} />
      )}

      {booth ? <BoothPeopleView people={booth} code={unit.key} viewer={viewer} t={t} locale={locale} /> : null}

      {freshness}

      {campaign ? (
        <Section boxed id="pace" headingId="pace-title" title={t("progress.chart.cumulative")} className="space-y-2">
          <p className="text-sm" data-testid="pace-summary">
            {pace && pace.target !== null ? (
              <>
                {pace.behindBy !== null && pace.behindBy >= 0.5 && pace.daysBehind !== null
                  ? t("progress.pace.behind", {
                      members: n(pace.behindBy),
                      days: pace.daysBehind.toFixed(1),
                      on: day(addDays(data.day, -Math.round(pace.daysBehind))),
                    })
                  : pace.aheadBy !== null && pace.aheadBy >= 0.5
                    ? t("progress.pace.ahead", { members: n(pace.aheadBy) })
                    : t("progress.pace.onPace")}{" "}
                {pace.behindSince ? t("progress.pace.behindSince", { day: day(pace.behindSince) }) : null}{" "}
                {pace.expected !== null ? t("progress.pace.expected", { expected: n(pace.expected) }) : null}
              </>
            ) : (
              t("progress.pace.noTarget")
            )}
          </p>
          {data.target !== null ? (
            <p className="text-xs text-muted">{t("progress.chart.cumulativeNote", { start: day(campaign.startsOn), end: day(campaign.endsOn) })}</p>
          ) : null}
          <PaceChart rows={paceRows} locale={locale} withTarget={data.target !== null} labels={chartLabels} />
          <ChartTable
            summary={t("progress.chart.asTable")}
            headers={[t("progress.chart.day"), t("progress.chart.members"), t("progress.chart.line"), t("progress.chart.projected")]}
            rows={paceRows}
            locale={locale}
          />
        </Section>
      ) : null}

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Section boxed id="daily" headingId="daily-title" title={t("progress.chart.daily")} className="min-w-0 space-y-2">
          <p className="text-xs text-muted">{t("progress.chart.dailyNote")}</p>
          <LazyDailyChart rows={daily} locale={locale} labels={chartLabels} />
          <ChartTable
            summary={t("progress.chart.asTable")}
            headers={[t("progress.chart.day"), t("progress.chart.members"), t("progress.chart.average")]}
            rows={daily}
            locale={locale}
          />
          <a href={exportHref(unit, "daily")} download className="inline-block text-sm font-semibold text-brand-700 underline">
            {t("progress.export.csvOf", { what: t("progress.chart.daily") })}
          </a>
        </Section>

        <Section boxed headingId="channels-title" title={t("progress.chart.channels")} className="min-w-0 space-y-2">
          <LazyChannelChart rows={channels} locale={locale} />
          <ul className="text-sm" data-testid="channels">
            {channels.map((c) => (
              <li key={c.label} className="flex justify-between border-t border-stone-100 py-1">
                <span>{c.label}</span>
                <span className="tabular-nums">
                  {n(c.members)} ({formatPercent(data.counts.members > 0 ? c.members / data.counts.members : null, locale)})
                </span>
              </li>
            ))}
          </ul>
          {data.composition ? (
            <div className="pt-2" data-testid="composition">
              <h3 className="font-semibold">{t("progress.composition.title")}</h3>
              <p className="text-xs text-muted">{t("progress.composition.note")}</p>
              <PlainTable
                className="mt-1"
                headers={[t("progress.composition.category"), t("progress.composition.count"), t("progress.composition.share")]}
                rows={(["SC", "ST", "OBC", "GEN"] as const).map((cat) => {
                  const v = data.composition?.[cat] ?? null;
                  return {
                    key: cat,
                    cells: [
                      t(`progress.cat.${cat}`),
                      v === null ? t("progress.composition.small") : n(v),
                      v === null || data.counts.members === 0 ? "—" : formatPercent(v / data.counts.members, locale),
                    ],
                  };
                })}
              />
            </div>
          ) : null}
        </Section>
      </div>

      {hasChildren ? (
        <Section id="lagging" headingId="lagging-title" title={t("progress.lagging.title")} className="space-y-2">
          <p className="text-sm text-muted">{t("progress.lagging.note")}</p>
          {laggingRows.length > 0 ? (
            <ProgressTable
              rows={packRows(laggingRows)}
              locale={locale}
              labels={tableLabels}
              caption={t("progress.lagging.title")}
              exportHref={exportHref(unit, "lagging")}
              levelLabels={levelLabels}
              testId="lagging-table"
              deferRows
            />
          ) : (
            <EmptyNote small testId="lagging-empty">
              {anyChildTarget ? t("progress.lagging.empty") : t("progress.lagging.emptyNoTargets")}
            </EmptyNote>
          )}
        </Section>
      ) : null}

      {hasChildren ? (
        <Section id="children" headingId="children-title" title={t("progress.children.title")} className="space-y-2">
          {data.groups.length > 1 ? (
            <Tabs
              label={t("progress.children.title")}
              scroll={false}
              items={data.groups.map((g) => ({ href: groupHref(g), label: groupTitle(t, g, unit), current: g === openGroup }))}
            />
          ) : null}
          {openGroup ? (
            <GroupPanel key={openGroup.level} group={openGroup} unit={unit} target={data.target} t={t} locale={locale} tableLabels={tableLabels} chartLabels={chartLabels} />
          ) : null}
        </Section>
      ) : null}

      {!overview && unit.level !== "booth" && !hasChildren ? <p className="text-sm text-muted">{t("progress.children.none")}</p> : null}
      {data.synthetic ? <p className="text-xs text-muted">{t("progress.synthetic")}</p> : null}
    </div>
  );
}

function groupTitle(t: Translate, g: ChildGroup, unit: ProgressUnit): string {
  return unit.level === "ac" && g.level === "district" ? t("progress.levels.acDistrict") : t(GROUP_TITLE[g.level]);
}

function GroupPanel({
  group,
  unit,
  target,
  t,
  locale,
  tableLabels,
  chartLabels,
}: {
  group: ChildGroup;
  unit: ProgressUnit;
  target: number | null;
  t: Translate;
  locale: "en" | "hi";
  tableLabels: TableLabels;
  chartLabels: ChartLabels;
}) {
  const rows = lean(toDisplayRows(group.rows, locale, placeLabelsOf(t)));
  const packed = packRows(rows);
  const n = (x: number) => formatNumber(x, locale);
  const title = groupTitle(t, group, unit);
  const { mode, bars } = chartRows(rows);
  const zero = rows.filter((r) => r.members === 0).length;
  const sumNote =
    group.targetSum === null
      ? null
      : target !== null && !(unit.level === "ac" && group.level === "district")
        ? t("progress.children.targetSum", { sum: n(group.targetSum), target: n(target), difference: signed(group.targetSum - target, locale) })
        : t("progress.children.targetSumNoParent", { sum: n(group.targetSum) });
  return (
    <div className="space-y-3" data-testid={`group-${group.level}`}>
      {sumNote || group.withoutTarget > 0 ? (
        <p className="text-sm text-muted" data-testid={`target-sum-${group.level}`}>
          {sumNote} {group.withoutTarget > 0 && group.targetSum !== null ? t("progress.children.withoutTarget", { count: n(group.withoutTarget) }) : null}
        </p>
      ) : null}
      {bars.length > 0 ? (
        <figure className="min-w-0 rounded-lg border border-stone-200 bg-white p-3" data-testid={`chart-${group.level}`} data-mode={mode}>
          <figcaption className="mb-2 text-sm">
            <span className="font-semibold">{t(mode === "target" ? "progress.chart.children" : "progress.chart.childrenTop", { level: title })}</span>{" "}
            <span className="text-xs text-muted">{t(mode === "target" ? "progress.chart.childrenNote" : "progress.chart.childrenTopNote")}</span>
            {rows.length > bars.length ? (
              <span className="block text-xs text-muted">
                {t(mode === "target" ? "progress.chart.childrenCapped" : "progress.chart.childrenTopCapped", { shown: n(bars.length), total: n(rows.length) })}
              </span>
            ) : null}
            {zero > 0 ? <span className="block text-xs text-muted">{t("progress.chart.zeroRows", { count: n(zero), total: n(rows.length) })}</span> : null}
          </figcaption>
          <LazyChildrenChart rows={packed} locale={locale} labels={chartLabels} />
        </figure>
      ) : (
        <EmptyNote small testId={`chart-${group.level}-empty`}>
          {t("progress.chart.childrenNone")}
        </EmptyNote>
      )}
      <ProgressTable rows={packed} locale={locale} labels={tableLabels} caption={title} exportHref={exportHref(unit, group.level)} testId={`table-${group.level}`} deferRows />
    </div>
  );
}

/**
 * The review queue filtered to a unit, with /quality's own parameters (lib/members/quality/search-params.ts):
 * pc (number), district (slug), block (id), ac (number), booth (code), and `status=voided` for the voided
 * members; the state's queue is the whole queue.
 */
function qualityHref(unit: Pick<ProgressUnit, "level" | "key">, status?: "voided"): string | undefined {
  const param: Partial<Record<GeoLevel, string>> = { pc: "pc", district: "district", block: "block", ac: "ac", booth: "booth" };
  if (unit.level !== "state" && !param[unit.level]) return undefined;
  const q = new URLSearchParams();
  if (unit.level !== "state") q.set(param[unit.level]!, unit.key);
  if (status) q.set("status", status);
  return q.size ? `/quality?${q.toString()}` : "/quality";
}

/** The current unit's own crumb: short, since the page title above spells it out. */
function crumbText(unit: ProgressUnit, locale: "en" | "hi"): string {
  const name = unitName(unit, locale);
  return unit.level === "pc" || unit.level === "ac" ? `${unit.no ?? unit.key} ${name}` : unit.level === "booth" ? unit.key : name;
}

/** Shares to four places (a table shows one decimal of a percent): 0.24833333333333332 crossed as 19 characters. */
function lean(rows: DisplayRow[]): DisplayRow[] {
  return rows.map((r) => (r.percent === null ? r : { ...r, percent: Math.round(r.percent * 10000) / 10000 }));
}

function signed(x: number, locale: "en" | "hi"): string {
  return `${x > 0 ? "+" : x < 0 ? "−" : ""}${formatNumber(Math.abs(x), locale)}`;
}

