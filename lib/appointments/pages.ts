import "server-only";
import { notFound } from "next/navigation";
import { readDb } from "@/lib/reads";
import { UNIT_LEVELS, type AppointmentRole, type UnitLevel } from "@/db/schema";
import { holderLimit, permissionFor, postRule, ROLE_SLUGS, type Section } from "@/lib/appointments/posts";
import { enrollerSummary, itCellSummary, listBoothPosts, listUnitPosts, loadPost, type BoothListOptions } from "@/lib/appointments/queries";
import { parseListParams, type ListParams } from "@/lib/appointments/search-params";
import { can, type Action } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/session";
import type { Viewer } from "@/lib/auth/viewer";
import { acOptions, blockOptions, districtOptions, type UnitOption } from "@/lib/geo/queries";
import type { SearchParams } from "@/lib/search-params";

type Db = Awaited<ReturnType<typeof readDb>>;

/** The filters above a section's lists: the options offered and what the URL picked among them. */
export interface SectionFilters {
  districts: UnitOption[];
  district?: UnitOption;
  blocks: UnitOption[];
  block?: UnitOption;
  acs: UnitOption[];
  ac?: UnitOption;
}

/**
 * What /enrollers and /it-cell share: the section's role check (else 404), the URL state, and the districts
 * of the viewer's scope (a single district is picked without asking).
 */
async function sectionBase<Tab extends string>(permission: Action, searchParams: Promise<SearchParams>, tabs: readonly Tab[]) {
  const viewer = await requireViewer();
  if (!can(viewer, permission)) notFound();
  const p = parseListParams(await searchParams, tabs);
  const db = await readDb();
  const districts = await districtOptions(db, viewer);
  const district = districts.length === 1 ? districts[0] : districts.find((d) => d.key === p.district);
  return { viewer, db, p, districts, district };
}

async function blocksOf(db: Db, viewer: Viewer, district: UnitOption | undefined, p: ListParams<string>) {
  const blocks = district ? await blockOptions(db, viewer, district.id) : [];
  return { blocks, block: blocks.find((b) => b.id === p.block) };
}

/** The booths tab's list filters from the URL state (the booth lists know "vacant", not "untrained"). */
function boothListFilters(p: ListParams<string>, district: UnitOption | undefined, block: UnitOption | undefined) {
  return {
    districtId: district?.id,
    blockId: block?.id,
    q: p.q,
    show: p.show === "vacant" ? "vacant" : "all",
    sort: p.sort,
    dir: p.dir,
    page: p.page,
  } satisfies Omit<BoothListOptions, "role">;
}

export const ENROLLER_TABS = ["chiefs", "booths"] as const;

/** /enrollers: chief enrollers of districts and blocks, or the enrollers of each booth. */
export async function enrollersPageData(searchParams: Promise<SearchParams>) {
  const { viewer, db, p, districts, district } = await sectionBase("enrollers.manage", searchParams, ENROLLER_TABS);
  const { blocks, block } = await blocksOf(db, viewer, district, p);
  const limit = holderLimit(postRule("enroller", "booth")!);
  const summary = await enrollerSummary(db, viewer);
  const chiefs =
    p.tab === "chiefs"
      ? {
          district: block ? [] : await listUnitPosts(db, viewer, { role: "chief_enroller", level: "district", districtId: district?.id, show: p.show }),
          block: (await listUnitPosts(db, viewer, { role: "chief_enroller", level: "block", districtId: district?.id, show: p.show })).filter(
            (r) => !block || r.id === block.id,
          ),
        }
      : null;
  const booths =
    p.tab === "booths"
      ? await listBoothPosts(db, viewer, { role: "enroller", ...boothListFilters(p, district, block) })
      : null;
  const filters: SectionFilters = { districts, district, blocks, block, acs: [] };
  return {
    viewer,
    p,
    filters,
    limit,
    summary,
    chiefs,
    booths,
    canActChiefs: can(viewer, "enrollers.manage", "block"),
    canActBooths: can(viewer, "enrollers.manage", "booth"),
  };
}
export type EnrollersPageData = Awaited<ReturnType<typeof enrollersPageData>>;

export const ITCELL_TABS = ["presidents", "blocks", "booths"] as const;
const PRESIDENT_LEVELS = ["pc", "ac", "district"] as const;

/** /it-cell: IT-cell presidents of seats and districts, block members, or the member of each booth. */
export async function itCellPageData(searchParams: Promise<SearchParams>) {
  const { viewer, db, p, districts, district } = await sectionBase("itcell.manage", searchParams, ITCELL_TABS);
  // The IT cell has no "untrained" view: that filter belongs to chief enrollers.
  const show = p.show === "untrained" ? "all" : p.show;
  const { blocks, block } = p.tab === "booths" ? await blocksOf(db, viewer, district, p) : { blocks: [], block: undefined };
  const acs = p.tab === "booths" ? await acOptions(db, viewer) : [];
  const ac = acs.find((a) => Number(a.key) === p.ac);
  const summary = await itCellSummary(db, viewer);
  const presidents =
    p.tab === "presidents"
      ? await Promise.all(
          PRESIDENT_LEVELS.map(async (level) => ({
            level,
            rows: await listUnitPosts(db, viewer, { role: "it_president", level, districtId: level === "pc" ? undefined : district?.id, show }),
            canAct: can(viewer, "itcell.manage", level),
          })),
        )
      : [];
  const blockMembers = p.tab === "blocks" ? await listUnitPosts(db, viewer, { role: "it_member", level: "block", districtId: district?.id, show }) : null;
  const booths =
    p.tab === "booths"
      ? await listBoothPosts(db, viewer, { role: "it_member", acId: ac?.id, ...boothListFilters(p, district, block) })
      : null;
  const filters: SectionFilters = { districts, district, blocks, block, acs, ac };
  return {
    viewer,
    p,
    show,
    filters,
    summary,
    presidents,
    blockMembers,
    booths,
    canActBlocks: can(viewer, "itcell.manage", "block"),
    canActBooths: can(viewer, "itcell.manage", "booth"),
  };
}
export type ItCellPageData = Awaited<ReturnType<typeof itCellPageData>>;

export type PostParams = { role: string; level: string; unit: string };

export interface PostPageData {
  viewer: Viewer;
  section: Section;
  role: AppointmentRole;
  level: UnitLevel;
  post: NonNullable<Awaited<ReturnType<typeof loadPost>>>;
  /** The role may act at this level. */
  mayAct: boolean;
  /** …and the unit lies wholly inside the viewer's area (write scope). */
  canAct: boolean;
  /** Full phone and EPIC only through the audited reveal, for those who manage this section (reveal.ts). */
  canReveal: boolean;
}

/**
 * One post (role × unit) of /enrollers/… or /it-cell/…: an unknown role or level, a role the viewer does not
 * manage, or a unit outside the viewer's scope is the 404 page before anything renders.
 */
export async function postPageData(section: Section, params: Promise<PostParams>): Promise<PostPageData> {
  const viewer = await requireViewer();
  const { role: roleSlug, level: levelRaw, unit } = await params;
  const role = ROLE_SLUGS[section][roleSlug];
  const level = UNIT_LEVELS.find((l) => l === levelRaw);
  if (!role || !level || !can(viewer, permissionFor(role))) notFound();
  let key: string;
  try {
    key = decodeURIComponent(unit);
  } catch {
    notFound();
  }
  const db = await readDb();
  const post = await loadPost(db, viewer, role, level, key);
  if (!post) notFound();
  const mayAct = can(viewer, permissionFor(role), level);
  const canAct = mayAct && post.writable;
  const canReveal = can(viewer, permissionFor(role)) && post.writable;
  return { viewer, section, role, level, post, mayAct, canAct, canReveal };
}

/** The bulk import page of a section: only for those who manage it (else 404). */
export async function importPageData(section: Section) {
  const viewer = await requireViewer();
  if (!can(viewer, section === "enrollers" ? "enrollers.manage" : "itcell.manage")) notFound();
  return { section };
}
