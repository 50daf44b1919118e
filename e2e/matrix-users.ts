/**
 * Users and sample values for the authorization matrix (e2e/authz-matrix.spec.ts), written by e2e/serve.ts
 * right after the demo seed. The test process cannot open the server's database (PGlite is single-process),
 * so everything the matrix needs to know about the data — which membership number, booth or block lies in
 * Raipur and which in Durg — is looked up here and written to e2e/.state/matrix-<port>.json.
 */
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import bcrypt from "bcryptjs";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { users } from "@/db/schema";
import { DEMO_PASSWORD, STATE_ID } from "@/lib/seed";

/**
 * The matrix's own users. IT-cell heads at each scope below the state (the demo seed has only a state one);
 * a user who signs in and out so their cookie can be replayed; one deactivated through the admin page after
 * signing in; and one seeded inactive, who must not be able to sign in at all.
 */
export const MATRIX_USERS = {
  itPc: { email: "matrix-it-pc8@demo.local", name: "IT-cell head, Lok Sabha 8 Raipur", scope: { level: "pc", no: 8 } },
  itAc: { email: "matrix-it-ac49@demo.local", name: "IT-cell head, assembly seat 49", scope: { level: "ac", no: 49 } },
  itDistrict: { email: "matrix-it-durg@demo.local", name: "IT-cell head, Durg district", scope: { level: "district", slug: "durg" } },
  signOut: { email: "matrix-signout@demo.local", name: "Matrix sign-out user", scope: { level: "state" } },
  deactivate: { email: "matrix-deactivate@demo.local", name: "Matrix deactivation user", scope: { level: "state" } },
  inactive: { email: "matrix-inactive@demo.local", name: "Matrix inactive user", scope: { level: "state" } },
} as const;

/** Values for the dynamic segments: one on the Raipur side (inside AC 49, so inside PC 8 and Raipur too) and one in Durg. */
export interface MatrixSamples {
  member: { raipur: { no: string; name: string }; durg: { no: string; name: string } };
  booth: { raipur: { code: string; name: string }; durg: { code: string; name: string } };
  block: { raipur: { id: number; name: string }; durg: { id: number; name: string } };
  training: { raipur: number; durg: number };
  /** A finished member import uploaded by the Raipur president. */
  importId: number;
}

export function matrixStatePath(port = process.env.E2E_PORT ?? "3200"): string {
  return path.join("e2e", ".state", `matrix-${port}.json`);
}

async function one<T>(db: Db, query: ReturnType<typeof sql>, what: string): Promise<T> {
  const [row] = await queryRows<T>(db, query);
  if (!row) throw new Error(`seedMatrixUsers: no ${what} in the seed`);
  return row;
}

export async function seedMatrixUsers(db: Db): Promise<MatrixSamples> {
  const hash = await bcrypt.hash(DEMO_PASSWORD, 10);
  const ids = await one<{ pc: number; ac: number; durg: number; raipur: number }>(
    db,
    sql`SELECT (SELECT id FROM lok_sabha_seats WHERE state_id = ${STATE_ID} AND no = 8) AS pc,
               (SELECT id FROM assembly_seats WHERE state_id = ${STATE_ID} AND no = 49) AS ac,
               (SELECT id FROM districts WHERE state_id = ${STATE_ID} AND slug = 'durg') AS durg,
               (SELECT id FROM districts WHERE state_id = ${STATE_ID} AND slug = 'raipur') AS raipur`,
    "geography",
  );
  const u = MATRIX_USERS;
  const base = { passwordHash: hash, stateId: STATE_ID };
  const inserted = await db
    .insert(users)
    .values([
      { ...base, email: u.itPc.email, name: u.itPc.name, role: "it_head", scopeLevel: "pc", pcId: ids.pc },
      { ...base, email: u.itAc.email, name: u.itAc.name, role: "it_head", scopeLevel: "ac", acId: ids.ac },
      { ...base, email: u.itDistrict.email, name: u.itDistrict.name, role: "it_head", scopeLevel: "district", districtId: ids.durg },
      { ...base, email: u.signOut.email, name: u.signOut.name, role: "leadership", scopeLevel: "state" },
      { ...base, email: u.deactivate.email, name: u.deactivate.name, role: "leadership", scopeLevel: "state" },
      { ...base, email: u.inactive.email, name: u.inactive.name, role: "leadership", scopeLevel: "state", active: false },
    ])
    .returning({ id: users.id });
  if (inserted.length !== 6) throw new Error("seedMatrixUsers: users not inserted");

  const member = (where: ReturnType<typeof sql>) =>
    one<{ no: string; name: string }>(
      db,
      sql`SELECT m.membership_no AS no, m.name FROM members m JOIN booths b ON b.id = m.booth_id
          WHERE m.erased_at IS NULL AND m.name IS NOT NULL AND ${where} ORDER BY m.id LIMIT 1`,
      "member",
    );
  const booth = (where: ReturnType<typeof sql>) =>
    one<{ code: string; name: string }>(db, sql`SELECT b.code, b.name FROM booths b WHERE ${where} ORDER BY b.id LIMIT 1`, "booth");
  const block = (where: ReturnType<typeof sql>) =>
    one<{ id: number; name: string }>(
      db,
      sql`SELECT bl.id, bl.name FROM blocks bl WHERE EXISTS (SELECT 1 FROM booths b WHERE b.block_id = bl.id AND ${where}) ORDER BY bl.id LIMIT 1`,
      "block",
    );
  const training = async (districtId: number) =>
    (await one<{ id: number }>(db, sql`SELECT id FROM trainings WHERE district_id = ${districtId} ORDER BY id LIMIT 1`, "training")).id;

  const inRaipur = sql`b.ac_id = ${ids.ac}`;
  const inDurg = sql`b.district_id = ${ids.durg}`;
  const dp = await one<{ id: number }>(db, sql`SELECT id FROM users WHERE email = 'raipur@demo.local'`, "Raipur president");
  const imp = await one<{ id: number }>(
    db,
    sql`INSERT INTO member_imports (state_id, created_by, file_name, file_sha256, total_rows, status, finished_at)
        VALUES (${STATE_ID}, ${dp.id}, 'matrix-raipur.csv', ${"0".repeat(64)}, 0, 'done', now()) RETURNING id`,
    "import",
  );

  const samples: MatrixSamples = {
    member: { raipur: await member(inRaipur), durg: await member(inDurg) },
    booth: { raipur: await booth(inRaipur), durg: await booth(inDurg) },
    block: { raipur: await block(inRaipur), durg: await block(inDurg) },
    training: { raipur: await training(ids.raipur), durg: await training(ids.durg) },
    importId: imp.id,
  };
  mkdirSync(path.dirname(matrixStatePath()), { recursive: true });
  writeFileSync(matrixStatePath(), JSON.stringify(samples, null, 2));
  return samples;
}
