import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import { seed } from "@/lib/seed";
import { createTestDb, testEngines, viewerFor } from "@/lib/testing/db";
import type { Viewer } from "@/lib/auth/viewer";
import { loadBoothPeople } from "@/lib/progress/data";
import { findUnit } from "@/lib/geo/units";

const NOW = new Date("2026-11-28T05:30:00Z");

interface BoothRow {
  id: number;
  code: string;
  enroller: string;
  members: number;
}

/** A booth of (or outside) Raipur with an active enroller and members, the busiest first. */
async function boothWithPeople(h: DbHandle, inRaipur: boolean): Promise<BoothRow> {
  const [row] = await queryRows<BoothRow>(
    h.db,
    sql`SELECT b.id, b.code, min(w.name) AS enroller, c.members
        FROM booths b JOIN districts d ON d.id = b.district_id
        JOIN appointments a ON a.booth_id = b.id AND a.role = 'enroller' AND a.ended_at IS NULL
        JOIN workers w ON w.id = a.worker_id
        JOIN booth_counters c ON c.booth_id = b.id
        WHERE (d.slug = 'raipur') = ${inRaipur} AND c.members > 0
        GROUP BY b.id, b.code, c.members ORDER BY c.members DESC, b.id LIMIT 1`,
  );
  if (!row) throw new Error("no booth with an enroller and members");
  return { ...row, id: Number(row.id), members: Number(row.members) };
}

describe.each(testEngines())("a booth's people on %s", (engine) => {
  let h: DbHandle;
  let raipur: Viewer;
  let pcc: Viewer;
  let itcell: Viewer;
  let own: BoothRow;
  let other: BoothRow;

  beforeAll(async () => {
    h = await createTestDb(engine);
    await seed(h.db, { members: 1000, demoUsers: true, now: NOW });
    raipur = await viewerFor(h.db, "raipur@demo.local");
    pcc = await viewerFor(h.db, "pcc@demo.local");
    itcell = await viewerFor(h.db, "itcell@demo.local");
    own = await boothWithPeople(h, true);
    other = await boothWithPeople(h, false);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("names the booth's enrollers and lists its newest members, masked, for a viewer whose district it is", async () => {
    const people = await loadBoothPeople(h.db, raipur, own.id, { limit: 5 });
    expect(people.posts.filter((p) => p.role === "enroller").map((p) => p.name)).toContain(own.enroller);
    for (const p of people.posts) expect(p.phoneMasked).toMatch(/^[6-9][0-9]•+[0-9]{3}$/);
    expect(people.members).not.toBeNull();
    expect(people.members!.length).toBe(Math.min(5, own.members));
    for (const m of people.members!) {
      expect(m.epicMasked).toContain("•");
      expect(m.name.length).toBeGreaterThan(0);
    }
    // Newest first: membership numbers end in the member id.
    const nos = people.members!.map((m) => Number(m.membershipNo.split("-")[1]));
    expect([...nos].sort((a, b) => b - a)).toEqual(nos);
  });

  it("gives a viewer of another district nothing: no names, no members (and the page is a 404)", async () => {
    const people = await loadBoothPeople(h.db, raipur, other.id);
    expect(people.posts).toEqual([]);
    expect(people.members).toEqual([]);
    expect(await findUnit(h.db, raipur, "booth", other.code)).toBeNull();
    // The state's leadership sees that booth's people.
    const state = await loadBoothPeople(h.db, pcc, other.id);
    expect(state.posts.map((p) => p.name)).toContain(other.enroller);
    expect(state.members!.length).toBeGreaterThan(0);
  });

  it("lists no members for a role that may not see members (the IT-cell head), but names the posts", async () => {
    const people = await loadBoothPeople(h.db, itcell, own.id);
    expect(people.members).toBeNull();
    expect(people.posts.map((p) => p.name)).toContain(own.enroller);
  });
});
