/**
 * The enrolment API against the running production server (DESIGN.md §5). The heavy tests open the e2e
 * database directly (PostgreSQL, when TEST_DATABASE_URL is set) to issue test tokens and to count the rows
 * they wrote — only their own rows, by EPIC prefix or by the post their tokens belong to, since other specs
 * write to the same database meanwhile.
 */
import { createHash, randomBytes } from "node:crypto";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { Client } from "pg";
import { expect, test } from "@/e2e/fixtures";
import { memberBody } from "@/lib/testing/members";

const DEMO_TOKEN = "demo-token-raipur";
const RAIPUR_BOOTH = "049-001";
const BILASPUR_BOOTH = "030-001";

const dbUrl = (() => {
  if (!process.env.TEST_DATABASE_URL) return null;
  const u = new URL(process.env.TEST_DATABASE_URL);
  u.pathname = `/${process.env.E2E_DB_NAME ?? "sadasyata_e2e"}`;
  return u.toString();
})();

async function withDb<T>(f: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: dbUrl! });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/** A run id in the EPIC's digits, so reruns against a reused server never collide and counts are ours. */
const RUN = String(Date.now() % 1_000).padStart(3, "0") + String(Math.floor(Math.random() * 10));
let seq = 0;
const epic = (letters: string) => `${letters}${RUN}${String(++seq % 1_000).padStart(3, "0")}`;

/** The shared valid sign-up, with the optional relative's name the API also takes. */
function signUp(e: string, boothCode = RAIPUR_BOOTH, extra: Record<string, unknown> = {}) {
  return { ...memberBody(e, boothCode), relativeName: "Ramesh Sahu", ...extra };
}

function enrol(request: APIRequestContext, body: unknown, opts: { token?: string | null; key?: string | null } = {}): Promise<APIResponse> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.token !== null) headers.authorization = `Bearer ${opts.token ?? DEMO_TOKEN}`;
  if (opts.key !== null) headers["idempotency-key"] = opts.key ?? randomBytes(12).toString("hex");
  return request.post("/api/v1/members", { headers, data: typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body) });
}

/** Issues `n` tokens for the post `where` picks, straight into the database (hash only, as the app does). */
async function issueTokens(where: string, n: number, params: unknown[] = []): Promise<{ tokens: string[]; workerId: number; boothCode: string | null }> {
  return withDb(async (c) => {
    const { rows } = await c.query<{ id: number; worker_id: number; state_id: number; code: string | null }>(
      `SELECT a.id, a.worker_id, a.state_id, b.code FROM appointments a LEFT JOIN booths b ON b.id = a.booth_id
       WHERE a.ended_at IS NULL AND ${where} ORDER BY a.id LIMIT 1`,
      params,
    );
    const post = rows[0]!;
    const tokens = Array.from({ length: n }, () => `e2e_${randomBytes(20).toString("hex")}`);
    for (const t of tokens) {
      await c.query("INSERT INTO api_tokens (state_id, appointment_id, worker_id, token_hash, token_prefix, label) VALUES ($1, $2, $3, $4, $5, 'e2e')", [
        post.state_id,
        post.id,
        post.worker_id,
        createHash("sha256").update(t).digest("hex"),
        t.slice(0, 8),
      ]);
    }
    return { tokens, workerId: post.worker_id, boothCode: post.code };
  });
}

async function countMembers(where: string, params: unknown[]): Promise<number> {
  return withDb(async (c) => Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM members WHERE ${where}`, params)).rows[0]!.n));
}

/** Runs `jobs` with at most `limit` in flight. */
async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (;;) {
        const i = next++;
        if (i >= jobs.length) return;
        out[i] = await jobs[i]!();
      }
    }),
  );
  return out;
}

test.describe("enrolment API with the demo token", () => {
  test("enrols in Raipur: 201 {membershipNo, cardUrl}; the same key again gives the same answer; another body 422", async ({ request }) => {
    const body = signUp(epic("QAD"), "049-002");
    const key = `e2e-${RUN}-demo`;
    const first = await enrol(request, body, { key });
    expect(first.status()).toBe(201);
    const json = (await first.json()) as { membershipNo: string; cardUrl: string };
    expect(json.membershipNo).toMatch(/^CG[0-9]{2}-[0-9]{7}$/);
    expect(json.cardUrl).toContain(`/members/${json.membershipNo}/card?sig=`);
    const again = await enrol(request, body, { key });
    expect(again.status()).toBe(201);
    expect(await again.text()).toBe(await first.text());
    expect((await enrol(request, { ...body, epic: epic("QAD") }, { key })).status()).toBe(422);
    const dup = await enrol(request, { ...body, name: "Another" });
    expect(dup.status()).toBe(409);
    expect(((await dup.json()) as { existingMembershipNo: string }).existingMembershipNo).toMatch(/•/);
  });

  test("refuses a booth in another district with 403, and bad credentials and missing keys", async ({ request }) => {
    const other = await enrol(request, signUp(epic("QAD"), BILASPUR_BOOTH));
    expect(other.status()).toBe(403);
    expect(await other.json()).toEqual({ errors: { boothCode: "This booth is outside your enrolment area." } });
    expect((await enrol(request, signUp(epic("QAD")), { token: null })).status()).toBe(401);
    expect((await enrol(request, signUp(epic("QAD")), { token: "demo-token-bilaspur" })).status()).toBe(401);
    expect((await enrol(request, signUp(epic("QAD")), { key: null })).status()).toBe(400);
    expect((await enrol(request, JSON.stringify(signUp(epic("QAD"), RAIPUR_BOOTH, { address: "x".repeat(1_100_000) })))).status()).toBe(413);
  });
});

test.describe("enrolment API under load (PostgreSQL)", () => {
  test.skip(!dbUrl, "needs TEST_DATABASE_URL: the test counts rows in the e2e database");
  test.setTimeout(300_000);

  test("1,000 malformed bodies: all 4xx, none 5xx, zero rows written", async ({ request }) => {
    const { tokens, workerId, boothCode } = await issueTokens("a.role = 'enroller' AND b.code LIKE '049-%'", 20);
    const booth = boothCode!;
    const before = await countMembers("enrolled_by_worker_id = $1", [workerId]);
    let r = 42;
    const rand = () => ((r = (r * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const FRAGMENTS = [
      "' OR '1'='1",
      "'; DROP TABLE members; --",
      "1; SELECT pg_sleep(10)",
      "<script>alert(1)</script>",
      "\"><img src=x onerror=alert(1)>",
      "${7*7}",
      "{{constructor.constructor('return process')()}}",
      "../../etc/passwd",
      "\u0000",
      "\u202e",
    ] as const;
    const REQUIRED = ["epic", "name", "gender", "age", "phone", "address", "religion", "caste", "casteCategory", "boothCode", "consent", "consentVersion"] as const;
    // Never valid for any field (no 42: a valid age; no true: a valid consent).
    const WRONG_TYPES: unknown[] = [null, -1, 3.5, 1e9, false, [], [1, 2], {}, { $gt: "" }, "", " "];
    const mutations: ((b: Record<string, unknown>) => Record<string, unknown> | string | Buffer)[] = [
      (b) => ({ ...b, [pick(REQUIRED)]: pick(WRONG_TYPES) }),
      (b) => {
        const c = { ...b };
        delete c[pick(REQUIRED)];
        return c;
      },
      (b) => ({ ...b, [pick(["name", "address", "religion", "caste", "relativeName"] as const)]: "क".repeat(500 + Math.floor(rand() * 200_000)) }),
      (b) => ({ ...b, epic: pick(["ABC123", "AB12345678", "1234567890", "ABCD1234567", "ABC-1234567", "", "A".repeat(5_000), ...FRAGMENTS]) }),
      (b) => ({ ...b, boothCode: pick(["999-999", "049-9999", "000-000", "49-1", "049_001", "", ...FRAGMENTS]) }),
      (b) => ({ ...b, name: `${pick(FRAGMENTS)} ${pick(FRAGMENTS)}`, [pick(["phone", "gender", "casteCategory", "consentVersion"] as const)]: pick(FRAGMENTS) }),
      (b) => ({ ...b, [pick(["name", "address", "caste"] as const)]: `Ram${pick(["\u0000", "\u0007", "\u001b[31m", "\u202e", "\u2066"])}esh` }),
      (b) => ({ ...b, age: pick([0, 17, 121, 18.5, "34", -34, 1e308, Number.MAX_SAFE_INTEGER + 2]) }),
      (b) => ({ ...b, consent: pick([false, "true", 1, "yes", null]) }),
      (b) => ({ ...b, phone: pick(["12345", "5876543210", "98765432100", "+1 9876543210", "phone"]) }),
      (b) => ({ ...b, [pick(["isAdmin", "stateId", "channel", "membershipNo", "__proto__x"])]: true }),
      (b) => `{"__proto__": {"polluted": 1}, ${JSON.stringify(b).slice(1)}`,
      (b) => JSON.stringify(b).slice(0, Math.floor(rand() * 200)),
      (b) => Buffer.concat([Buffer.from(JSON.stringify(b).slice(0, 40)), Buffer.from([pick([0xff, 0xfe, 0xc3, 0xe9, 0x80])]), Buffer.from('"}')]),
      (b) => Buffer.concat([Buffer.from(`{"epic":"${b.epic as string}","name":"`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]),
      () => pick(["", "null", "[]", "42", '"text"', "{", "}{", "<xml/>", "epic=ABC1234567"]),
      (b) => ({ ...b, photo: pick(["not-base64!", "aGVsbG8=", "/9j/" + "A".repeat(300_000)]) }),
      (b) => JSON.stringify({ ...b, address: "x".repeat(1_100_000) }),
    ];
    const bodies = Array.from({ length: 1_000 }, (_, i) => mutations[i % mutations.length]!(signUp(epic("QAM"), booth)));
    const statuses = await pool(
      bodies.map((b, i) => async () => (await enrol(request, b, { token: tokens[i % tokens.length] })).status()),
      20,
    );
    const byStatus = statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
    expect(statuses.filter((s) => s >= 500), JSON.stringify(byStatus)).toEqual([]);
    expect(statuses.every((s) => s >= 400 && s < 500), JSON.stringify(byStatus)).toBe(true);
    expect(await countMembers("enrolled_by_worker_id = $1", [workerId])).toBe(before);
  });

  test("1,000 valid sign-ups sent three times each: exactly 1,000 members, identical answers", async ({ request }) => {
    const { tokens } = await issueTokens("a.role = 'chief_enroller' AND a.district_id = (SELECT id FROM districts WHERE slug = 'raipur')", 40);
    const prefix = `QAV${RUN}`;
    const booths = ["047", "048", "049", "050", "051", "052", "053"].map((ac) => `${ac}-0${String(10 + Math.floor(Math.random() * 80))}`);
    const results = await pool(
      Array.from({ length: 1_000 }, (_, i) => async () => {
        const body = signUp(`${prefix}${String(i).padStart(3, "0")}`, booths[i % booths.length], { age: 18 + (i % 80) });
        const key = `v-${RUN}-${i}`;
        const token = tokens[i % tokens.length];
        const answers: { status: number; text: string }[] = [];
        for (let k = 0; k < 3; k++) {
          const res = await enrol(request, body, { token, key });
          answers.push({ status: res.status(), text: await res.text() });
        }
        return answers;
      }),
      25,
    );
    for (const answers of results) {
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
      expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    }
    expect(new Set(results.map((a) => a[0]!.text)).size).toBe(1_000);
    expect(await countMembers("epic LIKE $1", [`${prefix}%`])).toBe(1_000);
  });

  test("20 concurrent requests with one EPIC make exactly one member", async ({ request }) => {
    const { tokens } = await issueTokens("a.role = 'chief_enroller' AND a.district_id = (SELECT id FROM districts WHERE slug = 'raipur')", 1);
    const body = signUp(epic("QAC"));
    const statuses = await Promise.all(Array.from({ length: 20 }, () => enrol(request, body, { token: tokens[0] }).then((r) => r.status())));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(await countMembers("epic = $1", [body.epic])).toBe(1);
  });

  test("a token of a Raipur post cannot enrol in another district; a revoked token is a 401", async ({ request }) => {
    const { tokens } = await issueTokens("a.role = 'chief_enroller' AND a.district_id = (SELECT id FROM districts WHERE slug = 'raipur')", 1);
    const token = tokens[0]!;
    const outside = signUp(epic("QAR"), BILASPUR_BOOTH);
    expect((await enrol(request, outside, { token })).status()).toBe(403);
    expect(await countMembers("epic = $1", [outside.epic])).toBe(0);
    expect((await enrol(request, signUp(epic("QAR")), { token })).status()).toBe(201);
    await withDb((c) => c.query("UPDATE api_tokens SET revoked_at = now() WHERE token_hash = $1", [createHash("sha256").update(token).digest("hex")]));
    const after = signUp(epic("QAR"));
    const res = await enrol(request, after, { token });
    expect(res.status()).toBe(401);
    expect(await countMembers("epic = $1", [after.epic])).toBe(0);
  });

  test("a burst over the rate limit gets 429s that write nothing", async ({ request }) => {
    const { tokens } = await issueTokens("a.role = 'chief_enroller' AND a.district_id = (SELECT id FROM districts WHERE slug = 'raipur')", 1);
    const prefix = `QAL${RUN}`;
    const statuses = await Promise.all(
      Array.from({ length: 160 }, (_, i) => enrol(request, signUp(`${prefix}${String(i).padStart(3, "0")}`), { token: tokens[0] }).then((r) => r.status())),
    );
    const created = statuses.filter((s) => s === 201).length;
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 201 || s === 429)).toBe(true);
    expect(await countMembers("epic LIKE $1", [`${prefix}%`])).toBe(created);
  });
});
