import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import type { ScopeLevel } from "@/db/schema";
import { seed } from "@/lib/seed";
import { createTestDb, testEngines } from "@/lib/testing/db";
import { listUnitPosts } from "@/lib/appointments/queries";
import { NOW } from "@/lib/testing/factories";
import { unitIdsInScope, unitInScope, type ScopeMode } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/viewer";

type Level = "pc" | "ac" | "district" | "block" | "booth";
interface Booth {
  id: number;
  pc: number;
  ac: number;
  district: number;
  block: number | null;
}

/** A viewer of any scope (the scope functions read only the scope). */
function viewerOf(stateId: number, level: ScopeLevel, id: number): Viewer {
  return { id: 1, email: "x@y.z", name: "x", role: "it_head", scope: { level, stateId, id, name: "", nameHi: null, key: "" } };
}

/** Deterministic sampling (sfc-like), so a failure can be reproduced. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(testEngines())("the scope module on %s", (engine) => {
  let h: DbHandle;
  let stateId: number;
  let boothRows: Booth[];
  /** The booths of each unit, keyed `level:id`. */
  const boothsOf = new Map<string, Booth[]>();
  const units: Record<Level, number[]> = { pc: [], ac: [], district: [], block: [], booth: [] };
  let viewers: Viewer[];
  const ids = async (sqlText: ReturnType<typeof sql>) => (await queryRows<{ id: number }>(h.db, sqlText)).map((r) => Number(r.id));

  beforeAll(async () => {
    h = await createTestDb(engine);
    await seed(h.db, { members: 0, now: NOW, demoUsers: true });
    stateId = (await ids(sql`SELECT id FROM states`))[0]!;
    boothRows = (
      await queryRows<{ id: number; pc: number; ac: number; district: number; block: number | null }>(
        h.db,
        sql`SELECT id, pc_id AS pc, ac_id AS ac, district_id AS district, block_id AS block FROM booths`,
      )
    ).map((b) => ({ id: Number(b.id), pc: Number(b.pc), ac: Number(b.ac), district: Number(b.district), block: b.block === null ? null : Number(b.block) }));
    for (const b of boothRows) {
      for (const level of ["pc", "ac", "district", "block", "booth"] as const) {
        const id = level === "booth" ? b.id : b[level];
        if (id === null) continue;
        const key = `${level}:${id}`;
        const list = boothsOf.get(key);
        if (list) list.push(b);
        else boothsOf.set(key, [b]);
      }
    }
    units.pc = await ids(sql`SELECT id FROM lok_sabha_seats ORDER BY id`);
    units.ac = await ids(sql`SELECT id FROM assembly_seats ORDER BY id`);
    units.district = await ids(sql`SELECT id FROM districts ORDER BY id`);
    units.block = await ids(sql`SELECT id FROM blocks ORDER BY id`);
    units.booth = boothRows.map((b) => b.id);
    viewers = [
      viewerOf(stateId, "state", stateId),
      ...units.pc.map((id) => viewerOf(stateId, "pc", id)),
      ...units.ac.map((id) => viewerOf(stateId, "ac", id)),
      ...units.district.map((id) => viewerOf(stateId, "district", id)),
    ];
  });
  afterAll(async () => {
    await h?.close();
  });

  /** The truth, from booths alone: a unit overlaps a scope when they share a booth; it lies inside when all its booths do. */
  function truth(viewer: Viewer, level: Level, unitId: number): { read: boolean; write: boolean } {
    const { level: s, id } = viewer.scope;
    const inScope = (b: Booth) => s === "state" || b[s] === id;
    let any = false;
    let all = true;
    let has = false;
    for (const b of boothsOf.get(`${level}:${unitId}`) ?? []) {
      has = true;
      if (inScope(b)) any = true;
      else all = false;
    }
    return { read: any, write: has && all };
  }

  it("matches the booths for every (viewer, unit) pair above booth level, read and write (and samples booths)", async () => {
    let pairs = 0;
    const wrong: string[] = [];
    const random = rng(49);
    for (const viewer of viewers) {
      for (const level of ["pc", "ac", "district", "block", "booth"] as const) {
        const [read, write] = await Promise.all(
          (["read", "write"] as const).map(async (mode) => new Set(await ids(unitIdsInScope(viewer, level, mode)))),
        );
        const all = level === "booth" ? units.booth.filter(() => random() < 0.02) : units[level];
        for (const unit of all) {
          const want = truth(viewer, level, unit);
          pairs += 1;
          if (read!.has(unit) !== want.read) wrong.push(`${viewer.scope.level} ${viewer.scope.id} read ${level} ${unit}: ${read!.has(unit)}`);
          if (write!.has(unit) !== want.write) wrong.push(`${viewer.scope.level} ${viewer.scope.id} write ${level} ${unit}: ${write!.has(unit)}`);
          // write ⇒ read, and write ⇒ every booth of the unit inside the scope (the truth says exactly that).
          if (write!.has(unit) && !read!.has(unit)) wrong.push(`${viewer.scope.level} ${viewer.scope.id} write-not-read ${level} ${unit}`);
        }
      }
    }
    expect(wrong.slice(0, 20)).toEqual([]);
    expect(pairs).toBeGreaterThanOrEqual(10_000);
  }, 300_000);

  it("answers single checks (unitInScope) exactly as the lists, for 2,000 sampled pairs", async () => {
    const random = rng(7);
    const levels = ["pc", "ac", "district", "block", "booth"] as const;
    const wrong: string[] = [];
    const sets = new Map<string, Set<number>>();
    for (let i = 0; i < 2_000; i++) {
      const viewer = viewers[Math.floor(random() * viewers.length)]!;
      const level = levels[Math.floor(random() * levels.length)]!;
      const unit = units[level][Math.floor(random() * units[level].length)]!;
      const mode: ScopeMode = random() < 0.5 ? "read" : "write";
      const key = `${viewer.scope.level}:${viewer.scope.id}:${level}:${mode}`;
      let set = sets.get(key);
      if (!set) sets.set(key, (set = new Set(await ids(unitIdsInScope(viewer, level, mode)))));
      const single = await unitInScope(h.db, viewer, { level, id: unit }, mode);
      if (single !== set.has(unit)) wrong.push(`${key} ${unit}: single ${single}`);
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  }, 300_000);

  it("lists exactly the read scope in the post lists", async () => {
    const wrong: string[] = [];
    for (const viewer of viewers) {
      for (const level of ["pc", "ac", "district", "block"] as const) {
        const role = level === "block" ? "chief_enroller" : "it_president";
        const listed = new Set((await listUnitPosts(h.db, viewer, { role, level })).map((u) => u.id));
        for (const unit of units[level]) {
          if (listed.has(unit) !== truth(viewer, level, unit).read) wrong.push(`${viewer.scope.level} ${viewer.scope.id} ${level} ${unit}`);
        }
      }
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  }, 300_000);

  it("refuses the writes the audit found reaching outside the writer's area", async () => {
    const seat = async (no: number) => (await ids(sql`SELECT id FROM assembly_seats WHERE no = ${no}`))[0]!;
    const district = async (slug: string) => (await ids(sql`SELECT id FROM districts WHERE slug = ${slug}`))[0]!;
    const ac49 = viewerOf(stateId, "ac", await seat(49));
    const raipur = await district("raipur");
    // An AC-49 head reads Raipur district (the seat lies in it) but may not act on the district's posts.
    expect(await unitInScope(h.db, ac49, { level: "district", id: raipur }, "read")).toBe(true);
    expect(await unitInScope(h.db, ac49, { level: "district", id: raipur }, "write")).toBe(false);
    // A block partly outside seat 49 is readable, not writable; a booth of the seat is both.
    const [partial] = await ids(sql`SELECT block_id AS id FROM booths WHERE block_id IS NOT NULL GROUP BY block_id
      HAVING bool_or(ac_id = ${ac49.scope.id}) AND NOT bool_and(ac_id = ${ac49.scope.id}) LIMIT 1`);
    expect(partial).toBeDefined();
    expect(await unitInScope(h.db, ac49, { level: "block", id: partial! }, "read")).toBe(true);
    expect(await unitInScope(h.db, ac49, { level: "block", id: partial! }, "write")).toBe(false);
    const [booth49] = await ids(sql`SELECT id FROM booths WHERE ac_id = ${ac49.scope.id} LIMIT 1`);
    expect(await unitInScope(h.db, ac49, { level: "booth", id: booth49! }, "write")).toBe(true);
    // AC 1 lies in two districts: its head may end neither district's president; each district's viewer
    // reads the seat but may not act on it as a whole.
    const ac1 = viewerOf(stateId, "ac", await seat(1));
    const ac1Districts = await ids(sql`SELECT district_id AS id FROM assembly_seat_districts WHERE ac_id = ${ac1.scope.id}`);
    expect(ac1Districts).toHaveLength(2);
    for (const d of ac1Districts) {
      expect(await unitInScope(h.db, ac1, { level: "district", id: d }, "write")).toBe(false);
      const dp = viewerOf(stateId, "district", d);
      expect(await unitInScope(h.db, dp, { level: "ac", id: ac1.scope.id }, "read")).toBe(true);
      expect(await unitInScope(h.db, dp, { level: "ac", id: ac1.scope.id }, "write")).toBe(false);
    }
    // A seat wholly inside Raipur is the Raipur viewer's to act on.
    const [whole] = await ids(sql`SELECT ac_id AS id FROM assembly_seat_districts GROUP BY ac_id HAVING bool_and(district_id = ${raipur})`);
    expect(await unitInScope(h.db, viewerOf(stateId, "district", raipur), { level: "ac", id: whole! }, "write")).toBe(true);
    // Nothing of another state, nothing malformed.
    expect(await unitInScope(h.db, viewerOf(stateId + 1, "state", stateId + 1), { level: "ac", id: ac1.scope.id }, "read")).toBe(false);
    expect(await unitInScope(h.db, ac49, { level: "booth", id: -1 }, "read")).toBe(false);
  });
});
