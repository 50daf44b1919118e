import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Db, type DbHandle } from "@/db/client";
import { recount } from "@/db/recount";
import { seed } from "@/lib/seed";
import { createTestDb, testEngines, viewerFor } from "@/lib/testing/db";
import { writeAudit } from "@/lib/audit/write";
import type { Viewer } from "@/lib/auth/viewer";
import { addDays, istDate } from "@/lib/dates";
import { BOOTHS_PER_PAGE, loadTargetsPage, recentChanges } from "@/lib/targets/queries";
import { ActionError } from "@/lib/errors";
import { saveTarget } from "@/lib/targets/service";
import { listUnits, loadUnitProgress } from "@/lib/progress/data";
import { progressCsv } from "@/lib/progress/export";
import type { ChildGroup, UnitProgress } from "@/lib/progress/types";
import { findUnit, scopeUnit } from "@/lib/geo/units";
import type { GeoLevel } from "@/lib/geo/levels";

// Mid-morning in India, 42 days into the seeded campaign.
const NOW = new Date("2026-11-28T05:30:00Z");
const TODAY = istDate(NOW);

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v);

async function unitData(db: Db, viewer: Viewer, level: GeoLevel, key: string, districtSlug?: string): Promise<UnitProgress> {
  const unit = await findUnit(db, viewer, level, key, { districtSlug });
  if (!unit) throw new Error(`${level} ${key} not visible`);
  return loadUnitProgress(db, viewer, unit, { now: NOW });
}

const group = (d: UnitProgress, level: GeoLevel): ChildGroup => {
  const g = d.groups.find((x) => x.level === level);
  if (!g) throw new Error(`no ${level} group`);
  return g;
};
const sumOf = (g: ChildGroup, f: "members" | "booths" | "covered" = "members") => g.rows.reduce((a, r) => a + r[f], 0);
const seriesSum = (d: UnitProgress) => d.daily.reduce((a, p) => a + p.members, 0);

/** One member row for a booth, valid against every CHECK (tests insert members the way importers do). */
let seq = 9_000_000;
async function insertMembers(db: Db, rows: { boothId: number; day: string; channel: "app" | "book" | "import"; cat: "SC" | "ST" | "OBC" | "GEN" }[]) {
  if (rows.length === 0) return;
  const values = rows.map((r) => {
    seq += 1;
    return sql`(1, ${`CG26-${String(seq).padStart(7, "0")}`}, ${`TST${String(seq).padStart(7, "0")}`}, 'Test Member', 'F', 30,
      ${r.cat}, b.id, b.ac_id, b.district_id, ${r.channel}, ${r.channel === "book" ? "B1" : null}::text, ${r.channel === "book" ? 1 : null}::smallint,
      'v1', ${r.day}::date)`;
  });
  // Booth, AC and district come from the booth row itself, as the members foreign key demands.
  for (const [i, r] of rows.entries()) {
    await db.execute(sql`INSERT INTO members (state_id, membership_no, epic, name, gender, age, caste_category, booth_id, ac_id, district_id,
                           channel, book_no, page_no, consent_version, enrolled_on)
                         SELECT v.* FROM booths b, LATERAL (VALUES ${values[i]!}) AS v WHERE b.id = ${r.boothId}`);
  }
}

describe.each(testEngines())("progress numbers on %s", (engine) => {
  let h: DbHandle;
  let db: Db;
  let pcc: Viewer;
  let raipur: Viewer;
  let state: UnitProgress;

  beforeAll(async () => {
    h = await createTestDb(engine);
    db = h.db;
    await seed(db, { seed: 11, members: 4_000, now: NOW, demoUsers: true });
    pcc = await viewerFor(db, "pcc@demo.local");
    raipur = await viewerFor(db, "raipur@demo.local");
    state = await loadUnitProgress(db, pcc, (await scopeUnit(db, pcc))!, { now: NOW });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("adds up: the state is the sum of its seats, of its assembly seats and of its districts", async () => {
    const [r] = await queryRows<Row>(db, sql`SELECT (SELECT count(*)::int FROM members) AS members, (SELECT count(*)::int FROM booths) AS booths`);
    expect(state.counts.members).toBe(num(r!.members));
    expect(state.counts.booths).toBe(num(r!.booths));
    for (const level of ["pc", "ac", "district"] as const) {
      expect(sumOf(group(state, level)), level).toBe(state.counts.members);
      expect(sumOf(group(state, level), "booths"), level).toBe(state.counts.booths);
      expect(sumOf(group(state, level), "covered"), level).toBe(state.counts.covered);
    }
    // The per-day counters add up to the same total (all seeded sign-ups fall inside the campaign).
    expect(seriesSum(state)).toBe(state.counts.members);
    expect(state.headline.today).toBe(state.daily.at(-1)?.members);
  });

  it("adds up: every seat is the sum of its assembly seats, every assembly seat of its booths", async () => {
    const acRows = new Map(group(state, "ac").rows.map((r) => [r.key, r]));
    for (const pcRow of group(state, "pc").rows) {
      const pc = await unitData(db, pcc, "pc", pcRow.key);
      expect(pc.counts.members).toBe(pcRow.members);
      expect(sumOf(group(pc, "ac"))).toBe(pc.counts.members);
      expect(seriesSum(pc)).toBe(pc.counts.members);
      for (const ac of group(pc, "ac").rows) expect(ac.members).toBe(acRows.get(ac.key)?.members);
    }
    // Assembly seats in one district and in two (1, 6, 25 and 84 lie in two).
    for (const no of ["1", "6", "49", "84", "90"]) {
      const ac = await unitData(db, pcc, "ac", no);
      expect(ac.counts.members, no).toBe(acRows.get(no)?.members);
      expect(sumOf(group(ac, "booth")), no).toBe(ac.counts.members);
      expect(group(ac, "booth").rows).toHaveLength(ac.counts.booths);
      expect(seriesSum(ac), no).toBe(ac.counts.members);
    }
  });

  it("adds up: every district is the sum of its blocks and of its booths, every block of its booths", async () => {
    const districtRows = group(state, "district").rows;
    expect(districtRows).toHaveLength(33);
    for (const d of districtRows) {
      const page = await unitData(db, pcc, "district", d.key);
      expect(page.counts.members, d.key).toBe(d.members);
      expect(sumOf(group(page, "block")), d.key).toBe(d.members);
      expect(sumOf(group(page, "booth")), d.key).toBe(d.members);
      expect(seriesSum(page), d.key).toBe(d.members);
      expect(group(page, "block").rows.reduce((a, r) => a + (r.today ?? 0), 0), d.key).toBe(page.headline.today);
    }
    const raipurPage = await unitData(db, pcc, "district", "raipur");
    for (const b of group(raipurPage, "block").rows.slice(0, 3)) {
      const block = await unitData(db, pcc, "block", b.key, "raipur");
      expect(block.counts.members).toBe(b.members);
      expect(sumOf(group(block, "booth"))).toBe(b.members);
      expect(seriesSum(block)).toBe(b.members);
    }
    const booth = group(raipurPage, "booth").rows.find((r) => r.members > 0)!;
    const boothPage = await unitData(db, pcc, "booth", booth.key);
    expect(boothPage.counts.members).toBe(booth.members);
    expect(seriesSum(boothPage)).toBe(booth.members);
  });

  it("splits an assembly seat in two districts between them by its booths", async () => {
    const ac = await unitData(db, pcc, "ac", "1");
    expect(ac.unit.districts).toHaveLength(2);
    const parts = group(ac, "district").rows;
    expect(parts).toHaveLength(2);
    const counted = await queryRows<Row>(
      db,
      sql`SELECT d.slug, count(m.id)::int AS n FROM booths b JOIN districts d ON d.id = b.district_id
          LEFT JOIN members m ON m.booth_id = b.id WHERE b.ac_id = ${ac.unit.id} GROUP BY d.slug`,
    );
    for (const c of counted) expect(parts.find((p) => p.key === c.slug)?.members, String(c.slug)).toBe(num(c.n));
    expect(parts.reduce((a, p) => a + p.members, 0)).toBe(ac.counts.members);
    // Each part is only a part: no district target is held against it.
    expect(parts.every((p) => p.target === null && p.partial)).toBe(true);
    // Each district's total counts exactly its own booths of the seat.
    for (const part of parts) {
      const d = await unitData(db, pcc, "district", part.key);
      const [r] = await queryRows<Row>(db, sql`SELECT count(*)::int AS n FROM members m JOIN districts d ON d.id = m.district_id WHERE d.slug = ${part.key}`);
      expect(d.counts.members).toBe(num(r!.n));
      expect(seriesSum(d)).toBe(num(r!.n));
    }
  });

  it("keeps counters equal to a recount after any mix of sign-ups, moves and deletions", async () => {
    const h2 = await createTestDb(engine);
    try {
      await seed(h2.db, { seed: 5, members: 500, now: NOW });
      const booths = await queryRows<{ id: number }>(h2.db, sql`SELECT id FROM booths ORDER BY random() LIMIT 40`);
      let rnd = 42;
      const next = () => (rnd = (rnd * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
      const pick = <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
      const channels = ["app", "book", "import"] as const;
      const cats = ["SC", "ST", "OBC", "GEN"] as const;
      for (let round = 0; round < 4; round++) {
        await insertMembers(
          h2.db,
          Array.from({ length: 15 }, () => ({ boothId: pick(booths).id, day: addDays(TODAY, -Math.floor(next() * 10)), channel: pick(channels), cat: pick(cats) })),
        );
        // Moves between booths, days, channels and categories; an erasure; deletions — each one statement.
        await h2.db.execute(sql`UPDATE members SET booth_id = b.id, ac_id = b.ac_id, district_id = b.district_id
                                FROM booths b WHERE b.id = ${pick(booths).id} AND members.id IN (SELECT id FROM members ORDER BY id DESC LIMIT 3 OFFSET ${round})`);
        await h2.db.execute(sql`UPDATE members SET enrolled_on = enrolled_on - 1 WHERE id IN (SELECT id FROM members ORDER BY id LIMIT 5 OFFSET ${round * 5})`);
        await h2.db.execute(sql`UPDATE members SET channel = 'import', book_no = NULL, page_no = NULL WHERE id IN (SELECT id FROM members WHERE channel = 'app' ORDER BY id LIMIT 4)`);
        await h2.db.execute(sql`UPDATE members SET caste_category = 'GEN' WHERE id IN (SELECT id FROM members WHERE caste_category = 'SC' ORDER BY id DESC LIMIT 2)`);
        await h2.db.execute(sql`UPDATE members SET name = NULL, phone = NULL, erased_at = now() WHERE id = (SELECT max(id) FROM members WHERE erased_at IS NULL)`);
        await h2.db.execute(sql`DELETE FROM members WHERE id IN (SELECT id FROM members ORDER BY id DESC LIMIT 2 OFFSET 7)`);
        expect(await recount(h2.db), `round ${round}`).toEqual([]);
      }
      // What the pages read equals what a count of members gives.
      const v: Viewer = { ...pcc, scope: { ...pcc.scope } };
      const totals = await loadUnitProgress(h2.db, v, (await scopeUnit(h2.db, v))!, { now: NOW, headlineOnly: true });
      const [r] = await queryRows<Row>(h2.db, sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE enrolled_on = ${TODAY})::int AS today FROM members`);
      expect(totals.counts.members).toBe(num(r!.n));
      expect(totals.headline.today).toBe(num(r!.today));
      // A counter gone wrong is found, reported and rebuilt by `npm run recount`.
      await h2.db.execute(sql`UPDATE booth_counters SET members = members + 1, via_app = via_app + 1, cat_gen = cat_gen + 1
                              WHERE booth_id = (SELECT min(booth_id) FROM booth_counters)`);
      await h2.db.execute(sql`UPDATE ac_day_counters SET members = members + 2 WHERE (ac_id, day) = (SELECT ac_id, day FROM ac_day_counters LIMIT 1)`);
      const found = await recount(h2.db, { fix: true });
      expect(found.map((d) => d.table).sort()).toEqual(["ac_day_counters", "booth_counters"]);
      expect(await recount(h2.db)).toEqual([]);
    } finally {
      await h2.close();
    }
  });

  it("never gives a district president another district's rows", async () => {
    const [raipurId] = await queryRows<{ id: number }>(db, sql`SELECT id FROM districts WHERE slug = 'raipur'`);
    const rid = num(raipurId!.id);
    const own = await loadUnitProgress(db, raipur, (await scopeUnit(db, raipur))!, { now: NOW });
    const [r] = await queryRows<Row>(
      db,
      sql`SELECT (SELECT count(*)::int FROM members WHERE district_id = ${rid}) AS members, (SELECT count(*)::int FROM booths WHERE district_id = ${rid}) AS booths`,
    );
    expect(own.counts.members).toBe(num(r!.members));
    expect(own.counts.booths).toBe(num(r!.booths));
    expect(own.counts.members).toBeLessThan(state.counts.members);
    // Every booth and block on the page is Raipur's.
    const boothCodes = group(own, "booth").rows.map((b) => b.key);
    const [outside] = await queryRows<Row>(db, sql`SELECT count(*)::int AS n FROM booths WHERE code = ANY(${sql.param(boothCodes)}::text[]) AND district_id <> ${rid}`);
    expect(num(outside!.n)).toBe(0);
    expect(boothCodes).toHaveLength(num(r!.booths));
    const blockIds = group(own, "block").rows.map((b) => b.id);
    const [blocksOutside] = await queryRows<Row>(db, sql`SELECT count(*)::int AS n FROM blocks WHERE id = ANY(${sql.param(blockIds)}::int[]) AND district_id <> ${rid}`);
    expect(num(blocksOutside!.n)).toBe(0);

    // Lists: only Raipur; assembly seats only with their Raipur part.
    const districts = await listUnits(db, raipur, own.unit, "district", { now: NOW });
    expect(districts.rows.map((d) => d.key)).toEqual(["raipur"]);
    const acs = await listUnits(db, raipur, own.unit, "ac", { now: NOW });
    const perAc = await queryRows<Row>(db, sql`SELECT a.no::text AS no, count(m.id)::int AS n FROM booths b JOIN assembly_seats a ON a.id = b.ac_id
                                                LEFT JOIN members m ON m.booth_id = b.id WHERE b.district_id = ${rid} GROUP BY a.no`);
    expect(acs.rows.map((a) => a.key).sort()).toEqual(perAc.map((a) => String(a.no)).sort());
    for (const a of acs.rows) expect(a.members).toBe(num(perAc.find((p) => p.no === a.key)?.n));

    // Another district's units are not found (the page answers 404), nor are seats of the state.
    const [other] = await queryRows<Row>(
      db,
      sql`SELECT d.slug, (SELECT code FROM booths WHERE district_id = d.id LIMIT 1) AS booth, (SELECT id FROM blocks WHERE district_id = d.id LIMIT 1) AS block,
                 (SELECT a.no FROM assembly_seats a WHERE NOT EXISTS (SELECT 1 FROM assembly_seat_districts x WHERE x.ac_id = a.id AND x.district_id = ${rid}) LIMIT 1) AS ac
          FROM districts d WHERE d.slug = 'durg'`,
    );
    expect(await findUnit(db, raipur, "district", "durg")).toBeNull();
    expect(await findUnit(db, raipur, "booth", String(other!.booth))).toBeNull();
    expect(await findUnit(db, raipur, "block", String(other!.block), { districtSlug: "durg" })).toBeNull();
    expect(await findUnit(db, raipur, "block", String(other!.block), { districtSlug: "raipur" })).toBeNull();
    expect(await findUnit(db, raipur, "ac", String(other!.ac))).toBeNull();
    expect(await findUnit(db, raipur, "pc", "4")).toBeNull();
    expect(await findUnit(db, raipur, "state", "CG")).toBeNull();
    await expect(progressCsv(db, raipur, { level: "district", key: "durg", table: "booth" }, NOW)).rejects.toBeInstanceOf(ActionError);
    await expect(progressCsv(db, raipur, { list: "pc" }, NOW)).rejects.toBeInstanceOf(ActionError);
    const csv = await progressCsv(db, raipur, { list: "ac" }, NOW);
    expect(csv.rows).toBe(acs.rows.length);
    expect(csv.body.startsWith("\uFEFFlevel,code,name,name_hi,where,members,under_review,voided,target")).toBe(true);
    // Every export is in the audit trail, with who downloaded what.
    const [audit] = await queryRows<Row>(
      db,
      sql`SELECT action, entity_type, entity_id, after FROM audit_events WHERE actor_user_id = ${raipur.id} ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toMatchObject({ action: "export", entity_type: "progress", entity_id: csv.fileName });
    expect((audit!.after as { rows: number }).rows).toBe(acs.rows.length);

    // Targets: Raipur's own target, blocks and booths only; the history only of Raipur's units.
    const page = await loadTargetsPage(db, raipur, NOW);
    expect(page.sections.map((s) => s.level)).toEqual(["district", "block", "booth"]);
    expect(page.sections[0]!.rows.map((x) => x.key)).toEqual(["raipur"]);
    expect(page.sections[2]!.rows.map((x) => x.key).sort()).toEqual([...boothCodes].sort());
    await writeAudit(db, pcc, { action: "target.update", entityType: "target", entityId: "x", after: { level: "booth", unitLabel: "elsewhere", districtId: rid + 1, members: 5 } });
    expect((await recentChanges(db, raipur)).some((c) => c.unit === "elsewhere")).toBe(false);
    expect((await recentChanges(db, pcc)).some((c) => c.unit === "elsewhere")).toBe(true);
  });

  it("shows caste-category composition to leadership only, with counts under 10 hidden", async () => {
    const [cats] = await queryRows<Row>(
      db,
      sql`SELECT count(*) FILTER (WHERE caste_category = 'SC')::int AS sc, count(*) FILTER (WHERE caste_category = 'ST')::int AS st,
                 count(*) FILTER (WHERE caste_category = 'OBC')::int AS obc, count(*) FILTER (WHERE caste_category = 'GEN')::int AS gen FROM members`,
    );
    expect(state.composition).toEqual({ SC: num(cats!.sc), ST: num(cats!.st), OBC: num(cats!.obc), GEN: num(cats!.gen) });
    const own = await loadUnitProgress(db, raipur, (await scopeUnit(db, raipur))!, { now: NOW });
    expect(own.composition).toBeNull();
    // A booth has a handful of members: every category under 10 is hidden, never shown as its number.
    const [small] = await queryRows<{ code: string; members: number }>(
      db,
      sql`SELECT b.code, c.members FROM booth_counters c JOIN booths b ON b.id = c.booth_id WHERE c.members BETWEEN 1 AND 9 ORDER BY b.code LIMIT 1`,
    );
    const booth = await unitData(db, pcc, "booth", small!.code);
    expect(booth.counts.members).toBe(small!.members);
    expect(Object.values(booth.composition!).every((v) => v === null)).toBe(true);
  });

  it("sets targets only where the role and scope allow, with an audit event, never adjusting the parent", async () => {
    const before = await loadTargetsPage(db, raipur, NOW);
    const blocks = before.sections.find((s) => s.level === "block")!.rows;
    const districtTarget = before.sections[0]!.rows[0]!.target;
    const [audits] = await queryRows<Row>(db, sql`SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'target'`);
    expect(await saveTarget(db, raipur, { level: "block", unitId: blocks[0]!.id, members: 700 }, NOW)).toBe("saved");
    expect(await saveTarget(db, raipur, { level: "block", unitId: blocks[1]!.id, members: 300 }, NOW)).toBe("saved");
    expect(await saveTarget(db, raipur, { level: "block", unitId: blocks[1]!.id, members: 300 }, NOW)).toBe("unchanged");
    expect(await saveTarget(db, raipur, { level: "block", unitId: blocks[1]!.id, members: 350 }, NOW)).toBe("saved");
    const [after] = await queryRows<Row>(db, sql`SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'target'`);
    expect(num(after!.n) - num(audits!.n)).toBe(3);
    const page = await loadTargetsPage(db, raipur, NOW);
    const district = page.sections[0]!.rows[0]!;
    expect(district.target).toBe(districtTarget);
    const blockSum = district.childSums.find((c) => c.level === "block")!;
    expect(blockSum).toMatchObject({ sum: 1050, set: 2, difference: 1050 - (districtTarget ?? 0) });
    // The district's page judges the block against its new target.
    const own = await loadUnitProgress(db, raipur, (await scopeUnit(db, raipur))!, { now: NOW });
    expect(group(own, "block").rows.find((b) => b.id === blocks[0]!.id)?.target).toBe(700);
    expect(group(own, "block").targetSum).toBe(1050);
    expect((await recentChanges(db, raipur))[0]).toMatchObject({ level: "block", before: 300, after: 350 });

    // Refused: another district's booth, a level the role does not set; nothing written.
    const [durgBooth] = await queryRows<Row>(db, sql`SELECT b.id FROM booths b JOIN districts d ON d.id = b.district_id WHERE d.slug = 'durg' LIMIT 1`);
    await expect(saveTarget(db, raipur, { level: "booth", unitId: num(durgBooth!.id), members: 10 }, NOW)).rejects.toMatchObject({ code: "not_found", key: "action.notInScope" });
    await expect(saveTarget(db, raipur, { level: "ac", unitId: 1, members: 10 }, NOW)).rejects.toBeInstanceOf(ActionError);
    await expect(saveTarget(db, pcc, { level: "booth", unitId: num(durgBooth!.id), members: 10 }, NOW)).rejects.toMatchObject({ code: "forbidden", key: "action.forbidden" });
    const [final] = await queryRows<Row>(db, sql`SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'target'`);
    expect(num(final!.n)).toBe(num(after!.n));
    // Leadership sets a seat's target; the state's own target stays as it was.
    const stateTarget = state.target;
    expect(await saveTarget(db, pcc, { level: "pc", unitId: group(state, "pc").rows[0]!.id, members: 123_456 }, NOW)).toBe("saved");
    const leadership = await loadTargetsPage(db, pcc, NOW);
    expect(leadership.sections[0]!.rows[0]!.target).toBe(stateTarget);
    expect(leadership.sections[1]!.rows[0]!.target).toBe(123_456);
  });

  it("lists a district's booths on /targets a page at a time, filtered inside the district, with sums over all of them", async () => {
    const all = await loadTargetsPage(db, raipur, NOW);
    const allBooths = all.sections[2]!.rows;
    expect(allBooths.length).toBeGreaterThan(2 * BOOTHS_PER_PAGE);
    // Two booth targets in different blocks, so the sums have something to add.
    const [b1, b2] = [allBooths[0]!, allBooths.find((b) => b.parentId !== allBooths[0]!.parentId)!];
    expect(await saveTarget(db, raipur, { level: "booth", unitId: b1.id, members: 40 }, NOW)).toBe("saved");
    expect(await saveTarget(db, raipur, { level: "booth", unitId: b2.id, members: 60 }, NOW)).toBe("saved");
    const whole = await loadTargetsPage(db, raipur, NOW);
    const first = await loadTargetsPage(db, raipur, NOW, { page: 1 });
    const booths = first.sections[2]!;
    expect(booths.rows).toHaveLength(BOOTHS_PER_PAGE);
    expect(booths.paging).toMatchObject({ page: 1, pageSize: BOOTHS_PER_PAGE, total: allBooths.length, pageCount: Math.ceil(allBooths.length / BOOTHS_PER_PAGE), blockId: null, q: null });
    expect(booths.rows.map((r) => r.key)).toEqual([...allBooths.map((r) => r.key)].sort().slice(0, BOOTHS_PER_PAGE));
    // The sums above the booths are the same whether one page or every booth is listed.
    expect(first.sections.slice(0, 2)).toEqual(whole.sections.slice(0, 2));
    expect(first.sections[0]!.rows[0]!.childSums.find((c) => c.level === "booth")).toMatchObject({ set: 2, total: allBooths.length });
    // The last page holds the rest; a page past the end shows the last.
    const last = (await loadTargetsPage(db, raipur, NOW, { page: 9_999 })).sections[2]!;
    expect(last.paging!.page).toBe(booths.paging!.pageCount);
    expect(last.rows).toHaveLength(allBooths.length - BOOTHS_PER_PAGE * (booths.paging!.pageCount - 1));
    // A block: only its booths, each with its target.
    const inBlock = (await loadTargetsPage(db, raipur, NOW, { page: 1, blockId: b1.parentId! })).sections[2]!;
    expect(inBlock.paging!.blockId).toBe(b1.parentId);
    expect(inBlock.paging!.total).toBe(allBooths.filter((b) => b.parentId === b1.parentId).length);
    expect(inBlock.rows.every((r) => r.parentId === b1.parentId)).toBe(true);
    expect(inBlock.rows.find((r) => r.id === b1.id)?.target).toBe(40);
    // A search by code as people type it (no leading zeros) and by part of the name.
    const byCode = (await loadTargetsPage(db, raipur, NOW, { page: 1, q: b2.key.replace(/^0+/, "") })).sections[2]!;
    expect(byCode.rows.map((r) => r.key)).toContain(b2.key);
    const word = b2.name.split(" ")[0]!;
    const byName = (await loadTargetsPage(db, raipur, NOW, { page: 1, q: word.toLowerCase() })).sections[2]!;
    expect(byName.rows.every((r) => r.name.toLowerCase().includes(word.toLowerCase()) || r.key.startsWith(word.toLowerCase()))).toBe(true);
    expect(byName.paging!.total).toBe(allBooths.filter((r) => r.name.toLowerCase().includes(word.toLowerCase())).length);
    // Another district's block is ignored like any bad value: the district's own booths, never Durg's.
    const [durgBlock] = await queryRows<Row>(db, sql`SELECT k.id FROM blocks k JOIN districts d ON d.id = k.district_id WHERE d.slug = 'durg' LIMIT 1`);
    const foreign = (await loadTargetsPage(db, raipur, NOW, { page: 1, blockId: num(durgBlock!.id) })).sections[2]!;
    expect(foreign.paging).toMatchObject({ total: allBooths.length, blockId: null });
    expect(foreign.rows.map((r) => r.key)).toEqual(booths.rows.map((r) => r.key));
    // The search as read: wildcards alone are no search; a code without its zero is read as the code.
    expect((await loadTargetsPage(db, raipur, NOW, { page: 1, q: "%%" })).sections[2]!.paging).toMatchObject({ q: null, total: allBooths.length });
    expect((await loadTargetsPage(db, raipur, NOW, { page: 1, q: b2.key.replace(/^0+/, "") })).sections[2]!.paging!.q).toBe(b2.key);
    // Leadership's page has no booth list to page.
    expect((await loadTargetsPage(db, pcc, NOW, { page: 2 })).sections.every((x) => x.paging === undefined)).toBe(true);
  });
});
