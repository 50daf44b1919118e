import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";
import { assemblySeats, blocks, districts, lokSabhaSeats } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { istDate } from "@/lib/dates";
import { campaignInfo, currentCampaign, type CampaignInfo } from "@/lib/campaign";
import { add, groupCells, loadBooths, loadCells, pageBooths, ZERO, type BoothPage, type Cell } from "@/lib/geo/cells";
import { link, scopeUnit, type UnitLink } from "@/lib/geo/units";
import type { GeoLevel } from "@/lib/geo/levels";
import type { UnitOption } from "@/lib/geo/queries";

/** One child level's targets added up under a parent, against the parent's own target. */
export interface ChildSum {
  level: GeoLevel;
  /** Sum of the children's targets that are set (null when none is). */
  sum: number | null;
  /** Children with a target, of all children. */
  set: number;
  total: number;
  /** sum − the parent's target; null when either is missing. */
  difference: number | null;
}

export interface TargetRow extends UnitLink {
  target: number | null;
  members: number;
  booths: number;
  /** The block a booth lies in, or an AC's PC: for filtering and context. */
  parentId: number | null;
  parentName: string | null;
  parentNameHi: string | null;
  childSums: ChildSum[];
  editable: boolean;
  updatedAt: string | null;
}

/** A booth list paged in SQL (a district's ~2,000 booths): `rows` are one page; the filter that chose them. */
export interface TargetPaging {
  page: number;
  pageCount: number;
  pageSize: number;
  total: number;
  blockId: number | null;
  q: string | null;
  blocks: UnitOption[];
}

export interface TargetSection {
  level: GeoLevel;
  rows: TargetRow[];
  editable: boolean;
  /** Set when the rows are one page of a longer list (the booths on a district's page). */
  paging?: TargetPaging;
}

/** Which booths a district's page lists: one page of them, narrowed to a block and a search; or all (the CSV). */
export type BoothListing = { page: number; blockId?: number; q?: string } | "all";
export const BOOTHS_PER_PAGE = 25;

export interface RecentChange {
  at: string;
  actor: string | null;
  level: string;
  unit: string;
  before: number | null;
  after: number | null;
}

export interface TargetsPage {
  campaign: CampaignInfo | null;
  sections: TargetSection[];
  recent: RecentChange[];
}

type Row = Record<string, unknown>;
const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const nn = (v: unknown) => (v === null || v === undefined ? null : Number(v));

interface TargetRec {
  level: GeoLevel;
  id: number;
  members: number;
  updatedAt: string | null;
  /** Where the unit lies, for adding children's targets up: a booth's AC and block, a block's district. */
  acId: number | null;
  pcId: number | null;
  blockId: number | null;
  districtId: number | null;
}

/**
 * The campaign's targets in the viewer's scope. A district's viewer reads their district's own target and the
 * block and booth targets inside it, nothing of another district.
 */
async function loadTargets(db: DbOrTx, viewer: Viewer, campaignId: number): Promise<TargetRec[]> {
  const scope: SQL =
    viewer.scope.level === "state"
      ? sql`true`
      : viewer.scope.level === "district"
        ? sql`((t.level = 'district' AND t.district_id = ${viewer.scope.id})
               OR (t.level = 'block' AND k.district_id = ${viewer.scope.id})
               OR (t.level = 'booth' AND bo.district_id = ${viewer.scope.id}))`
        : sql`false`;
  const rows = await queryRows<Row>(
    db,
    sql`SELECT t.level, coalesce(t.pc_id, t.ac_id, t.district_id, t.block_id, t.booth_id, t.state_id) AS id, t.members,
               t.updated_at::text AS updated_at, coalesce(bo.ac_id, t.ac_id) AS ac_id, coalesce(a.pc_id, t.pc_id) AS pc_id,
               coalesce(bo.block_id, t.block_id) AS block_id, coalesce(bo.district_id, k.district_id, t.district_id) AS district_id
        FROM targets t
        LEFT JOIN booths bo ON bo.id = t.booth_id
        LEFT JOIN blocks k ON k.id = t.block_id
        LEFT JOIN assembly_seats a ON a.id = coalesce(bo.ac_id, t.ac_id)
        WHERE t.campaign_id = ${campaignId} AND t.state_id = ${viewer.scope.stateId} AND ${scope}`,
  );
  return rows.map((r) => ({
    level: String(r.level) as GeoLevel,
    id: n(r.id),
    members: n(r.members),
    updatedAt: r.updated_at === null ? null : String(r.updated_at),
    acId: nn(r.ac_id),
    pcId: nn(r.pc_id),
    blockId: nn(r.block_id),
    districtId: nn(r.district_id),
  }));
}

/** The targets set below a parent (`targets`, one per child that has one) of `total` children, against its own. */
function childSum(level: GeoLevel, parentTarget: number | null, targets: readonly number[], total: number): ChildSum {
  const sum = targets.length ? targets.reduce((a, x) => a + x, 0) : null;
  return {
    level,
    sum,
    set: targets.length,
    total,
    difference: sum !== null && parentTarget !== null ? sum - parentTarget : null,
  };
}

const setTargets = (rows: readonly { target: number | null }[]) => rows.flatMap((r) => (r.target === null ? [] : [r.target]));
const childSumOf = (level: GeoLevel, parentTarget: number | null, rows: readonly { target: number | null }[]) =>
  childSum(level, parentTarget, setTargets(rows), rows.length);

/**
 * Everything /targets shows: the units the viewer sets targets for, each with the sums of its children's. A
 * district's booths come one page at a time (`booths`), or all of them for the CSV; every sum is over all of them.
 */
export async function loadTargetsPage(db: DbOrTx, viewer: Viewer, now = new Date(), booths: BoothListing = "all"): Promise<TargetsPage> {
  const day = istDate(now);
  const campaign = campaignInfo(await currentCampaign(db, viewer.scope.stateId, day));
  const unit = await scopeUnit(db, viewer);
  if (!unit || !can(viewer, "targets.set")) return { campaign, sections: [], recent: [] };
  const district = viewer.scope.level === "district";
  const blocksOfDistrict = district
    ? db.select().from(blocks).where(and(eq(blocks.districtId, unit.id), eq(blocks.stateId, viewer.scope.stateId))).orderBy(asc(blocks.name))
    : Promise.resolve([]);
  // A block filter names one of the district's blocks, or it is ignored (as any parser ignores a bad value).
  const boothFilter =
    booths === "all"
      ? null
      : blocksOfDistrict.then((list) => ({ ...booths, blockId: list.some((b) => b.id === booths.blockId) ? booths.blockId : undefined }));
  const [cells, boothCells, boothPage, blockList, recs, recent] = await Promise.all([
    loadCells(db, viewer, unit),
    // A district's page lists its booths (each may have a target), a page at a time; every total comes from cells.
    district && booths === "all" ? loadBooths(db, viewer, unit) : Promise.resolve([] as Cell[]),
    district && boothFilter
      ? boothFilter.then((f) => pageBooths(db, viewer, unit, { blockId: f.blockId, q: f.q, page: f.page, pageSize: BOOTHS_PER_PAGE }))
      : Promise.resolve(null as BoothPage | null),
    blocksOfDistrict,
    campaign ? loadTargets(db, viewer, campaign.id) : Promise.resolve([]),
    recentChanges(db, viewer),
  ]);
  // A map, not a search: a district has ~2,000 booths, each of which may have a target.
  const recByUnit = new Map(recs.map((r) => [`${r.level}:${r.id}`, r]));
  const targetOf = (level: GeoLevel, id: number) => recByUnit.get(`${level}:${id}`) ?? null;
  const editable = (level: GeoLevel) => campaign !== null && can(viewer, "targets.set", level);
  const rowOf = (
    u: Parameters<typeof link>[1],
    ctx: Parameters<typeof link>[2],
    counts: { members: number; booths: number },
    parent: { id: number | null; name: string | null; nameHi: string | null },
  ): TargetRow => {
    const t = targetOf(u.level, u.id);
    const l = link(viewer, u, ctx);
    // Fields listed, not spread (see childRow in lib/progress/data.ts: spread rows are slow objects).
    return {
      level: l.level,
      id: l.id,
      key: l.key,
      name: l.name,
      nameHi: l.nameHi,
      no: l.no,
      href: l.href,
      target: t?.members ?? null,
      members: counts.members,
      booths: counts.booths,
      parentId: parent.id,
      parentName: parent.name,
      parentNameHi: parent.nameHi,
      childSums: [],
      editable: editable(u.level),
      updatedAt: t?.updatedAt ?? null,
    };
  };
  const noParent = { id: null, name: null, nameHi: null };

  if (viewer.scope.level === "state") {
    const [pcs, acs, ds] = await Promise.all([
      db.select().from(lokSabhaSeats).where(eq(lokSabhaSeats.stateId, viewer.scope.stateId)).orderBy(asc(lokSabhaSeats.no)),
      db.select().from(assemblySeats).where(eq(assemblySeats.stateId, viewer.scope.stateId)).orderBy(asc(assemblySeats.no)),
      db.select().from(districts).where(eq(districts.stateId, viewer.scope.stateId)).orderBy(asc(districts.name)),
    ]);
    const byPc = groupCells(cells, (x) => x.pcId);
    const byAc = groupCells(cells, (x) => x.acId);
    const byDistrict = groupCells(cells, (x) => x.districtId);
    const total = cells.reduce((a, x) => add(a, x), { ...ZERO });
    const pcById = new Map(pcs.map((p) => [p.id, p]));
    const pcRows = pcs.map((p) => rowOf({ level: "pc", id: p.id, key: String(p.no), name: p.name, nameHi: p.nameHi, no: p.no }, {}, byPc.get(p.id) ?? ZERO, noParent));
    const acRows = acs.map((a) => {
      const pc = pcById.get(a.pcId);
      return rowOf(
        { level: "ac", id: a.id, key: String(a.no), name: a.name, nameHi: a.nameHi, no: a.no },
        { pcId: a.pcId },
        byAc.get(a.id) ?? ZERO,
        { id: a.pcId, name: pc?.name ?? null, nameHi: pc?.nameHi ?? null },
      );
    });
    const districtRows = ds.map((d) => rowOf({ level: "district", id: d.id, key: d.slug, name: d.name, nameHi: d.nameHi }, { districtId: d.id }, byDistrict.get(d.id) ?? ZERO, noParent));
    const stateRow = rowOf({ level: "state", id: unit.id, key: unit.key, name: unit.name, nameHi: unit.nameHi }, {}, total, noParent);
    stateRow.childSums = [childSumOf("pc", stateRow.target, pcRows), childSumOf("ac", stateRow.target, acRows), childSumOf("district", stateRow.target, districtRows)];
    for (const p of pcRows) p.childSums = [childSumOf("ac", p.target, acRows.filter((a) => a.parentId === p.id))];
    // ACs and districts are judged against the block and booth targets district presidents set inside them.
    const boothTargets = recs.filter((r) => r.level === "booth");
    const blockTargets = recs.filter((r) => r.level === "block");
    for (const a of acRows) {
      const inside = boothTargets.filter((r) => r.acId === a.id).map((r) => r.members);
      if (inside.length) a.childSums = [childSum("booth", a.target, inside, inside.length)];
    }
    for (const d of districtRows) {
      const inside = blockTargets.filter((r) => r.districtId === d.id).map((r) => r.members);
      if (inside.length) d.childSums = [childSum("block", d.target, inside, inside.length)];
    }
    return {
      campaign,
      sections: [
        { level: "state", rows: [stateRow], editable: editable("state") },
        { level: "pc", rows: pcRows, editable: editable("pc") },
        { level: "ac", rows: acRows, editable: editable("ac") },
        { level: "district", rows: districtRows, editable: editable("district") },
      ],
      recent,
    };
  }

  if (viewer.scope.level === "district") {
    const districtId = viewer.scope.id;
    const blockById = new Map(blockList.map((b) => [b.id, b]));
    const byBlock = groupCells(cells, (x) => x.blockId);
    const total = cells.reduce((a, x) => add(a, x), { ...ZERO });
    const districtRow = rowOf(
      { level: "district", id: districtId, key: unit.key, name: unit.name, nameHi: unit.nameHi },
      { districtId },
      total,
      noParent,
    );
    const blockRows = blockList.map((b) =>
      rowOf({ level: "block", id: b.id, key: String(b.id), name: b.name, nameHi: b.nameHi, districtSlug: unit.key }, { districtId }, byBlock.get(b.id) ?? ZERO, noParent),
    );
    const boothRows = (boothPage ? boothPage.cells : boothCells)
      .filter((x): x is Cell & { boothId: number } => x.boothId !== null)
      .sort((a, b) => ((a.code ?? "") < (b.code ?? "") ? -1 : (a.code ?? "") > (b.code ?? "") ? 1 : 0))
      .map((x) => {
        const b = x.blockId !== null ? blockById.get(x.blockId) : undefined;
        return rowOf(
          { level: "booth", id: x.boothId, key: x.code ?? "", name: x.name ?? "", nameHi: x.nameHi, no: x.partNo },
          { districtId, acId: x.acId, pcId: x.pcId },
          x,
          { id: x.blockId, name: b?.name ?? null, nameHi: b?.nameHi ?? null },
        );
      });
    // The booths' sums come from every booth target and the cells' booth counts, not from the rows listed
    // (one page of them).
    const boothTargets = recs.filter((r) => r.level === "booth");
    districtRow.childSums = [
      childSumOf("block", districtRow.target, blockRows),
      childSum("booth", districtRow.target, boothTargets.map((r) => r.members), total.booths),
    ];
    for (const b of blockRows) {
      const inside = boothTargets.filter((r) => r.blockId === b.id).map((r) => r.members);
      b.childSums = [childSum("booth", b.target, inside, byBlock.get(b.id)?.booths ?? 0)];
    }
    const paging: TargetPaging | undefined = boothPage
      ? {
          page: boothPage.page,
          pageCount: boothPage.pageCount,
          pageSize: boothPage.pageSize,
          total: boothPage.total,
          blockId: boothPage.blockId ?? null,
          q: boothPage.q ?? null,
          blocks: blockList.map((b) => ({ id: b.id, key: String(b.id), name: b.name, nameHi: b.nameHi })),
        }
      : undefined;
    return {
      campaign,
      sections: [
        { level: "district", rows: [districtRow], editable: editable("district") },
        { level: "block", rows: blockRows, editable: editable("block") },
        { level: "booth", rows: boothRows, editable: editable("booth"), paging },
      ],
      recent,
    };
  }
  return { campaign, sections: [], recent };
}

/** The latest target changes from the audit trail, in the viewer's scope. */
export async function recentChanges(db: DbOrTx, viewer: Viewer, limit = 15): Promise<RecentChange[]> {
  if (viewer.scope.level !== "state" && viewer.scope.level !== "district") return [];
  const scope = viewer.scope.level === "district" ? sql`AND (e.after ->> 'districtId') = ${String(viewer.scope.id)}` : sql``;
  const rows = await queryRows<Row>(
    db,
    sql`SELECT e.at, u.name AS actor, e.after ->> 'level' AS level, e.after ->> 'unitLabel' AS unit,
               e.before ->> 'members' AS before, e.after ->> 'members' AS after
        FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id
        WHERE e.state_id = ${viewer.scope.stateId} AND e.entity_type = 'target' ${scope}
        ORDER BY e.id DESC LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    at: (r.at instanceof Date ? r.at : new Date(String(r.at))).toISOString(),
    actor: r.actor === null ? null : String(r.actor),
    level: String(r.level ?? ""),
    unit: String(r.unit ?? ""),
    before: nn(r.before),
    after: nn(r.after),
  }));
}
