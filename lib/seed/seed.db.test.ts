import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import { recount } from "@/db/recount";
import { createTestDb, testEngines } from "@/lib/testing/db";
import { FLAG_REASONS } from "@/db/schema";
import { seedQuality } from "@/lib/members/quality/seed-quality";
import { isSeeded, seed, STATE_BOOTHS, type SeedSummary } from "@/lib/seed";

const NOW = new Date("2026-11-28T07:30:00Z");

/** A fingerprint of the generated data (generated columns only: not bcrypt salts or now()-stamps). */
async function fingerprint(h: DbHandle) {
  const [row] = await queryRows<Record<string, string>>(
    h.db,
    sql`SELECT
      (SELECT md5(string_agg(concat_ws('|', id, pc_id, ac_id, district_id, block_id, code, name, name_hi), ',' ORDER BY id)) FROM booths) AS booths,
      (SELECT md5(string_agg(concat_ws('|', id, membership_no, epic, name, relative_name, gender, age, phone, address, religion, caste,
                 caste_category, booth_id, channel, book_no, page_no, created_at, enrolled_on, enrolled_by_worker_id, api_token_id, md5(photo)),
                 ',' ORDER BY id)) FROM members) AS members,
      (SELECT md5(string_agg(concat_ws('|', id, appointment_id, worker_id, token_hash, created_at), ',' ORDER BY id)) FROM api_tokens WHERE label <> 'Demo token') AS tokens,
      (SELECT md5(string_agg(concat_ws('|', member_id, reason, expected, pattern), ',' ORDER BY member_id, reason)) FROM quality_labels) AS labels,
      (SELECT md5(string_agg(concat_ws('|', member_id, reason, status, detail), ',' ORDER BY member_id, reason)) FROM member_flags) AS flags,
      (SELECT md5(string_agg(concat_ws('|', id, name, phone, epic, created_at), ',' ORDER BY id)) FROM workers) AS workers,
      (SELECT md5(string_agg(concat_ws('|', id, worker_id, role, pc_id, ac_id, district_id, block_id, booth_id, appointed_at, ended_at),
                 ',' ORDER BY id)) FROM appointments) AS appointments,
      (SELECT md5(string_agg(concat_ws('|', level, pc_id, ac_id, district_id, members), ',' ORDER BY id)) FROM targets) AS targets,
      (SELECT md5(string_agg(concat_ws('|', training_id, worker_id, days_attended), ',' ORDER BY training_id, worker_id))
         FROM training_attendance) AS attendance,
      (SELECT md5(string_agg(concat_ws('|', booth_id, members, via_app, via_book, via_import, cat_sc, cat_st, cat_obc, cat_gen),
                 ',' ORDER BY booth_id)) FROM booth_counters) AS counters`,
  );
  return row;
}

describe.each(testEngines())("the seed on %s", (engine) => {
  let a: DbHandle;
  let b: DbHandle;
  let summary: SeedSummary;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDb(engine), createTestDb(engine)]);
    summary = await seed(a.db, { seed: 7, members: 3_000, now: NOW, demoUsers: true, quality: seedQuality });
    await seed(b.db, { seed: 7, members: 3_000, now: NOW, quality: seedQuality });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it("gives the same data for the same seed", async () => {
    const [fa, fb] = await Promise.all([fingerprint(a), fingerprint(b)]);
    expect(fa).toEqual(fb);
    expect(Object.values(fa!).every((v) => typeof v === "string" && v.length === 32)).toBe(true);
  });

  it("knows the real geography: 11 PCs, 90 ACs, 33 districts, two-district seats, ~24,000 booths", async () => {
    const [r] = await queryRows<Record<string, number>>(
      a.db,
      sql`SELECT (SELECT count(*)::int FROM lok_sabha_seats) AS pcs, (SELECT count(*)::int FROM assembly_seats) AS acs,
                 (SELECT count(*)::int FROM districts) AS districts, (SELECT count(*)::int FROM booths) AS booths,
                 (SELECT count(*)::int FROM (SELECT ac_id FROM assembly_seat_districts GROUP BY ac_id HAVING count(*) = 2) t) AS split,
                 (SELECT count(DISTINCT district_id)::int FROM booths WHERE ac_id = (SELECT id FROM assembly_seats WHERE no = 1)) AS ac1_districts,
                 (SELECT count(*)::int FROM assembly_seats WHERE reserved = 'ST') AS st,
                 (SELECT count(*)::int FROM assembly_seats WHERE reserved = 'SC') AS sc`,
    );
    expect(r).toEqual({ pcs: 11, acs: 90, districts: 33, booths: STATE_BOOTHS, split: 4, ac1_districts: 2, st: 29, sc: 10 });
  });

  it("keeps counters equal to a recount from members", async () => {
    expect(await recount(a.db)).toEqual([]);
    const [r] = await queryRows<{ counted: number; members: number; days: number }>(
      a.db,
      sql`SELECT (SELECT sum(members)::int FROM booth_counters) AS counted, (SELECT count(*)::int FROM members) AS members,
                 (SELECT sum(members)::int FROM ac_day_counters) AS days`,
    );
    const all = 3_000 + summary.planted;
    expect(summary.planted).toBeGreaterThan(900);
    expect(r).toEqual({ counted: all, members: all, days: all });
  });

  it("plants labelled patterns, and its scan leaves open flags for every reason (and an empty queue)", async () => {
    const rows = await queryRows<{ reason: string; open: number; fakes: number; genuine: number }>(
      a.db,
      sql`SELECT r.reason,
                 (SELECT count(*)::int FROM member_flags f WHERE f.reason = r.reason AND f.status = 'open') AS open,
                 (SELECT count(*)::int FROM quality_labels l WHERE l.reason = r.reason AND l.expected = 'fake') AS fakes,
                 (SELECT count(*)::int FROM quality_labels l WHERE l.reason = r.reason AND l.expected = 'genuine') AS genuine
          FROM unnest(${sql.param([...FLAG_REASONS])}::text[]) AS r(reason) ORDER BY r.reason`,
    );
    for (const r of rows) {
      expect(r.open, r.reason).toBeGreaterThan(0);
      expect(r.fakes, r.reason).toBeGreaterThan(0);
      if (r.reason !== "disowned") expect(r.genuine, r.reason).toBeGreaterThan(0);
    }
    const [q] = await queryRows<{ queued: number; review: number; tokens: number; carried: number; enrolled: number; byWorker: number }>(
      a.db,
      sql`SELECT (SELECT count(*)::int FROM quality_queue) AS queued,
                 (SELECT count(*)::int FROM members WHERE standing = 'review') AS review,
                 (SELECT count(*)::int FROM api_tokens WHERE label <> 'Demo token') AS tokens,
                 (SELECT count(*)::int FROM members WHERE id <= 3000 AND api_token_id IS NOT NULL) AS carried,
                 (SELECT sum(members)::int FROM enroller_counters) AS enrolled,
                 (SELECT count(*)::int FROM members WHERE enrolled_by_worker_id IS NOT NULL) AS "byWorker"`,
    );
    expect(q!.queued).toBe(0);
    expect(q!.review).toBeGreaterThan(180);
    expect(q!.tokens).toBeGreaterThan(STATE_BOOTHS * 0.3);
    expect(q!.carried).toBeGreaterThan(1_000);
    expect(q!.enrolled).toBe(q!.byWorker);
    expect(await recount(a.db)).toEqual([]);
  });

  it("runs a campaign around today, with targets at every level and gaps in appointments", async () => {
    const [r] = await queryRows<Record<string, unknown>>(
      a.db,
      sql`SELECT (SELECT starts_on::text FROM campaigns) AS starts, (SELECT ends_on::text FROM campaigns) AS ends,
                 (SELECT count(*)::int FROM targets WHERE level = 'pc') AS pc_targets,
                 (SELECT count(*)::int FROM targets WHERE level = 'ac') AS ac_targets,
                 (SELECT count(*)::int FROM targets WHERE level = 'district') AS district_targets,
                 (SELECT count(DISTINCT booth_id)::int FROM appointments WHERE role = 'it_member' AND ended_at IS NULL) AS covered,
                 (SELECT count(*)::int FROM appointments WHERE ended_at IS NOT NULL) AS ended,
                 (SELECT count(*)::int FROM members WHERE enrolled_on = '2026-11-28') AS today,
                 (SELECT count(*)::int FROM users) AS users`,
    );
    expect(r).toMatchObject({ starts: "2026-10-17", ends: "2026-12-25", pc_targets: 11, ac_targets: 90, district_targets: 33, users: 4 });
    expect(r!.covered as number).toBeGreaterThan(STATE_BOOTHS * 0.3);
    expect(r!.covered as number).toBeLessThan(STATE_BOOTHS * 0.9);
    expect(r!.ended as number).toBeGreaterThan(0);
    expect(r!.today as number).toBeGreaterThan(0);
  });

  // The branch does not depend on the engine: one seed more on PGlite only.
  it.runIf(engine === "pglite")("plants nothing without members, as the tests' seededDemo relies on", async () => {
    const c = await createTestDb(engine);
    try {
      const s = await seed(c.db, { members: 0, now: NOW, quality: seedQuality });
      const [r] = await queryRows<{ n: number }>(
        c.db,
        sql`SELECT (SELECT count(*) FROM members) + (SELECT count(*) FROM quality_labels) + (SELECT count(*) FROM member_flags)
                   + (SELECT count(*) FROM api_tokens) AS n`,
      );
      expect(Number(r!.n)).toBe(0);
      expect(s.planted).toBe(0);
    } finally {
      await c.close();
    }
  });

  it("creates demo users only when asked, and refuses to seed twice", async () => {
    const [r] = await queryRows<{ n: number }>(b.db, sql`SELECT count(*)::int AS n FROM users`);
    expect(r!.n).toBe(0);
    expect(await isSeeded(a.db)).toBe(true);
    await expect(seed(a.db, { members: 1 })).rejects.toThrow(/already holds data/);
  });
});
