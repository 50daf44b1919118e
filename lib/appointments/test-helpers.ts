/** Helpers for the database tests of appointments, trainings and coverage (not used by the app). */
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { translator } from "@/lib/i18n";

export const NOW = new Date("2026-11-28T07:30:00Z");
export const t = translator("en");

export async function viewerByEmail(db: DbOrTx, email: string): Promise<Viewer> {
  const [row] = await queryRows<{ id: number }>(db, sql`SELECT id FROM users WHERE email = ${email}`);
  const viewer = row ? await loadViewer(db, row.id) : null;
  if (!viewer) throw new Error(`no viewer ${email}`);
  return viewer;
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
