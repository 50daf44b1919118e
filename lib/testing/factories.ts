/**
 * Factories and fixtures shared by the tests (not used by the app): a fixed "now", an English translator,
 * the seeded database with the demo users' viewers, a fingerprint of what appointments, trainings and imports
 * write, units and fresh phone numbers on the seeded database, and a minimal two-state geography with users
 * for the user-administration tests. A viewer by email is `viewerFor` in lib/testing/db.ts; a valid member
 * sign-up is `memberBody` in lib/testing/members.ts.
 */
import { sql } from "drizzle-orm";
import { queryRows, type DbHandle, type DbOrTx } from "@/db/client";
import { hashPassword } from "@/lib/auth/credentials";
import type { Viewer } from "@/lib/auth/viewer";
import { translator } from "@/lib/i18n";
import { seed } from "@/lib/seed";
import { createTestDb, viewerFor, type Engine } from "@/lib/testing/db";

export const NOW = new Date("2026-11-28T07:30:00Z");
export const t = translator("en");

export interface SeededDemo {
  h: DbHandle;
  /** The Raipur district president. */
  raipur: Viewer;
  /** The state's leadership. */
  pcc: Viewer;
  /** The state IT-cell head. */
  itcell: Viewer;
}

/** A new test database with the seeded geography and demo users (no members, seeded at NOW), and their viewers. */
export async function seededDemo(engine: Engine): Promise<SeededDemo> {
  const h = await createTestDb(engine);
  await seed(h.db, { members: 0, now: NOW, demoUsers: true });
  const [raipur, pcc, itcell] = await Promise.all(
    ["raipur", "pcc", "itcell"].map((user) => viewerFor(h.db, `${user}@demo.local`)),
  );
  return { h, raipur: raipur!, pcc: pcc!, itcell: itcell! };
}

/** A fingerprint of everything an appointment, training or import could write. */
export async function writesSnapshot(db: DbOrTx): Promise<Record<string, string>> {
  const [row] = await queryRows<Record<string, string>>(
    db,
    sql`SELECT
      (SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY id)), '') FROM appointments t) AS appointments,
      (SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY id)), '') FROM workers t) AS workers,
      (SELECT count(*)::text FROM audit_events) AS audit,
      (SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY training_id, worker_id)), '') FROM training_attendance t) AS attendance,
      (SELECT count(*)::text FROM trainings) AS trainings`,
  );
  return row!;
}

export async function districtId(db: DbOrTx, slug: string): Promise<number> {
  const [row] = await queryRows<{ id: number }>(db, sql`SELECT id FROM districts WHERE slug = ${slug}`);
  return row!.id;
}

/** The code of the first booth (by id) inside Raipur district, or outside it: one side of a scope test each. */
export async function firstBoothCode(db: DbOrTx, side: "raipur" | "elsewhere"): Promise<string> {
  const [row] = await queryRows<{ code: string }>(
    db,
    sql`SELECT b.code FROM booths b JOIN districts d ON d.id = b.district_id
      WHERE ${side === "raipur" ? sql`d.slug = 'raipur'` : sql`d.slug <> 'raipur'`} ORDER BY b.id LIMIT 1`,
  );
  if (!row) throw new Error(`no booth ${side === "raipur" ? "in" : "outside"} Raipur`);
  return row.code;
}

/** A booth of the district without an active holder of `role` (the first by code, skipping `skip` of them). */
export async function vacantBooth(db: DbOrTx, slug: string, role: string, skip = 0): Promise<{ id: number; code: string; acId: number }> {
  const [row] = await queryRows<{ id: number; code: string; acId: number }>(
    db,
    sql`SELECT b.id, b.code, b.ac_id AS "acId" FROM booths b JOIN districts d ON d.id = b.district_id
      WHERE d.slug = ${slug} AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.booth_id = b.id AND a.role = ${role} AND a.ended_at IS NULL)
      ORDER BY b.code OFFSET ${skip} LIMIT 1`,
  );
  if (!row) throw new Error(`no vacant booth in ${slug}`);
  return row;
}

let phoneSeq = 0;
/**
 * Mobile numbers no worker has yet. The seed's numbers are random over the whole range, so candidates are
 * checked against the table instead of hoping for no collision.
 */
export async function freshPhones(db: DbOrTx, n: number): Promise<string[]> {
  const out: string[] = [];
  while (out.length < n) {
    const candidates: string[] = [];
    for (let i = out.length; i < n; i++) {
      phoneSeq += 1;
      candidates.push(`6${String(process.pid % 1000).padStart(3, "0")}${String(phoneSeq).padStart(6, "0")}`);
    }
    const taken = await queryRows<{ phone: string }>(db, sql`SELECT phone FROM workers WHERE phone = ANY(${sql.param(candidates)}::text[])`);
    const used = new Set(taken.map((r) => r.phone));
    out.push(...candidates.filter((c) => !used.has(c)));
  }
  return out;
}

export async function freshPhone(db: DbOrTx): Promise<string> {
  return (await freshPhones(db, 1))[0]!;
}

// ---------------------------------------------------------------------------------------------------------
// User administration: a minimal geography of two states

export const OLD_PASSWORD = "an-old-password-1";

/**
 * Two states. In CG, Lok Sabha seat id 7 (no 7, Durg) and district id 7 (Bilaspur) share an id on purpose:
 * the old form saved "7 · Durg" from a stale Lok Sabha list as district 7. MP's units must never be
 * reachable from CG.
 */
export async function seedUserAdmin(db: DbOrTx): Promise<void> {
  const hash = await hashPassword(OLD_PASSWORD);
  await db.execute(sql`INSERT INTO states (id, code, name, name_hi, lok_sabha_seats, assembly_seats) VALUES
    (1, 'CG', 'Chhattisgarh', 'छत्तीसगढ़', 11, 90), (2, 'MP', 'Madhya Pradesh', 'मध्य प्रदेश', 29, 230)`);
  await db.execute(sql`INSERT INTO lok_sabha_seats (id, state_id, no, name) VALUES (7, 1, 7, 'Durg'), (8, 1, 4, 'Raipur'), (20, 2, 1, 'Bhopal')`);
  await db.execute(sql`INSERT INTO districts (id, state_id, slug, name) VALUES (7, 1, 'bilaspur', 'Bilaspur'), (9, 1, 'durg', 'Durg'), (21, 2, 'bhopal', 'Bhopal')`);
  await db.execute(sql`INSERT INTO assembly_seats (id, state_id, pc_id, no, name) VALUES (49, 1, 8, 49, 'Raipur Gramin'), (60, 2, 20, 1, 'Bhopal North')`);
  await db.execute(sql`INSERT INTO users (email, name, password_hash, role, state_id, scope_level) VALUES
    ('admin@test.local', 'CG admin', ${hash}, 'admin', 1, 'state'),
    ('admin-mp@test.local', 'MP admin', ${hash}, 'admin', 2, 'state'),
    ('pcc@test.local', 'CG leadership', ${hash}, 'leadership', 1, 'state')`);
}
