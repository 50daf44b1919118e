/** Minimal geography and users for the user-administration database tests (not used by the app). */
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { hashPassword } from "@/lib/auth/credentials";

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
