/**
 * Pace arithmetic: where a unit stands against the straight line from zero on the first campaign day to its
 * target at the end of the last. Pure functions of counts, dates and an instant, so every edge (first day,
 * last day, a campaign already over, a target of zero, a unit without booths) is unit-tested.
 *
 * Days are India-time calendar days (lib/dates.ts). Time within a day is fractional: at noon of day 3 of
 * a 70-day campaign, 2.5 days have elapsed and the line stands at 2.5/70 of the target.
 */
import { addDays, daysBetween, istDate, istDayStart } from "@/lib/dates";

const DAY_MS = 24 * 60 * 60 * 1000;
/** The window of "the rate of the last 7 days". */
export const RECENT_DAYS = 7;

export interface CampaignDays {
  startsOn: string;
  endsOn: string;
}

export interface DayCount {
  day: string;
  members: number;
}

export interface Pace {
  /** Campaign length in days (both ends included). */
  totalDays: number;
  /** Fractional days elapsed at `now`, 0 … totalDays. */
  elapsed: number;
  /** Whole days after today until the end date (0 on the last day and after it). */
  daysLeft: number;
  over: boolean;
  members: number;
  target: number | null;
  /** members / target; null without a target or with a target of zero. */
  percent: number | null;
  /** Where the straight target line stands now. */
  expected: number | null;
  /** Members behind the line (0 when on or ahead of it). */
  behindBy: number | null;
  /** Members ahead of the line (0 when behind). */
  aheadBy: number | null;
  /** How many days ago the line stood where the unit stands now (0 when on or ahead of pace). */
  daysBehind: number | null;
  /** The first day of the current run of days that ended below the line; null when not behind now. */
  behindSince: string | null;
  /** Members per day needed from now to reach the target by the end date (0 when reached). */
  requiredRate: number | null;
  /** Sign-ups per day over the last 7 days (today included, so far). */
  recentRate: number | null;
  /** The total at the end date if the recent rate holds. */
  projected: number | null;
  reached: boolean;
  /** The projected day of reaching the target at the recent rate (the day it was reached, if it was). */
  reachOn: string | null;
}

export function campaignLength(c: CampaignDays): number {
  return Math.max(1, daysBetween(c.startsOn, c.endsOn) + 1);
}

/** Fractional campaign days elapsed at `now`, clamped to the campaign. */
export function elapsedDays(c: CampaignDays, now: Date): number {
  const ms = now.getTime() - istDayStart(c.startsOn).getTime();
  return Math.min(campaignLength(c), Math.max(0, ms / DAY_MS));
}

/** The target line at `elapsed` days. */
export function lineAt(target: number, c: CampaignDays, elapsed: number): number {
  return (target * elapsed) / campaignLength(c);
}

/** Day counts by index from the campaign's first day (days outside the campaign are dropped). */
function byIndex(series: readonly DayCount[], c: CampaignDays): number[] {
  const out = new Array<number>(campaignLength(c)).fill(0);
  for (const { day, members } of series) {
    const i = daysBetween(c.startsOn, day);
    if (i >= 0 && i < out.length) out[i] = (out[i] ?? 0) + members;
  }
  return out;
}

/**
 * Sign-ups per day over the last 7 days of the campaign up to `now`. Today's sign-ups count whole; the day at
 * the window's far edge counts by the part of it inside the window. The divisor is at least one day, so that
 * an early morning on the first day does not extrapolate a handful of sign-ups to thousands a day.
 */
export function recentRate(series: readonly DayCount[], c: CampaignDays, now: Date): number {
  const elapsed = elapsedDays(c, now);
  const span = Math.min(RECENT_DAYS, elapsed);
  const from = elapsed - span;
  const counts = byIndex(series, c);
  let sum = 0;
  for (let i = Math.floor(from); i < counts.length && i <= Math.floor(elapsed); i++) {
    sum += (counts[i] ?? 0) * Math.min(1, Math.max(0, i + 1 - from));
  }
  return sum / Math.max(1, span);
}

/** Members counted before the campaign's first day (or outside its days): the start of its cumulative line. */
export function baseCount(members: number, series: readonly DayCount[], c: CampaignDays): number {
  const inside = byIndex(series, c).reduce((a, b) => a + b, 0);
  return Math.max(0, members - inside);
}

/**
 * Since when a unit has been below its line: the first day of the unbroken run of days, ending today, at whose
 * end the cumulative count was below the line (today is judged at `now`). Null when it is not behind now.
 */
export function behindSince(
  series: readonly DayCount[],
  target: number | null,
  c: CampaignDays,
  now: Date,
  base = 0,
): string | null {
  if (target === null || target <= 0) return null;
  const elapsed = elapsedDays(c, now);
  const counts = byIndex(series, c);
  const total = campaignLength(c);
  const last = Math.min(total - 1, Math.floor(elapsed));
  let cumulative = base;
  let since: number | null = null;
  for (let i = 0; i <= last; i++) {
    cumulative += counts[i] ?? 0;
    const at = i === last ? elapsed : i + 1;
    if (cumulative < lineAt(target, c, at)) since ??= i;
    else since = null;
  }
  return since === null ? null : addDays(c.startsOn, since);
}

export interface PaceInput {
  members: number;
  target: number | null;
  campaign: CampaignDays;
  now: Date;
  /** Sign-ups per day; without it the recent rate, projection and "behind since" are unknown. */
  series?: readonly DayCount[];
}

export function pace({ members, target, campaign, now, series }: PaceInput): Pace {
  const totalDays = campaignLength(campaign);
  const elapsed = elapsedDays(campaign, now);
  const today = istDate(now);
  const over = today > campaign.endsOn;
  const remaining = Math.max(0, totalDays - elapsed);
  const daysLeft = Math.max(0, daysBetween(today, campaign.endsOn));
  const rate = series ? recentRate(series, campaign, now) : null;
  const projected = rate === null ? null : over ? members : members + rate * remaining;
  const base = { totalDays, elapsed, daysLeft, over, members, target, recentRate: rate, projected };
  if (target === null) {
    return {
      ...base,
      percent: null,
      expected: null,
      behindBy: null,
      aheadBy: null,
      daysBehind: null,
      behindSince: null,
      requiredRate: null,
      reached: false,
      reachOn: null,
    };
  }
  const expected = lineAt(target, campaign, elapsed);
  const reached = members >= target;
  const gap = members - expected;
  // Where the line stood `members` ago: it rises target/totalDays per day.
  const daysBehind = target > 0 && gap < 0 ? elapsed - (members * totalDays) / target : 0;
  let reachOn: string | null = null;
  if (reached && series) reachOn = dayReached(series, target, campaign, baseCount(members, series, campaign));
  else if (!reached && rate !== null && rate > 0) reachOn = istDate(new Date(now.getTime() + ((target - members) / rate) * DAY_MS));
  return {
    ...base,
    percent: target > 0 ? members / target : null,
    expected,
    behindBy: Math.max(0, -gap),
    aheadBy: Math.max(0, gap),
    daysBehind,
    behindSince: series ? behindSince(series, target, campaign, now, baseCount(members, series, campaign)) : null,
    requiredRate: reached ? 0 : over || remaining <= 0 ? null : (target - members) / remaining,
    reached,
    reachOn,
  };
}

/** The campaign day on which the cumulative count first reached `target`. */
function dayReached(series: readonly DayCount[], target: number, c: CampaignDays, base: number): string | null {
  let cumulative = base;
  for (const [i, n] of byIndex(series, c).entries()) {
    cumulative += n;
    if (cumulative >= target) return addDays(c.startsOn, i);
  }
  return null;
}

export interface CumulativePoint {
  day: string;
  /** Members so far at the end of the day (null after today). */
  members: number | null;
  /** The straight target line at the end of the day. */
  line: number | null;
  /** The recent-rate projection (from today on). */
  projected: number | null;
}

/** Points for the cumulative chart: every campaign day, actuals up to today, the line, the projection after. */
export function cumulativePoints(
  series: readonly DayCount[],
  target: number | null,
  c: CampaignDays,
  now: Date,
  base = 0,
): CumulativePoint[] {
  const total = campaignLength(c);
  const counts = byIndex(series, c);
  // Members from before the campaign's first day still count towards its target: the line starts there.
  let cumulative = base;
  const elapsed = elapsedDays(c, now);
  const todayIndex = Math.min(total - 1, Math.floor(elapsed));
  const rate = recentRate(series, c, now);
  const points: CumulativePoint[] = [];
  let todays = 0;
  for (let i = 0; i < total; i++) {
    cumulative += counts[i] ?? 0;
    if (i === todayIndex) todays = cumulative;
    points.push({
      day: addDays(c.startsOn, i),
      members: i <= todayIndex ? cumulative : null,
      line: target === null ? null : Math.round(lineAt(target, c, i + 1)),
      projected: i < todayIndex ? null : Math.round(todays + rate * Math.max(0, i + 1 - elapsed)),
    });
  }
  return points;
}

export interface DailyPoint {
  day: string;
  members: number;
  /** Mean of this day and up to six days before it (within the campaign). */
  average: number;
}

/** Per-day sign-ups from the first campaign day to today, with a trailing 7-day average. */
export function dailyPoints(series: readonly DayCount[], c: CampaignDays, now: Date): DailyPoint[] {
  const counts = byIndex(series, c);
  const last = Math.min(counts.length - 1, Math.floor(elapsedDays(c, now)));
  const out: DailyPoint[] = [];
  for (let i = 0; i <= last; i++) {
    const window = counts.slice(Math.max(0, i - RECENT_DAYS + 1), i + 1);
    out.push({
      day: addDays(c.startsOn, i),
      members: counts[i] ?? 0,
      average: window.reduce((a, b) => a + b, 0) / window.length,
    });
  }
  return out;
}

/**
 * Adds day series together (cells into their AC, ACs into their PC), in a day-indexed array: each day is an
 * offset from the earliest, so adding is one pass over the inputs with no map and no sort. Days that no input
 * has are left out, as before.
 */
export function sumSeries(all: readonly (readonly DayCount[])[]): DayCount[] {
  let first: string | null = null;
  let last: string | null = null;
  for (const s of all) {
    for (const { day } of s) {
      if (first === null || day < first) first = day;
      if (last === null || day > last) last = day;
    }
  }
  if (first === null || last === null) return [];
  const sums = new Float64Array(daysBetween(first, last) + 1);
  const present = new Uint8Array(sums.length);
  for (const s of all) {
    for (const { day, members } of s) {
      const i = daysBetween(first, day);
      sums[i]! += members;
      present[i] = 1;
    }
  }
  const out: DayCount[] = [];
  for (let i = 0; i < sums.length; i++) if (present[i]) out.push({ day: addDays(first, i), members: sums[i]! });
  return out;
}

export const SMALL_COUNT = 10;

/**
 * Small-count suppression for composition (caste category) counts: a count under 10 is not shown, and when
 * exactly one is hidden, the next smallest is hidden too, so that it cannot be recovered from the total.
 */
export function suppressSmall<K extends string>(counts: Record<K, number>, threshold = SMALL_COUNT): Record<K, number | null> {
  const entries = Object.entries(counts) as [K, number][];
  const hidden = new Set(entries.filter(([, n]) => n < threshold).map(([k]) => k));
  if (hidden.size === 1) {
    const next = entries.filter(([k]) => !hidden.has(k)).sort((a, b) => a[1] - b[1])[0];
    if (next) hidden.add(next[0]);
  }
  return Object.fromEntries(entries.map(([k, n]) => [k, hidden.has(k) ? null : n])) as Record<K, number | null>;
}
