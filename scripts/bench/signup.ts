/**
 * What the enrolment-API benchmarks send: tokens issued to enrollers in different assembly seats (50 phones
 * in 50 places), and a valid sign-up per request, varied as a real stream of sign-ups varies. Used by
 * `npm run bench:api` and by the mixed load of `npm run bench` (in its autocannon child process).
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { hashToken, tokenPrefixOf } from "@/lib/auth/token-hash";
import { personName } from "@/lib/seed/member-rows";
import { Rng } from "@/lib/seed/random";
import { memberBody } from "@/lib/testing/members";

export interface ApiClient {
  token: string;
  boothCode: string;
}

/** One fresh token for each of up to `count` enrollers, one per assembly seat first; returns the raw tokens. */
export async function issueEnrollerTokens(db: Db, count: number): Promise<ApiClient[]> {
  const posts = await queryRows<{ id: number; worker_id: number; state_id: number; code: string }>(
    db,
    sql`SELECT id, worker_id, state_id, code FROM (
          SELECT a.id, a.worker_id, b.state_id, b.code, row_number() OVER (PARTITION BY b.ac_id ORDER BY a.id) AS rn
          FROM appointments a JOIN booths b ON b.id = a.booth_id
          WHERE a.role = 'enroller' AND a.ended_at IS NULL) x
        ORDER BY rn, id LIMIT ${count}`,
  );
  const clients: ApiClient[] = [];
  for (const p of posts) {
    const token = `bench_${randomBytes(16).toString("hex")}`;
    await db.execute(sql`INSERT INTO api_tokens (state_id, appointment_id, worker_id, token_hash, token_prefix, label)
      VALUES (${p.state_id}, ${p.id}, ${p.worker_id}, ${hashToken(token)}, ${tokenPrefixOf(token)}, 'bench')`);
    clients.push({ token, boothCode: p.code });
  }
  return clients;
}

/**
 * The tests' valid sign-up, number `i` of a stream: the EPIC is `prefix` (three letters) and `i` in seven
 * digits, so a stream's members can be counted afterwards (`epic LIKE 'PRE%'`).
 */
export function signUp(i: number, boothCode: string, prefix: string) {
  return {
    ...memberBody(`${prefix}${String(i).padStart(7, "0")}`, boothCode),
    // Names as the seed draws them (lib/seed: first names and surnames of the region, a third in Devanagari):
    // six names repeated made every sign-up a near-duplicate of hundreds, the quality job's worst case rather
    // than a stream of sign-ups (its cost then grew with every run on a reused database).
    name: personName(new Rng(i), i % 2 ? "F" : "M", i % 3 === 0),
    gender: i % 2 ? "F" : "M",
    age: 18 + (i % 60),
    phone: `9${String(100_000_000 + i).padStart(9, "0")}`,
    address: `House ${i % 400}, Ward ${i % 40}`,
  };
}
