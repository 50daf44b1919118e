/**
 * The catalog keys client components need, translated on the server and passed down as plain strings.
 * Kept out of "use client" modules: a server component importing a constant from one gets a client reference,
 * not the value.
 */
import type { MessageKey, Translate } from "@/lib/i18n";

/** Catalog strings the cards need, translated on the server (the cards also render in the browser). */
export const HEADLINE_KEYS = [
  "progress.card.members",
  "progress.card.ofTarget",
  "progress.card.noTarget",
  "progress.card.target",
  "progress.card.daysLeft",
  "progress.card.campaignDates",
  "progress.card.campaignOver",
  "progress.card.needed",
  "progress.card.neededDetail",
  "progress.card.neededReached",
  "progress.card.recent",
  "progress.card.recentFaster",
  "progress.card.recentSlower",
  "progress.card.projected",
  "progress.card.projectedDetail",
  "progress.card.reachOn",
  "progress.card.reachOnProjected",
  "progress.card.reachOnDetailBefore",
  "progress.card.reachOnDetailAfter",
  "progress.card.reachNever",
  "progress.card.today",
  "progress.card.todayDetail",
  "progress.card.todayStatic",
  "progress.card.covered",
  "progress.card.coveredDetail",
  "progress.card.booths",
  "progress.card.boothCovered",
  "progress.card.yes",
  "progress.card.no",
  "progress.card.boothsDetail",
  "progress.card.updated",
  "progress.card.stale",
  "progress.quality.members",
  "progress.quality.review",
  "progress.quality.voided",
  "progress.quality.note",
] as const satisfies readonly MessageKey[];
export type HeadlineLabels = Record<(typeof HEADLINE_KEYS)[number], string>;

export const TABLE_KEYS = [
  "progress.col.name",
  "progress.col.context",
  "progress.col.members",
  "progress.col.target",
  "progress.col.percent",
  "progress.col.expected",
  "progress.col.behind",
  "progress.col.daysBehind",
  "progress.col.behindSince",
  "progress.col.booths",
  "progress.col.covered",
  "progress.col.coveredYes",
  "progress.col.coveredNo",
  "progress.col.today",
  "progress.col.partial",
  "progress.col.total",
  "progress.col.level",
  "progress.table.filter",
  "progress.table.filterLabel",
  "progress.table.rows",
  "progress.table.noRows",
  "progress.table.prev",
  "progress.table.next",
  "progress.table.pageSize",
  "progress.table.scroll",
  "progress.export.csv",
] as const satisfies readonly MessageKey[];
export type TableLabels = Record<(typeof TABLE_KEYS)[number], string>;

/** The charts' series and legend names (cumulative, daily and children charts share one list). */
export const CHART_KEYS = [
  "progress.chart.members",
  "progress.chart.line",
  "progress.chart.projected",
  "progress.chart.average",
  "progress.chart.target",
  "progress.chart.lagging",
  "progress.chart.onPace",
  "progress.chart.noTarget",
] as const satisfies readonly MessageKey[];
export type ChartLabels = Record<(typeof CHART_KEYS)[number], string>;

/** Templates for "where" cells (an AC's seat and districts, a booth's block or AC). */
export function placeLabelsOf(t: Translate): Record<"pc" | "ac" | "district" | "block", string> {
  return { pc: t("progress.where.pc"), ac: t("progress.where.ac"), district: t("progress.where.district"), block: t("progress.where.block") };
}
