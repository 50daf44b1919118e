import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import { recount } from "@/db/recount";
import { seed } from "@/lib/seed";
import { createTestDb, testEngines, viewerFor } from "@/lib/testing/db";
import { freshPhones, NOW } from "@/lib/testing/factories";
import { add, loadBooths, loadCells, ZERO } from "@/lib/geo/cells";
import { scopeUnit } from "@/lib/geo/units";
import type { Viewer } from "@/lib/auth/viewer";

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v);

/**
 * The cell counters (migration 0010) are what every total above the booth reads: they must equal the booths'
 * counters through sign-ups, posts, booth moves and repairs, and a scoped read must never return another
 * district's cells.
 */
describe.each(testEngines())("cell counters on %s", (engine) => {
  let h: DbHandle;
  let pcc: Viewer;
  let raipur: Viewer;

  beforeAll(async () => {
    h = await createTestDb(engine);
    await seed(h.db, { seed: 7, members: 600, now: NOW, demoUsers: true });
    [pcc, raipur] = await Promise.all([viewerFor(h.db, "pcc@demo.local"), viewerFor(h.db, "raipur@demo.local")]);
  }, 180_000);
  afterAll(async () => h?.close());

  const stateTotals = async (viewer: Viewer) => (await loadCells(h.db, viewer, (await scopeUnit(h.db, viewer))!)).reduce((a, c) => add(a, c), { ...ZERO });

  it("adds up to what counting members, booths and active posts gives", async () => {
    const t = await stateTotals(pcc);
    const [r] = await queryRows<Row>(
      h.db,
      sql`SELECT (SELECT count(*) FROM members WHERE standing <> 'void') AS members, (SELECT count(*) FROM booths) AS booths,
                 (SELECT count(DISTINCT booth_id) FROM appointments WHERE role = 'it_member' AND ended_at IS NULL AND booth_id IS NOT NULL) AS covered,
                 (SELECT count(*) FROM appointments WHERE role = 'enroller' AND ended_at IS NULL) AS enrollers`,
    );
    expect(t.members).toBe(num(r!.members));
    expect(t.booths).toBe(num(r!.booths));
    expect(t.covered).toBe(num(r!.covered));
    expect(t.enrollers).toBe(num(r!.enrollers));
    expect(await recount(h.db)).toEqual([]);
  });

  it("follows posts appointed and ended at a booth", async () => {
    const [booth] = await queryRows<{ id: number; state_id: number }>(
      h.db,
      sql`SELECT b.id, b.state_id FROM booths b WHERE NOT EXISTS (SELECT 1 FROM appointments a WHERE a.booth_id = b.id AND a.ended_at IS NULL) ORDER BY b.id LIMIT 1`,
    );
    const before = await stateTotals(pcc);
    const phones = await freshPhones(h.db, 3);
    const workers = await queryRows<{ id: number }>(
      h.db,
      sql`INSERT INTO workers (state_id, name, phone) SELECT ${booth!.state_id}, 'Cell Test ' || p, p FROM unnest(${sql.param(phones)}::text[]) p RETURNING id`,
    );
    const [w1, w2, w3] = workers.map((w) => w.id);
    await h.db.execute(sql`INSERT INTO appointments (state_id, worker_id, role, booth_id) VALUES
      (${booth!.state_id}, ${w1}, 'it_member', ${booth!.id}), (${booth!.state_id}, ${w2}, 'enroller', ${booth!.id}), (${booth!.state_id}, ${w3}, 'enroller', ${booth!.id})`);
    let now = await stateTotals(pcc);
    expect([now.covered, now.enrollerBooths, now.enrollers]).toEqual([before.covered + 1, before.enrollerBooths + 1, before.enrollers + 2]);
    await h.db.execute(sql`UPDATE appointments SET ended_at = now(), ended_reason = 'test' WHERE worker_id IN (${w1}, ${w2})`);
    now = await stateTotals(pcc);
    expect([now.covered, now.enrollerBooths, now.enrollers]).toEqual([before.covered, before.enrollerBooths + 1, before.enrollers + 1]);
    expect(await recount(h.db)).toEqual([]);
  });

  it("moves booths' numbers to their new cell when they move to another block", async () => {
    const [b] = await queryRows<Row>(
      h.db,
      sql`SELECT b.id, b.cell_id, b.block_id, c.members,
                 (SELECT min(id) FROM blocks x WHERE x.district_id = b.district_id AND x.id IS DISTINCT FROM b.block_id) AS other
          FROM booths b JOIN booth_counters c ON c.booth_id = b.id
          WHERE c.members > 0 AND EXISTS (SELECT 1 FROM blocks x WHERE x.district_id = b.district_id AND x.id IS DISTINCT FROM b.block_id)
          ORDER BY c.members DESC LIMIT 1`,
    );
    const before = await stateTotals(pcc);
    // Two booths in one statement (the set-based path): this one and another of its block.
    await h.db.execute(sql`UPDATE booths SET block_id = ${num(b!.other)}
                           WHERE id = ${num(b!.id)} OR id = (SELECT min(id) FROM booths WHERE cell_id = ${num(b!.cell_id)} AND id <> ${num(b!.id)})`);
    const [moved] = await queryRows<Row>(
      h.db,
      sql`SELECT b.cell_id, c.block_id, c.booths FROM booths b JOIN cells c ON c.id = b.cell_id WHERE b.id = ${num(b!.id)}`,
    );
    expect(num(moved!.cell_id)).not.toBe(num(b!.cell_id));
    expect(num(moved!.block_id)).toBe(num(b!.other));
    // The state's totals do not change; the block's do, and every cell still equals its booths.
    expect(await stateTotals(pcc)).toEqual(before);
    expect(await recount(h.db)).toEqual([]);
    const [blockSum] = await queryRows<Row>(
      h.db,
      sql`SELECT coalesce(sum(k.members), 0) AS n FROM cells c JOIN cell_counters k ON k.cell_id = c.id WHERE c.block_id = ${num(b!.other)}`,
    );
    const [counted] = await queryRows<Row>(
      h.db,
      sql`SELECT count(*) AS n FROM members m JOIN booths b ON b.id = m.booth_id WHERE b.block_id = ${num(b!.other)} AND m.standing <> 'void'`,
    );
    expect(num(blockSum!.n)).toBe(num(counted!.n));
  });

  it("a booth's cell comes from its keys, whatever the writer sends", async () => {
    const [b] = await queryRows<Row>(h.db, sql`SELECT id, cell_id FROM booths ORDER BY id LIMIT 1`);
    const [other] = await queryRows<Row>(h.db, sql`SELECT id FROM cells WHERE id <> ${num(b!.cell_id)} LIMIT 1`);
    await h.db.execute(sql`UPDATE booths SET cell_id = ${num(other!.id)} WHERE id = ${num(b!.id)}`);
    const [after] = await queryRows<Row>(h.db, sql`SELECT cell_id FROM booths WHERE id = ${num(b!.id)}`);
    expect(num(after!.cell_id)).toBe(num(b!.cell_id));
  });

  it("reports a cell counter gone wrong and rebuilds it with --fix", async () => {
    await h.db.execute(sql`UPDATE cell_counters SET members = members + 1, via_app = via_app + 1, cat_gen = cat_gen + 1
                           WHERE cell_id = (SELECT min(cell_id) FROM cell_counters)`);
    await h.db.execute(sql`UPDATE cell_post_counters SET enrollers = enrollers + 3 WHERE cell_id = (SELECT min(cell_id) FROM cell_post_counters)`);
    await h.db.execute(sql`UPDATE cells SET booths = booths + 1 WHERE id = (SELECT min(id) FROM cells)`);
    const found = await recount(h.db, { fix: true });
    expect([...new Set(found.map((d) => d.table))].sort()).toEqual(["cell_counters", "cell_post_counters", "cells.booths"]);
    expect(await recount(h.db)).toEqual([]);
  });

  it("gives a district president only their district's cells and booths", async () => {
    const unit = (await scopeUnit(h.db, raipur))!;
    const [cellsSeen, boothsSeen] = await Promise.all([loadCells(h.db, raipur, unit), loadBooths(h.db, raipur, unit)]);
    expect(cellsSeen.length).toBeGreaterThan(0);
    expect(boothsSeen.length).toBeGreaterThan(0);
    expect(new Set([...cellsSeen, ...boothsSeen].map((c) => c.districtId))).toEqual(new Set([raipur.scope.id]));
    // Asked for the whole state, a district president still reads only their own district's cells.
    const state = (await scopeUnit(h.db, pcc))!;
    const wide = await loadCells(h.db, raipur, state);
    expect(new Set(wide.map((c) => c.districtId))).toEqual(new Set([raipur.scope.id]));
  });
});
