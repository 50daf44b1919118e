/**
 * Display helpers shared by server pages and client components: rows reduced to what a table shows in one
 * language, and `{name}` templates filled on the client with catalog strings the server translated.
 */
import type { Locale } from "@/lib/i18n";
import { unitName } from "@/lib/i18n/names";
import { pack, unpack, type Packed } from "@/lib/pack";
import type { ChildRow, PlaceRef } from "@/lib/progress/types";
import type { GeoLevel } from "@/lib/geo/levels";

export interface DisplayRow {
  level: GeoLevel;
  key: string;
  /** "49 · Raipur City West", "049-123 · Primary School, …", "Raipur". */
  label: string;
  href: string | null;
  context: string | null;
  members: number;
  target: number | null;
  percent: number | null;
  expected: number | null;
  behindBy: number | null;
  daysBehind: number | null;
  behindSince: string | null;
  booths: number;
  covered: number;
  today: number | null;
  partial: boolean;
}

export function rowLabel(r: Pick<ChildRow, "level" | "key" | "name" | "nameHi" | "no">, locale: Locale): string {
  const name = unitName(r, locale);
  if (r.level === "pc" || r.level === "ac") return `${r.no ?? r.key} · ${name}`;
  if (r.level === "booth") return `${r.key} · ${name}`;
  return name;
}

/** How a place is named in a "where" cell: templates from the catalog (`progress.where.*`). */
export type PlaceLabels = Record<PlaceRef["level"], string>;

export function placeText(place: readonly PlaceRef[], locale: Locale, labels: PlaceLabels): string | null {
  if (place.length === 0) return null;
  return place.map((p) => fill(labels[p.level], { no: p.no ?? "", name: unitName(p, locale) })).join(" · ");
}

export function toDisplayRows(rows: readonly ChildRow[], locale: Locale, places: PlaceLabels): DisplayRow[] {
  return rows.map((r) => ({
    level: r.level,
    key: r.key,
    label: rowLabel(r, locale),
    href: r.href,
    context: placeText(r.place, locale, places),
    members: r.members,
    target: r.target,
    percent: r.percent,
    expected: r.expected === null ? null : Math.round(r.expected),
    behindBy: r.behindBy === null ? null : Math.round(r.behindBy),
    daysBehind: r.daysBehind === null ? null : Math.round(r.daysBehind * 10) / 10,
    behindSince: r.behindSince,
    booths: r.booths,
    covered: r.covered,
    today: r.today,
    partial: r.partial,
  }));
}

/** One bar of a children chart. */
export interface ChildBar {
  label: string;
  members: number;
  target: number | null;
  status: "lagging" | "onPace" | "noTarget";
}

/** The most bars a chart shows; the table below always has every row. */
export const CHART_ROWS = 40;
/** Without targets the chart is a short "most members" list: a top ten-odd reads, forty equal bars do not. */
export const TOP_CHART_ROWS = 15;

/**
 * Chart rows. With targets: furthest behind first (by share of target). Without any target among them a
 * "against target" chart means nothing, so it shows the units with most members instead (the caption says
 * so); when no unit has a member yet there is no chart at all. At most CHART_ROWS bars (TOP_CHART_ROWS without targets).
 */
export function chartRows(rows: DisplayRow[]): { mode: "target" | "top"; bars: ChildBar[] } {
  const withTarget = rows.some((r) => r.target !== null);
  const picked = withTarget
    ? [...rows].sort((a, b) => (a.percent ?? Infinity) - (b.percent ?? Infinity) || a.label.localeCompare(b.label))
    : rows.filter((r) => r.members > 0).sort((a, b) => b.members - a.members || a.label.localeCompare(b.label));
  return {
    mode: withTarget ? "target" : "top",
    bars: picked.slice(0, withTarget ? CHART_ROWS : TOP_CHART_ROWS).map((r) => ({
      // Booths are named by code on the chart; the table beside it has their names.
      label: r.level === "booth" ? r.key : r.label,
      members: r.members,
      target: r.target,
      status: r.target === null ? "noTarget" : (r.daysBehind ?? 0) > 0 ? "lagging" : "onPace",
    })),
  };
}

/** Fills `{name}` placeholders (the client-side twin of the translator's). */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Every field of DisplayRow, in the order rows are packed for the client (nullable ones last). */
const DISPLAY_FIELDS = [
  "level",
  "key",
  "label",
  "href",
  "context",
  "members",
  "booths",
  "covered",
  "partial",
  "target",
  "percent",
  "expected",
  "behindBy",
  "daysBehind",
  "behindSince",
  "today",
] as const satisfies readonly (keyof DisplayRow)[];

export type PackedRows = Packed<DisplayRow>;
export const packRows = (rows: readonly DisplayRow[]): PackedRows => pack(rows, DISPLAY_FIELDS);
export const unpackRows = (p: PackedRows): DisplayRow[] => unpack(p, DISPLAY_FIELDS);
