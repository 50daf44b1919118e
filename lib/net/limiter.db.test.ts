import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, queryRows, type DbHandle } from "@/db/client";
import { createTestDb, testEngines } from "@/lib/testing/db";
import { hit, hitMany, pruneLimits, refund } from "@/lib/net/limiter";

describe.each(testEngines())("the shared limiter on %s", (engine) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(engine);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("allows `limit` hits per key and window, then refuses with the seconds left", async () => {
    const limit = { bucket: "t:basic", limit: 3, windowSeconds: 60 };
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await hit(h.db, limit, "k1"));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, false]);
    expect(results[4]!.hits).toBe(5);
    expect(results[4]!.retryAfter).toBeGreaterThan(0);
    expect(results[4]!.retryAfter).toBeLessThanOrEqual(60);
    // Another key and another bucket count apart.
    expect((await hit(h.db, limit, "k2")).ok).toBe(true);
    expect((await hit(h.db, { ...limit, bucket: "t:other" }, "k1")).ok).toBe(true);
  });

  it("starts a new window by itself once the old one has passed", async () => {
    const limit = { bucket: "t:window", limit: 1, windowSeconds: 60 };
    expect((await hit(h.db, limit, "k")).ok).toBe(true);
    expect((await hit(h.db, limit, "k")).ok).toBe(false);
    await h.db.execute(sql`UPDATE rate_limit_hits SET window_start = now() - interval '61 seconds' WHERE bucket = 't:window'`);
    const fresh = await hit(h.db, limit, "k");
    expect(fresh).toMatchObject({ ok: true, hits: 1 });
  });

  it("counts a batch of hits in one statement: the burst passes, the rest is refused, other keys apart, a new window refills", async () => {
    const limit = { bucket: "t:many", limit: 3, windowSeconds: 60 };
    expect((await hitMany(h.db, limit, ["a", "a", "b", "a", "a"])).map((r) => r.ok)).toEqual([true, true, true, true, false]);
    const [again] = await hitMany(h.db, limit, ["a"]);
    expect(again).toMatchObject({ ok: false, hits: 5 });
    expect(again!.retryAfter).toBeGreaterThan(0);
    expect((await hit(h.db, limit, "b")).ok).toBe(true);
    await h.db.execute(sql`UPDATE rate_limit_hits SET window_start = now() - interval '61 seconds' WHERE bucket = 't:many'`);
    expect((await hitMany(h.db, limit, ["a", "a", "a", "a"])).map((r) => [r.ok, r.hits])).toEqual([
      [true, 1],
      [true, 2],
      [true, 3],
      [false, 4],
    ]);
  });

  it("refunds a hit, never below zero", async () => {
    const limit = { bucket: "t:refund", limit: 1, windowSeconds: 60 };
    await hit(h.db, limit, "k");
    await refund(h.db, limit, "k");
    await refund(h.db, limit, "k");
    expect((await hit(h.db, limit, "k")).ok).toBe(true);
    expect((await hit(h.db, limit, "k")).ok).toBe(false);
  });

  it("counts concurrent hits exactly (one statement, no lost update)", async () => {
    const limit = { bucket: "t:race", limit: 10, windowSeconds: 60 };
    const results = await Promise.all(Array.from({ length: 40 }, () => hit(h.db, limit, "k")));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(Math.max(...results.map((r) => r.hits))).toBe(40);
  });

  it("is one limit for two separate connections (as for two server processes)", async () => {
    if (engine !== "postgres") return; // PGlite is one process by design.
    const url = (await queryRows<{ db: string }>(h.db, sql`SELECT current_database() AS db`))[0]!.db;
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = `/${url}`;
    const other = await openDb({ url: u.toString(), max: 2 });
    try {
      const limit = { bucket: "t:shared", limit: 4, windowSeconds: 60 };
      const seen = [];
      for (let i = 0; i < 6; i++) seen.push((await hit(i % 2 ? other.db : h.db, limit, "k")).ok);
      expect(seen).toEqual([true, true, true, true, false, false]);
    } finally {
      await other.close();
    }
  });

  it("forgets windows a day old", async () => {
    await hit(h.db, { bucket: "t:old", limit: 1, windowSeconds: 60 }, "k");
    await h.db.execute(sql`UPDATE rate_limit_hits SET window_start = now() - interval '2 days' WHERE bucket = 't:old'`);
    await pruneLimits(h.db);
    expect(await queryRows(h.db, sql`SELECT 1 FROM rate_limit_hits WHERE bucket = 't:old'`)).toHaveLength(0);
  });
});
