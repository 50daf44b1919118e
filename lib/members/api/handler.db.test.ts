import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import { recount } from "@/db/recount";
import { DEMO_TOKEN, seed, STATE_ID } from "@/lib/seed";
import { createTestDb, testEngines } from "@/lib/testing/db";
import { memberBody } from "@/lib/testing/members";
import { jsonResponse } from "@/lib/http";
import { apiLimit, handleEnrolRequest, MAX_BODY_BYTES } from "@/lib/members/api/handler";
import { batcherFor } from "@/lib/members/enrol/batch";
import type { Limit } from "@/lib/net/limiter";
import { hashToken, tokenPrefixOf } from "@/lib/auth/token-hash";

process.env.AUTH_SECRET ??= "test-secret-for-card-links";
const NOW = new Date("2026-11-28T06:00:00Z");
const URL_ = "http://localhost/api/v1/members";

let seq = 0;
const nextEpic = () => `APT${String(3_000_000 + ++seq).padStart(7, "0")}`;
const body = (boothCode: string, extra: Record<string, unknown> = {}) => ({ ...memberBody(nextEpic(), boothCode), ...extra });

describe("the API's rate limit", () => {
  it("is MEMBERS_API_BURST per the time MEMBERS_API_PER_MINUTE takes to send that burst", () => {
    expect(apiLimit()).toEqual({ bucket: "members-api", limit: 100, windowSeconds: 50 });
    vi.stubEnv("MEMBERS_API_BURST", "30");
    vi.stubEnv("MEMBERS_API_PER_MINUTE", "600");
    try {
      expect(apiLimit()).toEqual({ bucket: "members-api", limit: 30, windowSeconds: 3 });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe.each(testEngines())("POST /api/v1/members on %s", (engine) => {
  let h: DbHandle;
  let raipurBooth: string;
  let otherBooth: string;
  let buckets = 0;
  const roomy = (): Limit => ({ bucket: `test-roomy-${++buckets}`, limit: 10_000, windowSeconds: 60 });
  /** What the route answers (app/api/v1/members/route.ts): lib's plain answer, sent by jsonResponse. */
  const post = async (init: { token?: string | null; key?: string | null; body?: BodyInit | null; headers?: Record<string, string> }, lim = roomy()) => {
    const headers: Record<string, string> = { "content-type": "application/json", ...init.headers };
    if (init.token !== null) headers.authorization = `Bearer ${init.token ?? DEMO_TOKEN}`;
    if (init.key !== null) headers["idempotency-key"] = init.key ?? `k-${++seq}`;
    const answer = await handleEnrolRequest(new Request(URL_, { method: "POST", headers, body: init.body ?? null, duplex: "half" } as RequestInit), {
      db: h.db,
      limit: lim,
      now: NOW,
    });
    return jsonResponse(answer);
  };
  const send = (b: unknown, key?: string, lim?: Limit, token?: string) => post({ body: JSON.stringify(b), key, token }, lim);
  const memberCount = async () =>
    (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM members WHERE epic LIKE 'APT%'`))[0]!.n;
  const addToken = async (token: string, where: ReturnType<typeof sql>) => {
    await h.db.execute(sql`
      INSERT INTO api_tokens (state_id, appointment_id, worker_id, token_hash, token_prefix)
      SELECT state_id, id, worker_id, ${hashToken(token)}, ${tokenPrefixOf(token)} FROM appointments a
      WHERE ${where} AND ended_at IS NULL ORDER BY id LIMIT 1`);
  };

  beforeAll(async () => {
    h = await createTestDb(engine);
    await seed(h.db, { members: 200, now: NOW, demoUsers: true });
    const [r] = await queryRows<{ raipur: string; other: string }>(
      h.db,
      sql`SELECT (SELECT min(b.code) FROM booths b JOIN districts d ON d.id = b.district_id WHERE d.slug = 'raipur') AS raipur,
                 (SELECT min(b.code) FROM booths b JOIN districts d ON d.id = b.district_id WHERE d.slug = 'bilaspur') AS other`,
    );
    raipurBooth = r!.raipur;
    otherBooth = r!.other;
  });
  afterAll(async () => {
    await h?.close();
  });

  it("creates a member with the demo token: 201 {membershipNo, cardUrl}, counted at once", async () => {
    // The card link's origin is PUBLIC_URL, whatever host the request was addressed to.
    vi.stubEnv("PUBLIC_URL", "https://members.example.org");
    let res: Response;
    try {
      res = await post({ body: JSON.stringify(body(raipurBooth)), headers: { host: "evil.example", "x-forwarded-host": "evil.example" } });
    } finally {
      vi.unstubAllEnvs();
    }
    expect(res.status).toBe(201);
    const json = (await res.json()) as { membershipNo: string; cardUrl: string };
    expect(json.membershipNo).toMatch(/^CG26-[0-9]{7}$/);
    expect(json.cardUrl).toMatch(new RegExp(`^https://members\\.example\\.org/members/${json.membershipNo}/card\\?sig=`));
    const [m] = await queryRows<{ channel: string; enrolled_by_worker_id: number | null }>(
      h.db,
      sql`SELECT channel, enrolled_by_worker_id FROM members WHERE membership_no = ${json.membershipNo}`,
    );
    expect(m).toMatchObject({ channel: "app", enrolled_by_worker_id: expect.any(Number) });
    expect(await recount(h.db)).toEqual([]);
  });

  it("answers 401 without, with an unknown, a revoked or an ended-post token", async () => {
    const before = await memberCount();
    expect((await post({ token: null, body: JSON.stringify(body(raipurBooth)) })).status).toBe(401);
    expect((await post({ token: "not-a-token-at-all", body: JSON.stringify(body(raipurBooth)) })).status).toBe(401);
    const res = await post({ headers: { authorization: "Basic abc" }, token: null, body: "{}" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    // lib answers plain data; only the route (jsonResponse) makes it a Response.
    const plain = await handleEnrolRequest(new Request(URL_, { method: "POST", headers: { authorization: "Basic abc" }, body: "{}" }), { db: h.db, limit: roomy(), now: NOW });
    expect(plain).toEqual({ status: 401, body: { errors: { authorization: expect.any(String) } }, headers: { "www-authenticate": expect.stringMatching(/^Bearer/) } });

    await addToken("revoked-token-1", sql`role = 'enroller'`);
    expect((await send(body(raipurBooth), undefined, undefined, "revoked-token-1")).status).not.toBe(401);
    await h.db.execute(sql`UPDATE api_tokens SET revoked_at = now() WHERE token_hash = ${hashToken("revoked-token-1")}`);
    expect((await send(body(raipurBooth), undefined, undefined, "revoked-token-1")).status).toBe(401);

    await addToken("ended-post-token", sql`role = 'enroller' AND booth_id = (SELECT id FROM booths WHERE code = ${raipurBooth})`);
    expect((await send(body(raipurBooth), undefined, undefined, "ended-post-token")).status).toBe(201);
    await h.db.execute(sql`UPDATE appointments SET ended_at = now(), ended_reason = 'test'
      WHERE id = (SELECT appointment_id FROM api_tokens WHERE token_hash = ${hashToken("ended-post-token")})`);
    expect((await send(body(raipurBooth), undefined, undefined, "ended-post-token")).status).toBe(401);
    expect(await memberCount()).toBe(before + 1);
  });

  it("requires an Idempotency-Key and refuses odd ones", async () => {
    const res = await post({ key: null, body: JSON.stringify(body(raipurBooth)) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: { idempotencyKey: expect.stringContaining("Idempotency-Key") } });
    expect((await post({ key: "x".repeat(201), body: JSON.stringify(body(raipurBooth)) })).status).toBe(400);
    expect((await post({ key: "with space", body: JSON.stringify(body(raipurBooth)) })).status).toBe(400);
  });

  it("answers 413 for bodies over 1 MB, counted on the stream even without Content-Length", async () => {
    const big = JSON.stringify(body(raipurBooth, { address: "x".repeat(MAX_BODY_BYTES) }));
    expect((await post({ body: big })).status).toBe(413);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 4 * MAX_BODY_BYTES) return controller.close();
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    const res = await post({ body: stream });
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(2 * MAX_BODY_BYTES);
  });

  it("answers 400 without logging a failure when the body stops arriving (the client went away), writing nothing", async () => {
    const before = await memberCount();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const half = JSON.stringify(body(raipurBooth)).slice(0, 40);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(half));
          controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
        },
      });
      expect((await post({ body: stream })).status).toBe(400);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
    expect(await memberCount()).toBe(before);
  });

  it("answers 400 for invalid UTF-8, broken JSON, non-objects and invalid fields, naming each field", async () => {
    const before = await memberCount();
    const latin1 = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from('"}')]);
    expect(await (await post({ body: latin1 })).json()).toEqual({ errors: { body: "The request body is not valid UTF-8." } });
    expect((await post({ body: '{"epic": ' })).status).toBe(400);
    for (const b of ["[]", "null", "42", '"text"', ""]) expect((await post({ body: b })).status, b).toBe(400);
    const res = await send({ ...body(raipurBooth), epic: "XX1", age: "30", consent: false, __proto__x: 1 });
    expect(res.status).toBe(400);
    const { errors } = (await res.json()) as { errors: Record<string, string> };
    expect(Object.keys(errors).sort()).toEqual(["__proto__x", "age", "consent", "epic"]);
    expect(errors.epic).toMatch(/EPIC/);
    const proto = await post({ body: `{"__proto__": {"admin": true}, ${JSON.stringify(body(raipurBooth)).slice(1)}` });
    expect(proto.status).toBe(400);
    expect(Object.keys(((await proto.json()) as { errors: object }).errors)).toEqual(["__proto__"]);
    expect((await send(body("999-999"))).status).toBe(400);
    expect(await memberCount()).toBe(before);
  });

  it("answers 400 naming the field for a lone surrogate or NUL in any JSON text field, writing nothing", async () => {
    const before = await memberCount();
    // Escapes as an app would send them: valid UTF-8 and valid JSON, but JSON.parse makes a lone surrogate of
    // "\\ud800" (PostgreSQL would have stored U+FFFD), and "\\u0000" a NUL (PostgreSQL refuses it in text).
    const cases: [string, string][] = [
      ["name", "Ra\\ud800mesh"],
      ["name", "Ramesh\\udc00"],
      ["address", "Ward\\u00003"],
      ["caste", "\\udfff"],
      ["relativeName", "Ram\\ud83d"],
    ];
    for (const [field, escaped] of cases) {
      const rest: Record<string, unknown> = { ...body(raipurBooth) };
      delete rest[field];
      // Written by hand: JSON.stringify would never produce the lone escape this test is about.
      const text = `${JSON.stringify(rest).slice(0, -1)},"${field}":"${escaped}"}`;
      expect(() => JSON.parse(text)).not.toThrow();
      const res = await post({ body: text });
      expect(res.status, `${field}=${escaped}`).toBe(400);
      const { errors } = (await res.json()) as { errors: Record<string, string> };
      expect(Object.keys(errors), `${field}=${escaped}`).toEqual([field]);
      expect(errors[field]).toMatch(/cannot be stored/);
    }
    // A well-formed pair (an emoji) is fine text; only the lone halves are refused.
    const emoji = JSON.stringify({ ...body(raipurBooth), address: "Ward 3 " }).replace('"Ward 3 "', '"Ward 3 \\ud83d\\ude00"');
    expect((await post({ body: emoji })).status).toBe(201);
    expect(await memberCount()).toBe(before + 1);
    const stored = await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM members WHERE epic LIKE 'APT%' AND (name LIKE ${"%\uFFFD%"} OR address LIKE ${"%\uFFFD%"})`);
    expect(stored[0]!.n).toBe(0);
  });

  it("refuses a booth outside the token's post with 403, writing nothing", async () => {
    const before = await memberCount();
    const res = await send(body(otherBooth));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ errors: { boothCode: expect.any(String) } });
    // A block's chief enroller: the block's booths only; an enroller: the booth only.
    const [blockBooth] = await queryRows<{ code: string }>(
      h.db,
      sql`SELECT min(b.code) AS code FROM booths b JOIN appointments a ON a.block_id = b.block_id
          WHERE a.role = 'chief_enroller' AND a.ended_at IS NULL AND b.district_id = (SELECT id FROM districts WHERE slug = 'raipur')`,
    );
    await addToken("block-chief", sql`role = 'chief_enroller' AND block_id = (SELECT block_id FROM booths WHERE code = ${blockBooth!.code})`);
    expect((await send(body(blockBooth!.code), undefined, undefined, "block-chief")).status).toBe(201);
    expect((await send(body(otherBooth), undefined, undefined, "block-chief")).status).toBe(403);
    expect(await memberCount()).toBe(before + 1);
  });

  it("replays the stored answer for the same key and body, 422 for another body, 409 for a known EPIC", async () => {
    const b = body(raipurBooth);
    const first = await send(b, "same-key-1");
    expect(first.status).toBe(201);
    const firstJson = await first.json();
    // The same fields in another order are the same body.
    const reordered = Object.fromEntries(Object.entries(b).reverse());
    const again = await send(reordered, "same-key-1");
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(firstJson);
    expect((await send(body(raipurBooth), "same-key-1")).status).toBe(422);
    const dup = await send({ ...b, name: "Another Name" }, "other-key-1");
    expect(dup.status).toBe(409);
    const dupJson = (await dup.json()) as { existingMembershipNo: string; errors: { epic: string } };
    expect(dupJson.existingMembershipNo).toMatch(/^CG26-•+[0-9]{3}$/);
    expect(dupJson.existingMembershipNo.slice(-3)).toBe((firstJson as { membershipNo: string }).membershipNo.slice(-3));
    expect(dupJson.errors.epic).toContain(dupJson.existingMembershipNo);
  });

  it("makes exactly one member of 20 concurrent requests with one EPIC, and one of 10 with one key", async () => {
    const b = body(raipurBooth);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => send(b, `race-${seq}-${i}`)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(await queryRows(h.db, sql`SELECT 1 FROM members WHERE epic = ${b.epic}`)).toHaveLength(1);

    const c = body(raipurBooth);
    const same = await Promise.all(Array.from({ length: 10 }, () => send(c, `one-key-${c.epic}`)));
    const answers = await Promise.all(same.filter((r) => r.status === 201).map((r) => r.json()));
    expect(await queryRows(h.db, sql`SELECT 1 FROM members WHERE epic = ${c.epic}`)).toHaveLength(1);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(same.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(await recount(h.db)).toEqual([]);
  });

  it("writes concurrent sign-ups in groups, each with its own exact outcome", async () => {
    const stats = { ...batcherFor(h.db).stats };
    const bodies = Array.from({ length: 60 }, () => body(raipurBooth));
    const twin = { ...bodies[0]!, name: "Twin" };
    const reusedKey = `reused-${seq}`;
    const results = await Promise.all([
      ...bodies.map((b, i) => send(b, `grp-${b.epic}-${i}`)),
      send(twin, `grp-twin-${seq}`),
      send(body(raipurBooth), reusedKey),
      send(body(raipurBooth), reusedKey),
    ]);
    const statuses = results.map((r) => r.status);
    expect(statuses.slice(0, 60)).toEqual(Array(60).fill(201));
    expect(statuses[60]).toBe(409);
    expect(statuses.slice(61).sort()).toEqual([201, 422]);
    const after = batcherFor(h.db).stats;
    expect(after.rows - stats.rows).toBeGreaterThan(after.statements - stats.statements);
    const [n] = await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM members WHERE epic = ANY(${sql.param(bodies.map((b) => b.epic))}::text[])`);
    expect(n!.n).toBe(60);
    expect(await recount(h.db)).toEqual([]);
  });

  it("rate-limits a burst per token with 429 that writes nothing", async () => {
    const before = await memberCount();
    const lim: Limit = { bucket: "test-burst", limit: 5, windowSeconds: 3_600 };
    const results = await Promise.all(Array.from({ length: 12 }, () => send(body(raipurBooth), undefined, lim)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect(Number(results.find((r) => r.status === 429)!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await memberCount()).toBe(before + 5);
  });

  it("keeps the state id of the token's post", async () => {
    const [row] = await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM members WHERE epic LIKE 'APT%' AND state_id <> ${STATE_ID}`);
    expect(row!.n).toBe(0);
  });
});
