import "server-only";
import { and, eq, sql, type Column, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";
import { booths, cells, targets } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { istDate } from "@/lib/dates";
import { campaignInfo, currentCampaign, type CampaignInfo } from "@/lib/campaign";
import { baseCount, cumulativePoints, dailyPoints, pace, suppressSmall, sumSeries, type DayCount, type Pace } from "@/lib/progress/pace";
import type { BoothPeople, ChildGroup, ChildRow, Headline, PlaceRef, UnitProgress } from "@/lib/progress/types";
import { add, CELL_UNIT_COLUMN, cellScope, cellsOf, groupCells, loadBooths, loadCells, ZERO, type Cell, type Counts } from "@/lib/geo/cells";
import { boothScope } from "@/lib/auth/scope";
import { boothsOf, link, type ProgressUnit } from "@/lib/geo/units";
import { maskEpic, maskPhone } from "@/lib/validation/mask";
import type { GeoLevel } from "@/lib/geo/levels";

/**
 * The progress of one unit for one viewer, read from counters only: booth rows joined to booth_counters
 * (one GROUP BY over at most ~25,000 booth rows), the per-day counters, targets and appointments. Nothing
 * here counts members, so the cost follows the number of booths, not of members.
 *
 * Above the assembly seat, booths are summed per (AC, district) "cell" in SQL and the cells are added up here
 * into PCs, ACs, districts and the state; from the AC down, each booth is a cell. An AC in two districts is two
 * cells, so each district gets exactly its own booths' sign-ups.
 */

type Row = Record<string, unknown>;

/** `col = ANY($1)` with the ids bound as one array: a district's 2,000 booth ids are one parameter, not 2,000. */
function anyOf(col: Column | SQL, ids: readonly number[]): SQL {
  return sql`${col} = ANY(${sql.param([...ids])}::int[])`;
}
const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const s = (v: unknown) => (v === null || v === undefined ? null : String(v));

/**
 * Sign-ups per day: per (AC, district) pair for the children's series, and per block on a district's or block's
 * page, from the cell day counters (a few rows per cell and day, whatever the number of booths).
 */
interface Series {
  total: DayCount[];
  byCell: Map<string, DayCount[]> | null;
  byBlock: Map<number, DayCount[]> | null;
}

function pushTo<K>(map: Map<K, DayCount[]>, key: K, day: string, members: number) {
  const list = map.get(key);
  if (list) list.push({ day, members });
  else map.set(key, [{ day, members }]);
}

// Days are read as text (`day::text`): a `date` parsed by a driver would become a midnight-UTC instant.
const dayText = (v: unknown) => String(v).slice(0, 10);

async function loadSeries(
  db: DbOrTx,
  viewer: Viewer,
  unit: Pick<ProgressUnit, "level" | "id" | "stateId">,
  from: string,
  to: string,
): Promise<Series> {
  if (unit.level === "booth") {
    const rows = await queryRows<Row>(
      db,
      sql`SELECT bd.day::text AS day, bd.members FROM booth_day_counters bd
          WHERE bd.booth_id = (SELECT ${booths.id} FROM ${booths} WHERE ${booths.id} = ${unit.id} AND ${booths.stateId} = ${unit.stateId} AND ${boothScope(viewer)})
            AND bd.day BETWEEN ${from} AND ${to}
          ORDER BY bd.day`,
    );
    return { total: rows.map((r) => ({ day: dayText(r.day), members: n(r.members) })), byCell: null, byBlock: null };
  }
  const blocks = unit.level === "district" || unit.level === "block";
  // One pass over the unit's cell-days: per (AC, district) and, where blocks are listed, per block too.
  const sets = blocks
    ? sql`GROUPING SETS ((${cells.acId}, ${cells.districtId}, d.day), (${cells.blockId}, d.day))`
    : sql`${cells.acId}, ${cells.districtId}, d.day`;
  const rows = await queryRows<Row>(
    db,
    sql`SELECT ${cells.acId} AS ac_id, ${cells.districtId} AS district_id, ${blocks ? sql`${cells.blockId}` : sql`NULL::int`} AS block_id,
               ${blocks ? sql`GROUPING(${cells.blockId})` : sql`1`} AS per_pair, d.day::text AS day, sum(d.members)::int AS members
        FROM cell_day_counters d JOIN ${cells} ON ${cells.id} = d.cell_id
        WHERE ${cellsOf({ level: unit.level, id: unit.id })} AND ${cells.stateId} = ${unit.stateId} AND ${cellScope(viewer)} AND d.day BETWEEN ${from} AND ${to}
        GROUP BY ${sets}
        ORDER BY day`,
  );
  const byCell = new Map<string, DayCount[]>();
  const byBlock = blocks ? new Map<number, DayCount[]>() : null;
  for (const r of rows) {
    if (n(r.per_pair) === 1) pushTo(byCell, `${r.ac_id}:${r.district_id}`, dayText(r.day), n(r.members));
    else if (byBlock && r.block_id !== null) pushTo(byBlock, n(r.block_id), dayText(r.day), n(r.members));
  }
  return { total: sumSeries([...byCell.values()]), byCell, byBlock };
}

/** Targets of one level for the given units in the campaign (a unit without a row has no target). */
export async function targetsOf(db: DbOrTx, campaignId: number, stateId: number, level: GeoLevel, ids: readonly number[]): Promise<Map<number, number>> {
  if (level !== "state" && ids.length === 0) return new Map();
  const col = { pc: targets.pcId, ac: targets.acId, district: targets.districtId, block: targets.blockId, booth: targets.boothId };
  const rows = await db
    .select({ id: sql<number>`coalesce(${targets.pcId}, ${targets.acId}, ${targets.districtId}, ${targets.blockId}, ${targets.boothId}, ${targets.stateId})`, members: targets.members })
    .from(targets)
    .where(
      and(
        eq(targets.campaignId, campaignId),
        eq(targets.stateId, stateId),
        eq(targets.level, level),
        level === "state" ? undefined : anyOf(col[level], ids),
      ),
    );
  return new Map(rows.map((r) => [Number(r.id), r.members]));
}

interface Names {
  pcs: Map<number, { no: number; name: string; nameHi: string | null }>;
  acs: Map<number, { no: number; name: string; nameHi: string | null; pcId: number }>;
  districts: Map<number, { slug: string; name: string; nameHi: string | null }>;
  blocks: Map<number, { name: string; nameHi: string | null; districtId: number }>;
  acDistricts: Map<number, number[]>;
}

/** Names of the units the cells mention (and only those: a scoped page names nothing outside its scope), in one query. */
async function loadNames(db: DbOrTx, cells: readonly Cell[]): Promise<Names> {
  const uniq = (f: (c: Cell) => number | null) => [...new Set(cells.map(f).filter((x): x is number => x !== null))];
  const acIds = uniq((c) => c.acId);
  const rows = cells.length
    ? await queryRows<Row>(
        db,
        sql`SELECT 'pc' AS k, id, no::int AS no, NULL::text AS slug, name, name_hi, NULL::int AS parent FROM lok_sabha_seats WHERE ${anyOf(sql`id`, uniq((c) => c.pcId))}
            UNION ALL SELECT 'ac', id, no::int, NULL, name, name_hi, pc_id FROM assembly_seats WHERE ${anyOf(sql`id`, acIds)}
            UNION ALL SELECT 'district', id, NULL, slug, name, name_hi, NULL FROM districts WHERE ${anyOf(sql`id`, uniq((c) => c.districtId))}
            UNION ALL SELECT 'block', id, NULL, NULL, name, name_hi, district_id FROM blocks WHERE ${anyOf(sql`id`, uniq((c) => c.blockId))}
            UNION ALL SELECT 'acd', ac_id, NULL, NULL, NULL, NULL, district_id FROM assembly_seat_districts WHERE ${anyOf(sql`ac_id`, acIds)}`,
      )
    : [];
  const names: Names = { pcs: new Map(), acs: new Map(), districts: new Map(), blocks: new Map(), acDistricts: new Map() };
  for (const r of rows) {
    const id = n(r.id);
    const name = String(r.name ?? "");
    const nameHi = s(r.name_hi);
    if (r.k === "pc") names.pcs.set(id, { no: n(r.no), name, nameHi });
    else if (r.k === "ac") names.acs.set(id, { no: n(r.no), name, nameHi, pcId: n(r.parent) });
    else if (r.k === "district") names.districts.set(id, { slug: String(r.slug), name, nameHi });
    else if (r.k === "block") names.blocks.set(id, { name, nameHi, districtId: n(r.parent) });
    else names.acDistricts.set(id, [...(names.acDistricts.get(id) ?? []), n(r.parent)]);
  }
  return names;
}

/** The campaign's targets of several child levels for the given units, in one query. */
async function childTargets(
  db: DbOrTx,
  campaignId: number,
  stateId: number,
  ids: Partial<Record<Exclude<GeoLevel, "state">, readonly number[]>>,
): Promise<Map<string, number>> {
  const col = { pc: sql`pc_id`, ac: sql`ac_id`, district: sql`district_id`, block: sql`block_id`, booth: sql`booth_id` };
  const parts = (Object.entries(ids) as [Exclude<GeoLevel, "state">, readonly number[]][])
    .filter(([, list]) => list.length > 0)
    .map(([level, list]) => sql`(level = ${level} AND ${anyOf(col[level], list)})`);
  if (parts.length === 0) return new Map();
  const rows = await queryRows<Row>(
    db,
    sql`SELECT level, coalesce(pc_id, ac_id, district_id, block_id, booth_id) AS id, members FROM targets
        WHERE campaign_id = ${campaignId} AND state_id = ${stateId} AND (${sql.join(parts, sql` OR `)})`,
  );
  return new Map(rows.map((r) => [`${r.level}:${r.id}`, n(r.members)]));
}

/** Units of `level` that lie only partly in the viewer's scope (an AC in two districts, for a district's viewer). */
async function partialUnits(db: DbOrTx, viewer: Viewer, level: GeoLevel, ids: readonly number[]): Promise<Set<number>> {
  if (viewer.scope.level === "state" || ids.length === 0 || level === "state" || level === "booth") return new Set();
  const col = CELL_UNIT_COLUMN[level];
  const rows = await queryRows<{ id: number }>(
    db,
    sql`SELECT DISTINCT ${col} AS id FROM ${cells} WHERE ${anyOf(col, ids)} AND ${cells.booths} > 0 AND NOT (${cellScope(viewer)})`,
  );
  return new Set(rows.map((r) => Number(r.id)));
}

async function chiefEnrollers(db: DbOrTx, viewer: Viewer, unit: ProgressUnit): Promise<{ appointed: number; trained: number } | null> {
  if (unit.partial || !(unit.level === "state" || unit.level === "district" || unit.level === "block")) return null;
  if (viewer.scope.level !== "state" && viewer.scope.level !== "district") return null;
  // A district's viewer reads their own district's posts (a state-wide page is never theirs: scopeUnit/findUnit).
  const district = unit.level === "district" ? unit.id : viewer.scope.level === "district" ? viewer.scope.id : null;
  // Chief enrollers hold district or block posts; each kind matches a partial unique index over active posts.
  const districtPosts =
    unit.level === "block" ? sql`false` : district === null ? sql`a.district_id IS NOT NULL` : sql`a.district_id IS NOT NULL AND a.district_id = ${district}`;
  const blockPosts =
    unit.level === "block"
      ? sql`a.block_id IS NOT NULL AND a.block_id = ${unit.id}${district === null ? sql`` : sql` AND a.block_id IN (SELECT id FROM blocks WHERE district_id = ${district})`}`
      : district === null
        ? sql`a.block_id IS NOT NULL`
        : sql`a.block_id IS NOT NULL AND a.block_id IN (SELECT id FROM blocks WHERE district_id = ${district})`;
  // Trained: attended every day of a session (a two-day session needs both days).
  const [r] = await queryRows<Row>(
    db,
    sql`SELECT count(*)::int AS appointed,
               count(*) FILTER (WHERE EXISTS (
                 SELECT 1 FROM training_attendance ta JOIN trainings t ON t.id = ta.training_id
                 WHERE ta.worker_id = a.worker_id AND ta.days_attended >= (t.ends_on - t.starts_on + 1)))::int AS trained
        FROM appointments a
        WHERE a.role = 'chief_enroller' AND a.ended_at IS NULL AND a.state_id = ${unit.stateId}
          AND ((${districtPosts}) OR (${blockPosts}))`,
  );
  return { appointed: n(r?.appointed), trained: n(r?.trained) };
}

function seriesFor<K>(byCell: Map<string, DayCount[]> | null, cells: readonly Cell[], key: (c: Cell) => K): Map<K, DayCount[]> | null {
  if (!byCell) return null;
  const parts = new Map<K, DayCount[][]>();
  const seen = new Set<string>();
  for (const c of cells) {
    const cellKey = `${c.acId}:${c.districtId}`;
    if (seen.has(cellKey)) continue;
    seen.add(cellKey);
    const s = byCell.get(cellKey);
    if (!s) continue;
    const k = key(c);
    parts.set(k, [...(parts.get(k) ?? []), s]);
  }
  return new Map([...parts].map(([k, list]) => [k, sumSeries(list)]));
}

interface Ctx {
  viewer: Viewer;
  campaign: CampaignInfo | null;
  now: Date;
  day: string;
}

function childRow(
  ctx: Ctx,
  unit: Parameters<typeof link>[1],
  linkCtx: Parameters<typeof link>[2],
  counts: Counts,
  target: number | null,
  series: DayCount[] | null,
  partial: boolean,
  place: PlaceRef[] = [],
): ChildRow {
  const t = partial ? null : target;
  // Without a target nothing in a row depends on pace; a district's ~2,000 booths mostly have none.
  const p = ctx.campaign && t !== null ? pace({ members: counts.members, target: t, campaign: ctx.campaign, now: ctx.now, series: series ?? undefined }) : null;
  const l = link(ctx.viewer, unit, linkCtx);
  // Fields listed, not spread: `{...l, members, …}` built ~2,000 booth rows per district page as slow
  // dictionary-mode objects, 30–90 ms of the page against ~1 ms now (measured on Raipur's 1,826 rows).
  return {
    level: l.level,
    id: l.id,
    key: l.key,
    name: l.name,
    nameHi: l.nameHi,
    no: l.no,
    href: l.href,
    members: counts.members,
    underReview: counts.underReview,
    voided: counts.voided,
    target: t,
    booths: counts.booths,
    covered: counts.covered,
    today: series ? (series.find((d) => d.day === ctx.day)?.members ?? 0) : null,
    percent: p?.percent ?? null,
    expected: p?.expected ?? null,
    behindBy: p?.behindBy ?? null,
    daysBehind: p?.daysBehind ?? null,
    behindSince: p?.behindSince ?? null,
    partial,
    place,
  };
}

function group(level: GeoLevel, rows: ChildRow[]): ChildGroup {
  const withTarget = rows.filter((r) => r.target !== null);
  return {
    level,
    rows,
    targetSum: withTarget.length ? withTarget.reduce((a, r) => a + (r.target ?? 0), 0) : null,
    withoutTarget: rows.length - withTarget.length,
  };
}

const LAGGING_ROWS = 10;

/** Units furthest behind their own pace: those with a target, behind the line, most days behind first. */
export function laggingRows(groups: readonly ChildGroup[], levels: readonly GeoLevel[]): ChildRow[] {
  return groups
    .filter((g) => levels.includes(g.level))
    .flatMap((g) => g.rows)
    .filter((r) => r.target !== null && (r.daysBehind ?? 0) > 0)
    .sort((a, b) => (b.daysBehind ?? 0) - (a.daysBehind ?? 0) || (b.behindBy ?? 0) - (a.behindBy ?? 0))
    .slice(0, LAGGING_ROWS);
}

export interface LoadOptions {
  now?: Date;
  /** Skip the children, lagging units and charts (the live headline needs only the totals). */
  headlineOnly?: boolean;
}

/** Everything a unit's page shows. The unit must come from `findUnit` / `scopeUnit` (scope already checked). */
export async function loadUnitProgress(db: DbOrTx, viewer: Viewer, unit: ProgressUnit, opts: LoadOptions = {}): Promise<UnitProgress> {
  const now = opts.now ?? new Date();
  const day = istDate(now);
  const campaign = campaignInfo(await currentCampaign(db, unit.stateId, day));
  const ctx: Ctx = { viewer, campaign, now, day };
  const from = campaign && campaign.startsOn < day ? campaign.startsOn : day;

  const listsBooths = !opts.headlineOnly && childLevels(unit.level).includes("booth");
  const [unitCells, boothCells, series, unitTarget, chiefs, synthetic] = await Promise.all([
    loadCells(db, viewer, unit),
    listsBooths ? loadBooths(db, viewer, unit) : Promise.resolve([] as Cell[]),
    loadSeries(db, viewer, unit, from, day),
    campaign && !unit.partial ? targetsOf(db, campaign.id, unit.stateId, unit.level, [unit.id]) : Promise.resolve(new Map<number, number>()),
    opts.headlineOnly ? Promise.resolve(null) : chiefEnrollers(db, viewer, unit),
    opts.headlineOnly
      ? Promise.resolve(false)
      : queryRows<{ synthetic: boolean }>(
          db,
          sql`SELECT EXISTS (SELECT 1 FROM ${booths} WHERE ${boothsOf(unit)} AND ${booths.stateId} = ${unit.stateId} AND ${booths.synthetic}) AS synthetic`,
        ).then((r) => Boolean(r[0]?.synthetic)),
  ]);
  const counts = unitCells.reduce((acc, c) => add(acc, c), { ...ZERO });
  const target = unit.level === "state" ? ([...unitTarget.values()][0] ?? null) : (unitTarget.get(unit.id) ?? null);
  const unitPace = campaign ? pace({ members: counts.members, target, campaign, now, series: series.total }) : null;
  const today = series.total.find((d) => d.day === day)?.members ?? 0;
  const headline = toHeadline(counts, target, today, unitPace, day, now);
  const composition = can(viewer, "composition.view", unit.level)
    ? suppressSmall({ SC: counts.sc, ST: counts.st, OBC: counts.obc, GEN: counts.gen })
    : null;
  const base: UnitProgress = {
    unit,
    campaign,
    day,
    asOf: now.toISOString(),
    sharedForSeconds: 0,
    counts,
    target,
    headline,
    pace: unitPace,
    chiefEnrollers: chiefs,
    composition,
    cumulative: campaign ? cumulativePoints(series.total, target, campaign, now, baseCount(counts.members, series.total, campaign)) : [],
    daily: campaign ? dailyPoints(series.total, campaign, now) : [],
    groups: [],
    lagging: [],
    synthetic,
  };
  if (opts.headlineOnly) return base;
  const groups = await buildGroups(db, ctx, unit, unitCells, boothCells, series, childLevels(unit.level));
  const laggingLevels: GeoLevel[] = unit.level === "state" ? ["ac", "district"] : unit.level === "district" ? ["block", "booth"] : ["pc", "ac", "block", "booth"];
  return { ...base, groups, lagging: laggingRows(groups, laggingLevels) };
}

function toHeadline(counts: Counts, target: number | null, today: number, p: Pace | null, day: string, now: Date): Headline {
  return {
    members: counts.members,
    underReview: counts.underReview,
    voided: counts.voided,
    target,
    percent: target !== null && target > 0 ? counts.members / target : null,
    today,
    booths: counts.booths,
    covered: counts.covered,
    daysLeft: p?.daysLeft ?? null,
    over: p?.over ?? false,
    requiredRate: p?.requiredRate ?? null,
    recentRate: p?.recentRate ?? null,
    projected: p?.projected ?? null,
    reachOn: p?.reachOn ?? null,
    reached: p?.reached ?? false,
    expected: p?.expected ?? null,
    behindBy: p?.behindBy ?? null,
    daysBehind: p?.daysBehind ?? null,
    day,
    asOf: now.toISOString(),
  };
}

/** The child levels a unit's page lists. */
export function childLevels(level: GeoLevel): GeoLevel[] {
  switch (level) {
    case "state":
      return ["pc", "ac", "district"];
    case "pc":
      return ["ac"];
    case "ac":
      return ["booth", "district"];
    case "district":
      return ["block", "booth"];
    case "block":
      return ["booth"];
    case "booth":
      return [];
  }
}

async function buildGroups(
  db: DbOrTx,
  ctx: Ctx,
  unit: Pick<ProgressUnit, "level" | "id" | "stateId">,
  cells: Cell[],
  boothCells: Cell[],
  series: Series,
  levels: readonly GeoLevel[],
): Promise<ChildGroup[]> {
  const { campaign, viewer } = ctx;
  const stateId = unit.stateId;
  const ids = (f: (c: Cell) => number | null) => [...new Set(cells.map(f).filter((x): x is number => x !== null))];
  const wanted = (l: GeoLevel) => levels.includes(l);
  const none = [] as number[];
  const [names, targetMap, acPartial, dPartial, pcPartial, blockPartial] = await Promise.all([
    loadNames(db, boothCells.length ? [...cells, ...boothCells] : cells),
    campaign
      ? childTargets(db, campaign.id, stateId, {
          pc: wanted("pc") ? ids((c) => c.pcId) : none,
          ac: wanted("ac") ? ids((c) => c.acId) : none,
          // Inside one AC a district row is only the AC's part: no district target applies to it.
          district: wanted("district") && unit.level !== "ac" ? ids((c) => c.districtId) : none,
          block: wanted("block") ? ids((c) => c.blockId) : none,
          booth: wanted("booth") ? [...new Set(boothCells.map((c) => c.boothId).filter((x): x is number => x !== null))] : none,
        })
      : Promise.resolve(new Map<string, number>()),
    wanted("ac") ? partialUnits(db, viewer, "ac", ids((c) => c.acId)) : new Set<number>(),
    wanted("district") ? partialUnits(db, viewer, "district", ids((c) => c.districtId)) : new Set<number>(),
    wanted("pc") ? partialUnits(db, viewer, "pc", ids((c) => c.pcId)) : new Set<number>(),
    // A block partly outside a seat's viewer's area shows that part and no target (as an AC does for a district's).
    wanted("block") ? partialUnits(db, viewer, "block", ids((c) => c.blockId)) : new Set<number>(),
  ]);
  const target = (level: GeoLevel, id: number) => targetMap.get(`${level}:${id}`) ?? null;
  const groups: ChildGroup[] = [];

  for (const level of levels) {
    if (level === "pc") {
      const counts = groupCells(cells, (c) => c.pcId);
      const ser = seriesFor(series.byCell, cells, (c) => c.pcId);
      const rows = [...counts].map(([id, cnt]) => {
        const pc = names.pcs.get(id);
        return childRow(
          ctx,
          { level, id, key: String(pc?.no ?? id), name: pc?.name ?? String(id), nameHi: pc?.nameHi ?? null, no: pc?.no ?? null },
          {},
          cnt,
          target("pc", id),
          ser?.get(id) ?? null,
          pcPartial.has(id),
        );
      });
      groups.push(group(level, rows.sort((a, b) => (a.no ?? 0) - (b.no ?? 0))));
    } else if (level === "ac") {
      const counts = groupCells(cells, (c) => c.acId);
      const ser = seriesFor(series.byCell, cells, (c) => c.acId);
      const rows = [...counts].map(([id, cnt]) => {
        const ac = names.acs.get(id);
        const pc = ac ? names.pcs.get(ac.pcId) : undefined;
        const ds = (names.acDistricts.get(id) ?? []).map((d) => names.districts.get(d)).filter((d) => d !== undefined);
        return childRow(
          ctx,
          { level, id, key: String(ac?.no ?? id), name: ac?.name ?? String(id), nameHi: ac?.nameHi ?? null, no: ac?.no ?? null },
          { pcId: ac?.pcId, acDistrictIds: names.acDistricts.get(id) ?? [] },
          cnt,
          target("ac", id),
          ser?.get(id) ?? null,
          acPartial.has(id),
          [
            ...(pc ? [{ level: "pc" as const, no: pc.no, name: pc.name, nameHi: pc.nameHi }] : []),
            ...ds.map((d) => ({ level: "district" as const, no: null, name: d.name, nameHi: d.nameHi })),
          ],
        );
      });
      groups.push(group(level, rows.sort((a, b) => (a.no ?? 0) - (b.no ?? 0))));
    } else if (level === "district") {
      const counts = groupCells(cells, (c) => c.districtId);
      // Inside one AC a district row is the AC's part in that district: shown only for seats in two districts.
      if (unit.level === "ac" && counts.size < 2) continue;
      const ser = unit.level === "ac" ? null : seriesFor(series.byCell, cells, (c) => c.districtId);
      const rows = [...counts].map(([id, cnt]) => {
        const d = names.districts.get(id);
        return childRow(
          ctx,
          { level, id, key: d?.slug ?? String(id), name: d?.name ?? String(id), nameHi: d?.nameHi ?? null },
          { districtId: id },
          cnt,
          target("district", id),
          ser?.get(id) ?? null,
          unit.level === "ac" || dPartial.has(id),
        );
      });
      groups.push(group(level, rows.sort((a, b) => a.name.localeCompare(b.name))));
    } else if (level === "block") {
      const counts = groupCells(cells, (c) => c.blockId);
      const rows = [...counts].map(([id, cnt]) => {
        const b = names.blocks.get(id);
        const d = b ? names.districts.get(b.districtId) : undefined;
        const row = childRow(
          ctx,
          { level, id, key: String(id), name: b?.name ?? String(id), nameHi: b?.nameHi ?? null, districtSlug: d?.slug },
          { districtId: b?.districtId },
          cnt,
          target("block", id),
          series.byBlock?.get(id) ?? [],
          blockPartial.has(id),
        );
        return row;
      });
      groups.push(group(level, rows.sort((a, b) => a.name.localeCompare(b.name))));
    } else if (level === "booth") {
      const rows = boothCells
        .filter((c) => c.boothId !== null)
        .map((c) => {
          const ac = names.acs.get(c.acId);
          const b = c.blockId !== null ? names.blocks.get(c.blockId) : undefined;
          // On an AC's page a booth is placed by its block; on a district's or block's, by its seat.
          const ctxLabel: PlaceRef[] =
            unit.level === "ac"
              ? b
                ? [{ level: "block", no: null, name: b.name, nameHi: b.nameHi }]
                : []
              : ac
                ? [{ level: "ac", no: ac.no, name: ac.name, nameHi: ac.nameHi }]
                : [];
          return childRow(
            ctx,
            { level, id: c.boothId!, key: c.code ?? "", name: c.name ?? "", nameHi: c.nameHi, no: c.partNo },
            { pcId: c.pcId, acId: c.acId, districtId: c.districtId },
            c,
            target("booth", c.boothId!),
            null,
            false,
            ctxLabel,
          );
        });
      // Booth codes are fixed-width ASCII: plain comparison orders them (and is far cheaper than localeCompare).
      groups.push(group(level, rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))));
    }
  }
  return groups;
}

/**
 * A list page (`/lok-sabha`, `/assembly`, `/districts`): every unit of a level in the viewer's scope, with the
 * same numbers as the unit's own page (a unit only partly in scope shows that part and no target).
 */
export async function listUnits(db: DbOrTx, viewer: Viewer, scope: ProgressUnit, level: "pc" | "ac" | "district", opts: { now?: Date } = {}): Promise<ChildGroup> {
  const now = opts.now ?? new Date();
  const day = istDate(now);
  const campaign = campaignInfo(await currentCampaign(db, scope.stateId, day));
  const from = campaign && campaign.startsOn < day ? campaign.startsOn : day;
  // The scope unit's booths in (AC, district) cells, whatever the scope's level.
  const [cells, series] = await Promise.all([loadCells(db, viewer, scope), loadSeries(db, viewer, scope, from, day)]);
  const [g] = await buildGroups(db, { viewer, campaign, now, day }, { level: "state", id: scope.stateId, stateId: scope.stateId }, cells, [], series, [level]);
  return g ?? group(level, []);
}

/** How many recent sign-ups a booth's page lists; the members page has the rest. */
export const BOOTH_RECENT_MEMBERS = 10;

/**
 * Who works at a booth and who signed up there last, for a viewer whose area covers it: the booth is matched
 * with the viewer's scope inside each query, so another district's booth yields nothing. Both reads are
 * bounded: the active posts of one booth (appointments_booth_idx), and the newest members of one booth
 * (members_booth_idx, LIMIT) — never a count of members, which the counters give.
 */
export async function loadBoothPeople(db: DbOrTx, viewer: Viewer, boothId: number, opts: { limit?: number } = {}): Promise<BoothPeople> {
  const inScope = sql`${booths.id} = ${boothId} AND ${boothScope(viewer)}`;
  const [posts, members] = await Promise.all([
    queryRows<Row>(
      db,
      sql`SELECT a.role, w.name, w.phone, a.appointed_at
          FROM appointments a JOIN workers w ON w.id = a.worker_id
          WHERE a.booth_id = (SELECT ${booths.id} FROM ${booths} WHERE ${inScope})
            AND a.ended_at IS NULL AND a.role IN ('it_member', 'enroller')
          ORDER BY a.role DESC, a.appointed_at, a.id`,
    ),
    can(viewer, "members.view", "booth")
      ? queryRows<Row>(
          db,
          sql`SELECT m.membership_no, m.name, m.epic, m.phone, m.channel, m.enrolled_on::text AS enrolled_on, m.standing
              FROM members m
              WHERE m.booth_id = (SELECT ${booths.id} FROM ${booths} WHERE ${inScope})
                AND m.erased_at IS NULL AND m.standing <> 'void'
              ORDER BY m.id DESC LIMIT ${opts.limit ?? BOOTH_RECENT_MEMBERS}`,
        )
      : Promise.resolve(null),
  ]);
  return {
    posts: posts.map((r) => ({
      role: r.role === "it_member" ? "it_member" : "enroller",
      name: String(r.name),
      phoneMasked: maskPhone(String(r.phone)),
      appointedAt: (r.appointed_at instanceof Date ? r.appointed_at : new Date(String(r.appointed_at))).toISOString(),
    })),
    members:
      members?.map((r) => ({
        membershipNo: String(r.membership_no),
        name: String(r.name ?? ""),
        epicMasked: maskEpic(String(r.epic)),
        phoneMasked: r.phone ? maskPhone(String(r.phone)) : "",
        channel: r.channel === "book" || r.channel === "import" ? r.channel : "app",
        enrolledOn: dayText(r.enrolled_on),
        underReview: r.standing === "review",
      })) ?? null,
  };
}
