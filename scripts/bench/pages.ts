/**
 * The dashboard pages the benchmarks fetch over HTTP, signed in, and what they need: a fixture of real unit
 * keys read from a seeded database, two sign-in users added to it (`bench-*@bench.local`, the only write),
 * Auth.js's credentials sign-in as the login form does it, and the sampling loop that fetches every page on
 * every server in alternating order (so neither database always runs on a warmer machine). Shared by
 * `npm run bench:pages` and `npm run bench`.
 */
import bcrypt from "bcryptjs";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { Viewer } from "@/lib/auth/viewer";

export const BENCH_PASSWORD = "bench-password";
export const BENCH_LEADERSHIP = "bench-pcc@bench.local";
export const BENCH_PRESIDENT = "bench-district@bench.local";

export interface Fixture {
  members: number;
  booths: number;
  stats: boolean;
  leadership: Viewer;
  president: Viewer;
  pcNo: string;
  acNo: string;
  splitAcNo: string;
  districtSlug: string;
  blockId: string;
  boothCode: string;
}

/** Viewers as `loadViewer` builds them, without needing user rows (the benchmark databases have none). */
export async function fixture(db: Db): Promise<Fixture> {
  const [r] = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT s.id AS state_id, s.code, s.name, s.name_hi,
               (SELECT sum(members)::bigint FROM booth_counters) AS members, (SELECT count(*)::int FROM booths) AS booths,
               (SELECT count(*)::int FROM pg_stats WHERE schemaname = 'public' AND tablename = 'booths') > 0 AS stats,
               d.id AS d_id, d.slug AS d_slug, d.name AS d_name, d.name_hi AS d_name_hi,
               (SELECT min(id) FROM blocks WHERE district_id = d.id) AS block_id,
               (SELECT a.no FROM assembly_seats a JOIN booths b ON b.ac_id = a.id WHERE b.district_id = d.id ORDER BY a.no LIMIT 1) AS ac_no,
               (SELECT min(a.no) FROM assembly_seats a WHERE (SELECT count(*) FROM assembly_seat_districts x WHERE x.ac_id = a.id) > 1) AS split_ac_no,
               (SELECT p.no FROM lok_sabha_seats p JOIN booths b ON b.pc_id = p.id WHERE b.district_id = d.id LIMIT 1) AS pc_no,
               (SELECT code FROM booths WHERE district_id = d.id ORDER BY code LIMIT 1 OFFSET 100) AS booth_code
        FROM states s JOIN districts d ON d.state_id = s.id AND d.slug = 'raipur' LIMIT 1`,
  );
  if (!r) throw new Error("no seeded state with a district 'raipur'");
  const stateId = Number(r.state_id);
  const viewer = (role: Viewer["role"], scope: Viewer["scope"]): Viewer => ({ id: 0, email: "bench@local", name: "bench", role, scope });
  return {
    members: Number(r.members),
    booths: Number(r.booths),
    stats: Boolean(r.stats),
    leadership: viewer("leadership", { level: "state", stateId, id: stateId, name: String(r.name), nameHi: String(r.name_hi), key: String(r.code) }),
    president: viewer("district_president", {
      level: "district",
      stateId,
      id: Number(r.d_id),
      name: String(r.d_name),
      nameHi: r.d_name_hi === null ? null : String(r.d_name_hi),
      key: String(r.d_slug),
    }),
    pcNo: String(r.pc_no),
    acNo: String(r.ac_no),
    splitAcNo: String(r.split_ac_no),
    districtSlug: String(r.d_slug),
    blockId: String(r.block_id),
    boothCode: String(r.booth_code),
  };
}

/** Sign-in users for the HTTP pass, added once per database (the bench databases are seeded without users). */
export async function benchUsers(db: Db, f: Fixture): Promise<void> {
  const hash = await bcrypt.hash(BENCH_PASSWORD, 4);
  await db.execute(sql`INSERT INTO users (email, name, password_hash, role, state_id, scope_level, district_id)
    VALUES (${BENCH_LEADERSHIP}, 'Bench leadership', ${hash}, 'leadership', ${f.leadership.scope.stateId}, 'state', NULL),
           (${BENCH_PRESIDENT}, 'Bench district president', ${hash}, 'district_president', ${f.president.scope.stateId}, 'district', ${f.president.scope.id})
    ON CONFLICT (lower(email)) DO UPDATE SET password_hash = EXCLUDED.password_hash, active = true`);
}

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]!);

/** Auth.js credentials sign-in, as the login form does it: CSRF token first, then the callback. The session cookie. */
export async function signIn(base: string, email: string, password = BENCH_PASSWORD): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/` }),
  });
  const session = cookiesOf(res).find((c) => /session-token=/.test(c));
  if (!session) throw new Error(`sign-in of ${email} at ${base} failed (${res.status})`);
  return session;
}

export interface HttpPage {
  name: string;
  as: "pcc" | "district";
  path: (f: Fixture) => string;
}

export const HTTP_PAGES: HttpPage[] = [
  { name: "/ (state leadership)", as: "pcc", path: () => "/" },
  { name: "/ (district president)", as: "district", path: () => "/" },
  { name: "/api/progress/summary (state)", as: "pcc", path: () => "/api/progress/summary" },
  { name: "/lok-sabha", as: "pcc", path: () => "/lok-sabha" },
  { name: "/assembly", as: "pcc", path: () => "/assembly" },
  { name: "/districts", as: "pcc", path: () => "/districts" },
  { name: "/lok-sabha/[no]", as: "pcc", path: (f) => `/lok-sabha/${f.pcNo}` },
  { name: "/assembly/[no]", as: "pcc", path: (f) => `/assembly/${f.acNo}` },
  { name: "/assembly/[no] (two districts)", as: "pcc", path: (f) => `/assembly/${f.splitAcNo}` },
  { name: "/districts/[slug]", as: "pcc", path: (f) => `/districts/${f.districtSlug}` },
  { name: "/districts/[slug]/blocks/[id]", as: "pcc", path: (f) => `/districts/${f.districtSlug}/blocks/${f.blockId}` },
  { name: "/booths/[code]", as: "pcc", path: (f) => `/booths/${f.boothCode}` },
  { name: "/targets (state leadership)", as: "pcc", path: () => "/targets" },
  { name: "/targets (district president)", as: "district", path: () => "/targets" },
  { name: "/coverage (district president)", as: "district", path: () => "/coverage" },
  { name: "/members (district president)", as: "district", path: () => "/members" },
];

export interface PageTarget {
  base: string;
  f: Fixture;
  cookies: Record<HttpPage["as"], string>;
}

/** Signs both bench users in on a server whose database has them (benchUsers). */
export async function pageTarget(base: string, f: Fixture): Promise<PageTarget> {
  return { base, f, cookies: { pcc: await signIn(base, BENCH_LEADERSHIP), district: await signIn(base, BENCH_PRESIDENT) } };
}

/**
 * Every page on every target, `warmup + rounds` times, in alternating target order; the whole response to the
 * last byte. Page name → per target → milliseconds of the measured rounds. A page that does not answer 200
 * throws (a benchmark of an error page measures nothing).
 */
export async function samplePages(targets: PageTarget[], pages: HttpPage[], rounds: number, warmup: number): Promise<Map<string, number[][]>> {
  const samples = new Map<string, number[][]>(pages.map((p) => [p.name, targets.map(() => [])]));
  const order = targets.map((_, i) => i);
  for (let round = 0; round < warmup + rounds; round++) {
    for (const page of pages) {
      for (const i of round % 2 === 0 ? order : [...order].reverse()) {
        const t = targets[i]!;
        const started = performance.now();
        const res = await fetch(t.base + page.path(t.f), { headers: { cookie: t.cookies[page.as] }, redirect: "manual" });
        const body = await res.text();
        const ms = performance.now() - started;
        if (res.status !== 200) throw new Error(`${page.path(t.f)} on ${t.base}: ${res.status} ${body.slice(0, 200)}`);
        if (round >= warmup) samples.get(page.name)![i]!.push(ms);
      }
    }
  }
  return samples;
}
