import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import { seed } from "@/lib/seed";
import { createTestDb, testEngines, viewerFor } from "@/lib/testing/db";
import type { Viewer } from "@/lib/auth/viewer";
import { hashToken } from "@/lib/auth/token-hash";
import { authenticateToken, issueToken, listTokens, revokeToken, searchPosts, tokenCoversBooth } from "@/lib/members/api/tokens";

const NOW = new Date("2026-11-28T06:00:00Z");

describe.each(testEngines())("enroller tokens on %s", (engine) => {
  let h: DbHandle;
  let pcc: Viewer;
  let raipur: Viewer;
  let bilaspur: Viewer;
  let itcell: Viewer;
  let raipurPost: { id: number; code: string };
  let bilaspurPost: { id: number; code: string };
  const enrollerIn = async (slug: string, offset = 0) => {
    const [p] = await queryRows<{ id: number; code: string }>(
      h.db,
      sql`SELECT a.id, b.code FROM appointments a JOIN booths b ON b.id = a.booth_id JOIN districts d ON d.id = b.district_id
          WHERE a.role = 'enroller' AND a.ended_at IS NULL AND d.slug = ${slug} ORDER BY a.id OFFSET ${offset} LIMIT 1`,
    );
    return p!;
  };
  const audits = (action: string, id: number) =>
    queryRows(h.db, sql`SELECT actor_user_id FROM audit_events WHERE action = ${action} AND entity_id = ${String(id)}`);

  beforeAll(async () => {
    h = await createTestDb(engine);
    await seed(h.db, { members: 100, now: NOW, demoUsers: true });
    await h.db.execute(sql`INSERT INTO users (email, name, password_hash, role, state_id, scope_level, district_id)
      SELECT 'bilaspur@test.local', 'Bilaspur president', 'x', 'district_president', 1, 'district', id FROM districts WHERE slug = 'bilaspur'`);
    [pcc, raipur, bilaspur, itcell] = await Promise.all(
      ["pcc@demo.local", "raipur@demo.local", "bilaspur@test.local", "itcell@demo.local"].map((email) => viewerFor(h.db, email)),
    ) as [Viewer, Viewer, Viewer, Viewer];
    raipurPost = await enrollerIn("raipur");
    bilaspurPost = await enrollerIn("bilaspur");
  });
  afterAll(async () => {
    await h?.close();
  });

  it("finds posts in the viewer's scope only", async () => {
    const chiefs = await searchPosts(h.db, raipur, "");
    expect(chiefs.length).toBeGreaterThan(0);
    expect(chiefs.every((p) => p.role === "chief_enroller" && p.districtName === "Raipur")).toBe(true);
    expect((await searchPosts(h.db, raipur, raipurPost.code)).map((p) => p.appointmentId)).toContain(raipurPost.id);
    expect(await searchPosts(h.db, raipur, bilaspurPost.code)).toEqual([]);
    expect((await searchPosts(h.db, pcc, bilaspurPost.code)).map((p) => p.appointmentId)).toContain(bilaspurPost.id);
    expect(await searchPosts(h.db, itcell, "")).toEqual([]);
  });

  it("issues a token shown once, stored hashed, scoped to the post's booth, with an audit event", async () => {
    const r = await issueToken(h.db, raipur, { appointmentId: raipurPost.id, label: "Phone 1" });
    if (!r.ok) throw new Error(r.code);
    expect(r.token).toMatch(/^sdt_[A-Za-z0-9_-]{43}$/);
    const [row] = await queryRows<{ token_hash: string; token_prefix: string }>(h.db, sql`SELECT token_hash, token_prefix FROM api_tokens WHERE id = ${r.id}`);
    expect(row).toEqual({ token_hash: hashToken(r.token), token_prefix: r.token.slice(0, 8) });
    const p = await authenticateToken(h.db, r.token);
    expect(p).toMatchObject({ tokenId: r.id, role: "enroller", unit: { level: "booth" } });
    const booth = { id: p!.unit.id, stateId: 1, pcId: 0, acId: 0, districtId: 0, blockId: null, code: raipurPost.code };
    expect(tokenCoversBooth(p!, booth)).toBe(true);
    expect(tokenCoversBooth(p!, { ...booth, id: booth.id + 1 })).toBe(false);
    expect(await audits("tokens.issue", r.id)).toEqual([{ actor_user_id: raipur.id }]);
  });

  it("refuses another district's president and roles without the permission", async () => {
    expect(await issueToken(h.db, raipur, { appointmentId: bilaspurPost.id })).toEqual({ ok: false, code: "not_found" });
    expect(await issueToken(h.db, itcell, { appointmentId: raipurPost.id })).toEqual({ ok: false, code: "forbidden" });
    const r = await issueToken(h.db, raipur, { appointmentId: raipurPost.id });
    if (!r.ok) throw new Error(r.code);
    expect(await revokeToken(h.db, bilaspur, r.id)).toEqual({ ok: false, code: "not_found" });
    expect((await listTokens(h.db, bilaspur, { filter: "all" })).rows.map((t) => t.id)).not.toContain(r.id);
    expect((await listTokens(h.db, raipur, { filter: "all" })).rows.map((t) => t.id)).toContain(r.id);
    expect((await listTokens(h.db, pcc, { filter: "all" })).rows.map((t) => t.id)).toContain(r.id);
    expect(await authenticateToken(h.db, r.token)).not.toBeNull();
  });

  it("a revoked token stops at once; revoking twice is refused; both writes are audited", async () => {
    const r = await issueToken(h.db, pcc, { appointmentId: bilaspurPost.id });
    if (!r.ok) throw new Error(r.code);
    expect(await revokeToken(h.db, bilaspur, r.id)).toEqual({ ok: true, prefix: r.prefix });
    expect(await authenticateToken(h.db, r.token)).toBeNull();
    expect(await revokeToken(h.db, bilaspur, r.id)).toEqual({ ok: false, code: "already_revoked" });
    expect(await audits("tokens.revoke", r.id)).toEqual([{ actor_user_id: bilaspur.id }]);
    const list = await listTokens(h.db, bilaspur, { filter: "revoked" });
    expect(list.rows.find((t) => t.id === r.id)).toMatchObject({ status: "revoked" });
    expect((await listTokens(h.db, bilaspur, { filter: "active" })).rows.map((t) => t.id)).not.toContain(r.id);
  });

  it("an ended post stops its tokens at once, and gets no new ones", async () => {
    const post = await enrollerIn("raipur", 1);
    const r = await issueToken(h.db, raipur, { appointmentId: post.id });
    if (!r.ok) throw new Error(r.code);
    await h.db.execute(sql`UPDATE appointments SET ended_at = now(), ended_reason = 'moved' WHERE id = ${post.id}`);
    expect(await authenticateToken(h.db, r.token)).toBeNull();
    expect(await issueToken(h.db, raipur, { appointmentId: post.id })).toEqual({ ok: false, code: "ended" });
    expect((await listTokens(h.db, raipur, { filter: "revoked" })).rows.find((t) => t.id === r.id)).toMatchObject({ status: "post_ended" });
  });

  it("authenticates the seeded demo token as Raipur's chief enroller", async () => {
    const p = await authenticateToken(h.db, "demo-token-raipur");
    const [raipurId] = await queryRows<{ id: number }>(h.db, sql`SELECT id FROM districts WHERE slug = 'raipur'`);
    expect(p).toMatchObject({ role: "chief_enroller", unit: { level: "district", id: raipurId!.id } });
  });
});
