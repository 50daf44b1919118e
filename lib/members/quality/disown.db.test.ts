import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import { recount } from "@/db/recount";
import { memberFlags, members } from "@/db/schema";
import { seed } from "@/lib/seed";
import { createTestDb, testEngines, viewerFor } from "@/lib/testing/db";
import { voidMember } from "@/lib/testing/quality";
import { changedTables, tablesFingerprint } from "@/lib/testing/writes-fingerprint";
import type { Viewer } from "@/lib/auth/viewer";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress } from "@/lib/net/client-address";
import { cardFile, loadCard, NOT_VALID } from "@/lib/members/card/card";
import { cardSignature, verifySignature } from "@/lib/members/card/url";
import { verifyMembership, verifyVisit } from "@/lib/members/card/verify";
import {
  DISOWN_ACTOR,
  disownMember,
  disownRequest,
  enrolledRequest,
  findEnrolment,
  openEnrolment,
  parseDisownForm,
  sealEnrolment,
} from "@/lib/members/quality/disown";
import { eraseMember } from "@/lib/members/service";

process.env.AUTH_SECRET ??= "test-secret-for-card-links";
const NOW = new Date("2026-11-28T06:00:00Z");

type M = { id: number; no: string; epic: string; boothId: number };

const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const from = (address: string, xff?: string) => new Headers({ [CLIENT_ADDRESS_HEADER]: address, ...(xff ? { "x-forwarded-for": xff } : {}) });
let addressSeq = 0;
/** A fresh client address per call, so one test's attempts never count against another's. */
const freshAddress = () => `198.18.${Math.floor(++addressSeq / 250)}.${(addressSeq % 250) + 1}`;

describe.each(testEngines())("disown and 'Was I enrolled?' on %s", (engine) => {
  let h: DbHandle;
  let raipur: Viewer;
  let pcc: Viewer;
  let pool: M[];
  const take = () => pool.shift()!;

  const underReview = async (boothId: number) =>
    (await queryRows<{ n: number }>(h.db, sql`SELECT coalesce((SELECT under_review FROM booth_review_counters WHERE booth_id = ${boothId}), 0)::int AS n`))[0]?.n ?? 0;
  const standing = async (id: number) => (await h.db.select({ s: members.standing }).from(members).where(eq(members.id, id)))[0]!.s;
  const flagOf = async (id: number) =>
    (await h.db.select().from(memberFlags).where(and(eq(memberFlags.memberId, id), eq(memberFlags.reason, "disowned"))))[0];
  /** Every table but the limiter's own counts (which a counted attempt must move, match or not). */
  const fingerprint = async () => {
    const { rate_limit_hits: _hits, ...rest } = await tablesFingerprint(h.db);
    return rest;
  };

  beforeAll(async () => {
    h = await createTestDb(engine);
    await seed(h.db, { members: 300, now: NOW, demoUsers: true });
    raipur = (await viewerFor(h.db, "raipur@demo.local"))!;
    pcc = (await viewerFor(h.db, "pcc@demo.local"))!;
    // Raipur-side members that are counted and carry no flag (the seed may plant doubtful ones).
    pool = await queryRows<M>(
      h.db,
      sql`SELECT m.id::int AS id, m.membership_no AS no, m.epic, m.booth_id AS "boothId" FROM members m
          JOIN districts d ON d.id = m.district_id
          WHERE d.slug = 'raipur' AND m.standing = 'counted' AND m.erased_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM member_flags f WHERE f.member_id = m.id)
          ORDER BY m.id LIMIT 20`,
    );
    expect(pool.length).toBe(20);
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it("the right suffix opens a disowned flag: the member goes under review, its booth's under-review count +1, recount agrees, audited as anonymous", async () => {
    const m = take();
    const before = await underReview(m.boothId);
    // Typed loosely: lower case, spaces.
    const input = parseDisownForm(form({ membershipNo: ` ${m.no.toLowerCase()} `, epicSuffix: m.epic.slice(-4).toLowerCase() }))!;
    expect(input).toEqual({ membershipNo: m.no, epicSuffix: m.epic.slice(-4) });
    expect(await disownMember(h.db, input, NOW)).toEqual({ flagged: true });

    expect(await standing(m.id)).toBe("review");
    expect(await underReview(m.boothId)).toBe(before + 1);
    const flag = await flagOf(m.id);
    expect(flag).toMatchObject({ status: "open", detail: { at: NOW.toISOString() }, decidedAt: null });
    expect(await recount(h.db)).toEqual([]);
    const events = await queryRows<{ actor_user_id: number | null; actor_label: string; entity_id: string; after: { membershipNo: string } }>(
      h.db,
      sql`SELECT actor_user_id, actor_label, entity_id, after FROM audit_events WHERE action = 'members.disown' AND entity_id = ${String(m.id)}`,
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_user_id: null, actor_label: DISOWN_ACTOR, after: { membershipNo: m.no } });
    // Nothing deleted or voided: the member keeps its data.
    const [row] = await h.db.select({ name: members.name, erasedAt: members.erasedAt, voidedAt: members.voidedAt }).from(members).where(eq(members.id, m.id));
    expect(row!.name).toBeTruthy();
    expect(row!.erasedAt).toBeNull();
    expect(row!.voidedAt).toBeNull();

    // Saying it again while the flag is open changes nothing (its first date stands, no second event).
    const fp = await tablesFingerprint(h.db);
    expect(await disownMember(h.db, input, new Date(NOW.getTime() + 60_000))).toEqual({ flagged: false });
    expect(changedTables(fp, await tablesFingerprint(h.db))).toEqual({});
  });

  it("reopens a flag a reviewer confirmed or a scan cleared, with a fresh date", async () => {
    for (const status of ["confirmed", "cleared"] as const) {
      const m = take();
      await disownMember(h.db, { membershipNo: m.no, epicSuffix: m.epic.slice(-4) }, NOW);
      await h.db
        .update(memberFlags)
        .set({ status, decidedAt: status === "confirmed" ? new Date() : null, decidedBy: status === "confirmed" ? pcc.id : null, decisionNote: "genuine" })
        .where(and(eq(memberFlags.memberId, m.id), eq(memberFlags.reason, "disowned")));
      expect(await standing(m.id)).toBe("counted");
      const later = new Date(NOW.getTime() + 3_600_000);
      expect(await disownMember(h.db, { membershipNo: m.no, epicSuffix: m.epic.slice(-4) }, later)).toEqual({ flagged: true });
      expect(await flagOf(m.id)).toMatchObject({ status: "open", detail: { at: later.toISOString() }, decidedAt: null, decidedBy: null, decisionNote: null });
      expect(await standing(m.id)).toBe("review");
      const [ev] = await queryRows<{ before: { status: string } }>(
        h.db,
        sql`SELECT before FROM audit_events WHERE action = 'members.disown' AND entity_id = ${String(m.id)} ORDER BY id DESC LIMIT 1`,
      );
      expect(ev!.before.status).toBe(status);
    }
    expect(await recount(h.db)).toEqual([]);
  });

  it("a wrong suffix, an unknown number, a void or an erased member: nothing written, and the answer is the match's", async () => {
    const right = take();
    const wrong = take();
    const voided = take();
    const erased = take();
    await voidMember(h.db, voided.id);
    await eraseMember(h.db, pcc, { membershipNo: erased.no, reason: "asked by the member" });
    const wrongSuffix = wrong.epic.slice(-4) === "0000" ? "0001" : "0000";
    const misses = [
      { membershipNo: wrong.no, epicSuffix: wrongSuffix },
      // Another member's suffix.
      { membershipNo: wrong.no, epicSuffix: right.epic.slice(-4) === wrong.epic.slice(-4) ? wrongSuffix : right.epic.slice(-4) },
      { membershipNo: "CG26-9999999", epicSuffix: "1234" },
      { membershipNo: voided.no, epicSuffix: voided.epic.slice(-4) },
      // What a void (or erased) member's EPIC column now holds.
      { membershipNo: voided.no, epicSuffix: `ERASED-${voided.id}`.slice(-4) },
      { membershipNo: erased.no, epicSuffix: `ERASED-${erased.id}`.slice(-4) },
      { membershipNo: erased.no, epicSuffix: erased.epic.slice(-4) },
    ];
    const before = await tablesFingerprint(h.db);
    for (const miss of misses) expect(await disownMember(h.db, miss, NOW), JSON.stringify(miss)).toEqual({ flagged: false });
    expect(changedTables(before, await tablesFingerprint(h.db))).toEqual({});

    // Through the route's function: a miss answers exactly as a match does; only the match writes (beyond the limiter).
    const missFp = await fingerprint();
    const missAnswer = await disownRequest(h.db, from(freshAddress()), form({ membershipNo: wrong.no, epicSuffix: wrongSuffix }), NOW);
    expect(changedTables(missFp, await fingerprint())).toEqual({});
    const matchAnswer = await disownRequest(h.db, from(freshAddress()), form({ membershipNo: right.no, epicSuffix: right.epic.slice(-4) }), NOW);
    expect(matchAnswer).toEqual(missAnswer);
    expect(matchAnswer).toEqual({ kind: "thanks" });
    expect(await standing(right.id)).toBe("review");
    expect(await standing(wrong.id)).toBe("counted");
    expect(await recount(h.db)).toEqual([]);
  });

  it("malformed fields are refused before anything is looked up or counted", async () => {
    const fp = await tablesFingerprint(h.db);
    const malformed: Record<string, string>[] = [{}, { membershipNo: "CG26-0000001" }, { membershipNo: "CG26-0000001", epicSuffix: "123" }, { membershipNo: "nonsense", epicSuffix: "1234" }];
    for (const f of malformed) {
      expect(await disownRequest(h.db, from(freshAddress()), form(f))).toEqual({ kind: "invalid" });
    }
    expect(await enrolledRequest(h.db, from(freshAddress()), form({ epic: "x" }))).toEqual({ kind: "invalid" });
    expect(changedTables(fp, await tablesFingerprint(h.db))).toEqual({});
  });

  it("rate limit: per real client address, both forms in one bucket; the 31st attempt is refused and flags nothing, another address is served, X-Forwarded-For is ignored", async () => {
    const m = take();
    const address = freshAddress();
    const miss = form({ membershipNo: "CG26-9999999", epicSuffix: "1234" });
    for (let i = 0; i < 29; i++) {
      // A rotating X-Forwarded-For: the client wrote it, the address the socket had is what counts.
      expect(await disownRequest(h.db, from(address, `203.0.113.${i + 1}`), miss)).toEqual({ kind: "thanks" });
    }
    // The 30th, through the other form: the same bucket.
    expect(await enrolledRequest(h.db, from(address, "203.0.113.200"), form({ epic: "ZZZ0000000" }))).toMatchObject({ kind: "result" });
    const refused = await disownRequest(h.db, from(address, "203.0.113.201"), form({ membershipNo: m.no, epicSuffix: m.epic.slice(-4) }));
    expect(refused).toMatchObject({ kind: "limited", retryAfter: expect.any(Number) });
    expect(await standing(m.id)).toBe("counted");
    expect(await flagOf(m.id)).toBeUndefined();
    expect(await enrolledRequest(h.db, from(address), form({ epic: m.epic }))).toMatchObject({ kind: "limited" });
    const [row] = await queryRows<{ hits: number }>(h.db, sql`SELECT hits FROM rate_limit_hits WHERE bucket = 'verify:disown' AND key = ${address}`);
    expect(row!.hits).toBe(32);
    // The verification page's own limit is another bucket: scanning cards still works from this address.
    expect(await verifyVisit(h.db, from(address), m.no)).toMatchObject({ found: true });

    // Another address is still served.
    expect(await disownRequest(h.db, from(freshAddress()), form({ membershipNo: m.no, epicSuffix: m.epic.slice(-4) }))).toEqual({ kind: "thanks" });
    expect(await standing(m.id)).toBe("review");

    // The address instrumentation resolves: without TRUSTED_PROXY_HOPS the socket's peer, whatever the client's
    // X-Forwarded-For says; with one trusted hop, the entry that proxy appended.
    expect(resolveClientAddress("203.0.113.9", address, { hops: 0, proxies: [] })).toBe(address);
    const behindProxy = resolveClientAddress(`203.0.113.9, ${address}`, "10.0.0.2", { hops: 1, proxies: ["10.0.0.2"] });
    expect(behindProxy).toBe(address);
    expect(await disownRequest(h.db, from(behindProxy), miss)).toMatchObject({ kind: "limited" });
  });

  it("honours DISOWN_LIMIT", async () => {
    vi.stubEnv("DISOWN_LIMIT", "2");
    try {
      const address = freshAddress();
      const miss = form({ membershipNo: "CG26-9999999", epicSuffix: "1234" });
      expect(await disownRequest(h.db, from(address), miss)).toEqual({ kind: "thanks" });
      expect(await disownRequest(h.db, from(address), miss)).toEqual({ kind: "thanks" });
      expect(await disownRequest(h.db, from(address), miss)).toMatchObject({ kind: "limited" });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("'Was I enrolled?' tells the enrolment day and seat (no name) for a live membership, 'no membership' for unknown, void and erased", async () => {
    const m = take();
    const found = await findEnrolment(h.db, ` ${m.epic.toLowerCase()} `);
    expect(found).toMatchObject({ found: true, membershipNo: m.no, enrolledOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), acNo: expect.any(Number), epicSuffix: m.epic.slice(-4) });
    const [full] = await h.db.select({ name: members.name, phone: members.phone }).from(members).where(eq(members.id, m.id));
    expect(JSON.stringify(found)).not.toContain(full!.name!);
    expect(JSON.stringify(found)).not.toContain(full!.phone!);
    expect(Object.keys(found).sort()).toEqual(["acName", "acNameHi", "acNo", "enrolledOn", "epicSuffix", "found", "membershipNo"]);

    expect(await findEnrolment(h.db, "ZZZ9999999")).toEqual({ found: false });
    const v = take();
    const e = take();
    await voidMember(h.db, v.id);
    await eraseMember(h.db, pcc, { membershipNo: e.no, reason: "asked by the member" });
    expect(await findEnrolment(h.db, v.epic)).toEqual({ found: false });
    expect(await findEnrolment(h.db, e.epic)).toEqual({ found: false });
    // An erased member's EPIC placeholder is not a way in either.
    expect(await findEnrolment(h.db, `ERASED-${e.id}`)).toEqual({ found: false });

    expect(await enrolledRequest(h.db, from(freshAddress()), form({ epic: m.epic }))).toEqual({ kind: "result", result: found });
  });

  it("the sealed answer opens only unaltered and unexpired, and never holds the EPIC", async () => {
    const m = take();
    const found = await findEnrolment(h.db, m.epic);
    const sealed = sealEnrolment(found, NOW);
    expect(sealed).not.toContain(m.epic);
    expect(Buffer.from(sealed.split(".")[0]!, "base64url").toString()).not.toContain(m.epic);
    expect(openEnrolment(sealed, NOW)).toEqual(found);
    expect(openEnrolment(sealed, new Date(NOW.getTime() + 11 * 60_000))).toBeNull();
    const [payload, mac] = sealed.split(".");
    const forged = Buffer.from(JSON.stringify({ r: { found: false }, exp: NOW.getTime() + 60_000 })).toString("base64url");
    expect(openEnrolment(`${forged}.${mac}`, NOW)).toBeNull();
    expect(openEnrolment(`${payload}.${mac!.slice(0, -1)}A`, NOW)).toBeNull();
    expect(openEnrolment(undefined, NOW)).toBeNull();
    expect(openEnrolment("garbage", NOW)).toBeNull();
  });

  it("void means 'not valid': verification (bare and signed) and the card; an erased-on-request member stays 'not found'", async () => {
    const m = take();
    await voidMember(h.db, m.id);
    const notValid = { found: true, notValid: true, membershipNo: m.no, detail: null };
    expect(await verifyMembership(h.db, m.no)).toEqual(notValid);
    expect(await verifyMembership(h.db, m.no, verifySignature(m.no))).toEqual(notValid);
    expect(await verifyVisit(h.db, from(freshAddress()), m.no.toLowerCase())).toEqual(notValid);
    // The card: "not valid" to those who could have seen it, "not found" to anyone else.
    expect(await loadCard(h.db, m.no, { sig: cardSignature(m.no) })).toBe(NOT_VALID);
    expect(await loadCard(h.db, m.no, { viewer: raipur })).toBe(NOT_VALID);
    expect(await loadCard(h.db, m.no, {})).toBeNull();
    const req = (path: string) => new Request(`http://localhost${path}`);
    expect(await cardFile(h.db, { membershipNo: m.no, request: req(`/members/${m.no}/card?sig=${cardSignature(m.no)}`), viewer: null, format: "png" })).toBe(NOT_VALID);

    const e = take();
    await eraseMember(h.db, pcc, { membershipNo: e.no, reason: "asked by the member" });
    expect(await verifyMembership(h.db, e.no)).toEqual({ found: false });
    expect(await verifyMembership(h.db, e.no, verifySignature(e.no))).toEqual({ found: false });
    expect(await loadCard(h.db, e.no, { sig: cardSignature(e.no) })).toBeNull();
    expect(await recount(h.db)).toEqual([]);
  });
});
