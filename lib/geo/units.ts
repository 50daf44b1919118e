import "server-only";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";
import { assemblySeatDistricts, assemblySeats, blocks, booths, districts, lokSabhaSeats, states } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { boothScope, canOpen, unitInScope, type LinkContext } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/viewer";
import type { GeoLevel } from "@/lib/geo/levels";
import { sharedRollup } from "@/lib/rollups";

/** A unit as a link target: `href` is null where the viewer may not open the unit's page. */
export interface UnitLink {
  level: GeoLevel;
  id: number;
  /** What the URL uses: PC/AC number, district slug, block id, booth code, state code. */
  key: string;
  name: string;
  nameHi: string | null;
  /** PC/AC number or booth part number, for sorting and labels. */
  no: number | null;
  href: string | null;
}

export interface ProgressUnit extends UnitLink {
  stateId: number;
  /** The electoral ancestors, top first (state → PC → AC). */
  electoral: UnitLink[];
  /** The organisational ancestors, top first (state → district → block). */
  organisational: UnitLink[];
  /** The districts an AC lies in (two for some seats). */
  districts: UnitLink[];
  /** Only part of the unit lies in the viewer's scope: its numbers are that part's, and no target applies. */
  partial: boolean;
}

/** Counter sums over a set of booths. */

export function unitHref(level: GeoLevel, key: string, districtSlug?: string): string {
  switch (level) {
    case "state":
      return "/";
    case "pc":
      return `/lok-sabha/${key}`;
    case "ac":
      return `/assembly/${key}`;
    case "district":
      return `/districts/${key}`;
    case "block":
      return `/districts/${districtSlug ?? ""}/blocks/${key}`;
    case "booth":
      return `/booths/${key}`;
  }
}

/** The booths column that names a unit of each level (a booth is its own unit). */
const BOOTH_UNIT_COLUMN = {
  state: booths.stateId,
  pc: booths.pcId,
  ac: booths.acId,
  district: booths.districtId,
  block: booths.blockId,
  booth: booths.id,
} satisfies Record<GeoLevel, unknown>;

/** The booths of a unit. */
export function boothsOf(unit: { level: GeoLevel; id: number; stateId: number }): SQL {
  return eq(BOOTH_UNIT_COLUMN[unit.level], unit.id);
}

interface LinkInput {
  level: GeoLevel;
  id: number;
  key: string;
  name: string;
  nameHi: string | null;
  no?: number | null;
  districtSlug?: string;
}

export function link(viewer: Viewer, u: LinkInput, ctx: Omit<LinkContext, "id"> = {}): UnitLink {
  const open = u.level === "state" ? viewer.scope.level === "state" : canOpen(viewer, u.level, { id: u.id, ...ctx });
  return {
    level: u.level,
    id: u.id,
    key: u.key,
    name: u.name,
    nameHi: u.nameHi,
    no: u.no ?? null,
    href: open ? unitHref(u.level, u.key, u.districtSlug) : null,
  };
}

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v);
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/**
 * A state's row, shared like a rollup (lib/rollups.ts) per database handle: every page starts from its state,
 * and the row changes about never.
 */
function stateRow(db: DbOrTx, stateId: number) {
  const read = async () =>
    (await db.select({ id: states.id, code: states.code, name: states.name, nameHi: states.nameHi }).from(states).where(eq(states.id, stateId)))[0];
  return sharedRollup(`state-row|${stateId}`, read, { db });
}

async function stateLink(db: DbOrTx, viewer: Viewer): Promise<UnitLink | null> {
  const s = await stateRow(db, viewer.scope.stateId);
  return s ? link(viewer, { level: "state", id: s.id, key: s.code, name: s.name, nameHi: s.nameHi }) : null;
}

/**
 * The unit named by a page's URL, if the viewer may see it: the role's permission for the level, then the
 * read scope (`unitInScope`: the unit overlaps the viewer's area). Anything else is null, and the page answers 404.
 */
export async function findUnit(
  db: DbOrTx,
  viewer: Viewer,
  level: GeoLevel,
  key: string,
  opts: { districtSlug?: string } = {},
): Promise<ProgressUnit | null> {
  if (!can(viewer, "progress.view", level)) return null;
  const stateId = viewer.scope.stateId;
  const found = await loadUnit(db, viewer, level, key, opts.districtSlug);
  if (!found) return null;
  if (level !== "state" && !(await unitInScope(db, viewer, { level, id: found.id }, "read"))) return null;
  found.partial = await isPartial(db, viewer, { level, id: found.id, stateId });
  return found;
}

/** The viewer's own scope unit (the overview's unit). */
export async function scopeUnit(db: DbOrTx, viewer: Viewer): Promise<ProgressUnit | null> {
  const { level, key } = viewer.scope;
  const unit = await loadUnit(db, viewer, level, key);
  if (unit) unit.partial = false;
  return unit;
}

async function isPartial(db: DbOrTx, viewer: Viewer, unit: { level: GeoLevel; id: number; stateId: number }): Promise<boolean> {
  if (viewer.scope.level === "state") return false;
  if (unit.level === viewer.scope.level && unit.id === viewer.scope.id) return false;
  const [r] = await queryRows<{ partial: boolean }>(
    db,
    sql`SELECT EXISTS (SELECT 1 FROM ${booths} WHERE ${boothsOf(unit)} AND ${booths.stateId} = ${unit.stateId} AND NOT (${boothScope(viewer)})) AS partial`,
  );
  return Boolean(r?.partial);
}

async function loadUnit(db: DbOrTx, viewer: Viewer, level: GeoLevel, key: string, districtSlug?: string): Promise<ProgressUnit | null> {
  const stateId = viewer.scope.stateId;
  const state = await stateLink(db, viewer);
  if (!state) return null;
  const base = { stateId, electoral: [state], organisational: [state], districts: [] as UnitLink[], partial: false };
  const whole = (s: string) => (/^[0-9]{1,4}$/.test(s) ? Number(s) : null);

  if (level === "state") {
    if (key !== state.key || viewer.scope.level !== "state") return null;
    return { ...state, ...base, electoral: [], organisational: [] };
  }

  if (level === "pc") {
    const no = whole(key);
    if (no === null) return null;
    const [pc] = await db
      .select({ id: lokSabhaSeats.id, no: lokSabhaSeats.no, name: lokSabhaSeats.name, nameHi: lokSabhaSeats.nameHi })
      .from(lokSabhaSeats)
      .where(and(eq(lokSabhaSeats.stateId, stateId), eq(lokSabhaSeats.no, no)));
    if (!pc) return null;
    return { ...link(viewer, { level, id: pc.id, key: String(pc.no), name: pc.name, nameHi: pc.nameHi, no: pc.no }), ...base };
  }

  if (level === "ac") {
    const no = whole(key);
    if (no === null) return null;
    const [ac] = await db
      .select({
        id: assemblySeats.id,
        no: assemblySeats.no,
        name: assemblySeats.name,
        nameHi: assemblySeats.nameHi,
        pcId: lokSabhaSeats.id,
        pcNo: lokSabhaSeats.no,
        pcName: lokSabhaSeats.name,
        pcNameHi: lokSabhaSeats.nameHi,
      })
      .from(assemblySeats)
      .innerJoin(lokSabhaSeats, eq(lokSabhaSeats.id, assemblySeats.pcId))
      .where(and(eq(assemblySeats.stateId, stateId), eq(assemblySeats.no, no)));
    if (!ac) return null;
    const ds = await db
      .select({ id: districts.id, slug: districts.slug, name: districts.name, nameHi: districts.nameHi })
      .from(assemblySeatDistricts)
      .innerJoin(districts, eq(districts.id, assemblySeatDistricts.districtId))
      .where(eq(assemblySeatDistricts.acId, ac.id))
      .orderBy(districts.name);
    const acDistrictIds = ds.map((d) => d.id);
    const pc = link(viewer, { level: "pc", id: ac.pcId, key: String(ac.pcNo), name: ac.pcName, nameHi: ac.pcNameHi, no: ac.pcNo });
    const districtLinks = ds.map((d) => link(viewer, { level: "district", id: d.id, key: d.slug, name: d.name, nameHi: d.nameHi }));
    return {
      ...link(viewer, { level, id: ac.id, key: String(ac.no), name: ac.name, nameHi: ac.nameHi, no: ac.no }, { pcId: ac.pcId, acDistrictIds }),
      ...base,
      electoral: [state, pc],
      districts: districtLinks,
    };
  }

  if (level === "district") {
    const [d] = await db
      .select({ id: districts.id, slug: districts.slug, name: districts.name, nameHi: districts.nameHi })
      .from(districts)
      .where(and(eq(districts.stateId, stateId), eq(districts.slug, key)));
    if (!d) return null;
    return { ...link(viewer, { level, id: d.id, key: d.slug, name: d.name, nameHi: d.nameHi }, { districtId: d.id }), ...base };
  }

  if (level === "block") {
    const id = /^[0-9]{1,9}$/.test(key) ? Number(key) : null;
    if (id === null || !districtSlug) return null;
    const [b] = await db
      .select({
        id: blocks.id,
        name: blocks.name,
        nameHi: blocks.nameHi,
        districtId: districts.id,
        slug: districts.slug,
        districtName: districts.name,
        districtNameHi: districts.nameHi,
      })
      .from(blocks)
      .innerJoin(districts, eq(districts.id, blocks.districtId))
      .where(and(eq(blocks.stateId, stateId), eq(blocks.id, id), eq(districts.slug, districtSlug)));
    if (!b) return null;
    const district = link(viewer, { level: "district", id: b.districtId, key: b.slug, name: b.districtName, nameHi: b.districtNameHi }, { districtId: b.districtId });
    return {
      ...link(viewer, { level, id: b.id, key: String(b.id), name: b.name, nameHi: b.nameHi, districtSlug: b.slug }, { districtId: b.districtId }),
      ...base,
      organisational: [state, district],
    };
  }

  // A booth: both ancestries.
  if (!/^[0-9]{3}-[0-9]{3,4}$/.test(key)) return null;
  const [b] = await queryRows<Row>(
    db,
    sql`SELECT b.id, b.code, b.part_no, b.name, b.name_hi, b.pc_id, b.ac_id, b.district_id, b.block_id,
               p.no AS pc_no, p.name AS pc_name, p.name_hi AS pc_name_hi,
               a.no AS ac_no, a.name AS ac_name, a.name_hi AS ac_name_hi,
               d.slug AS d_slug, d.name AS d_name, d.name_hi AS d_name_hi,
               k.name AS k_name, k.name_hi AS k_name_hi,
               (SELECT array_agg(district_id) FROM assembly_seat_districts WHERE ac_id = b.ac_id) AS ac_districts
        FROM booths b
        JOIN lok_sabha_seats p ON p.id = b.pc_id
        JOIN assembly_seats a ON a.id = b.ac_id
        JOIN districts d ON d.id = b.district_id
        LEFT JOIN blocks k ON k.id = b.block_id
        WHERE b.state_id = ${stateId} AND b.code = ${key}`,
  );
  if (!b) return null;
  const ids = { pcId: num(b.pc_id), acId: num(b.ac_id), districtId: num(b.district_id) };
  const acDistrictIds = (Array.isArray(b.ac_districts) ? b.ac_districts : String(b.ac_districts ?? "").replace(/[{}]/g, "").split(",")).map(Number);
  const pc = link(viewer, { level: "pc", id: ids.pcId, key: String(b.pc_no), name: String(b.pc_name), nameHi: str(b.pc_name_hi), no: num(b.pc_no) });
  const ac = link(
    viewer,
    { level: "ac", id: ids.acId, key: String(b.ac_no), name: String(b.ac_name), nameHi: str(b.ac_name_hi), no: num(b.ac_no) },
    { pcId: ids.pcId, acDistrictIds },
  );
  const district = link(viewer, { level: "district", id: ids.districtId, key: String(b.d_slug), name: String(b.d_name), nameHi: str(b.d_name_hi) }, ids);
  const organisational = [state, district];
  if (b.block_id !== null && b.block_id !== undefined) {
    organisational.push(
      link(
        viewer,
        { level: "block", id: num(b.block_id), key: String(b.block_id), name: String(b.k_name), nameHi: str(b.k_name_hi), districtSlug: String(b.d_slug) },
        ids,
      ),
    );
  }
  return {
    ...link(viewer, { level: "booth", id: num(b.id), key: String(b.code), name: String(b.name), nameHi: str(b.name_hi), no: num(b.part_no) }, ids),
    ...base,
    electoral: [state, pc, ac],
    organisational,
  };
}

/** Ids of the ACs that lie in more than one district. */
export async function splitAcIds(db: DbOrTx, acIds?: readonly number[]): Promise<Set<number>> {
  const rows = await db
    .select({ acId: assemblySeatDistricts.acId })
    .from(assemblySeatDistricts)
    .where(acIds ? inArray(assemblySeatDistricts.acId, [...acIds]) : undefined)
    .groupBy(assemblySeatDistricts.acId)
    .having(sql`count(*) > 1`);
  return new Set(rows.map((r) => r.acId));
}
