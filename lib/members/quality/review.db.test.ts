import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Db, type DbHandle } from "@/db/client";
import { recount } from "@/db/recount";
import type { Viewer } from "@/lib/auth/viewer";
import { enrollerOptions, listFlags, listQueue, reasonCounts } from "@/lib/members/quality/queries";
import { parseQueueParams, type QueueFilters } from "@/lib/members/quality/search-params";
import { decide, restore } from "@/lib/members/quality/service";
import { seed } from "@/lib/seed";
import { createTestDb, testEngines, viewerFor } from "@/lib/testing/db";
import { openFlag } from "@/lib/testing/quality";

/**
 * The review's decisions (lib/members/quality/service.ts) and the queue's reads (queries.ts): confirm closes the
 * flags and the member counts again; void leaves every count in the same transaction and erases the personal data
 * as erasure does; restore brings the count back; recount agrees after each. Scope: the Raipur president neither
 * sees nor decides another district's flag; the IT head sees and decides nothing.
 */
const NOW = new Date("2026-11-28T05:30:00Z");

type Row = Record<string, unknown>;
interface Picked {
  id: number;
  no: string;
  boothId: number;
  acId: number;
  day: string;
  workerId: number | null;
  tokenId: number | null;
  districtId: number;
}

const filters = (over: Partial<QueueFilters> = {}): QueueFilters => ({ ...parseQueueParams({}), ...over });

describe.each(testEngines())("quality review on %s", (engine) => {
  let h: DbHandle;
  let db: Db;
  let pcc: Viewer;
  let raipur: Viewer;
  let itcell: Viewer;
  /** Unflagged, counted members of Raipur (several) and one of another district. */
  let inRaipur: Picked[];
  let elsewhere: Picked;

  const pick = async (raipurSide: boolean, n: number): Promise<Picked[]> =>
    (await queryRows<Row>(
      db,
      sql`SELECT m.id::int AS id, m.membership_no AS no, m.booth_id AS "boothId", m.ac_id AS "acId", m.enrolled_on::text AS day,
                 m.enrolled_by_worker_id AS "workerId", m.api_token_id AS "tokenId", m.district_id AS "districtId"
          FROM members m JOIN districts d ON d.id = m.district_id
          WHERE ${raipurSide ? sql`d.slug = 'raipur'` : sql`d.slug <> 'raipur'`} AND m.standing = 'counted' AND m.erased_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM member_flags f WHERE f.member_id = m.id)
          ORDER BY m.id LIMIT ${n}`,
    )) as unknown as Picked[];

  /** Every counter a void moves for this member. */
  const counters = async (m: Picked) => {
    const one = async (q: ReturnType<typeof sql>) => (await queryRows<Row>(db, q))[0] ?? {};
    return {
      booth: await one(sql`SELECT c.members, coalesce(r.under_review, 0) AS "underReview", c.voided FROM booth_counters c
                            LEFT JOIN booth_review_counters r ON r.booth_id = c.booth_id WHERE c.booth_id = ${m.boothId}`),
      boothDay: await one(sql`SELECT members FROM booth_day_counters WHERE booth_id = ${m.boothId} AND day = ${m.day}`),
      acDay: await one(sql`SELECT members FROM ac_day_counters WHERE ac_id = ${m.acId} AND day = ${m.day}`),
      enroller: await one(
        sql`SELECT members, voided FROM enroller_counters
            WHERE worker_id = ${m.workerId} AND token_id IS NOT DISTINCT FROM ${m.tokenId} AND district_id = ${m.districtId}`,
      ),
    };
  };
  const member = async (id: number) =>
    (await queryRows<Row>(db, sql`SELECT name, relative_name, epic, phone, address, religion, caste, photo, erased_at, standing, voided_at FROM members WHERE id = ${id}`))[0]!;
  const flagsOf = async (id: number) =>
    queryRows<Row>(db, sql`SELECT reason, status, decided_by AS "decidedBy", decision_note AS note, decided_at AS "decidedAt" FROM member_flags WHERE member_id = ${id} ORDER BY reason`);
  const audits = async (action: string, id: number) =>
    queryRows<Row>(db, sql`SELECT actor_user_id AS actor, before, after FROM audit_events WHERE action = ${action} AND entity_type = 'member' AND entity_id = ${String(id)}`);
  const auditTotal = async () => (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_events`))[0]!.n;

  beforeAll(async () => {
    h = await createTestDb(engine);
    db = h.db;
    await seed(db, { seed: 11, members: 900, now: NOW, demoUsers: true });
    [pcc, raipur, itcell] = await Promise.all(["pcc", "raipur", "itcell"].map((u) => viewerFor(db, `${u}@demo.local`))) as [Viewer, Viewer, Viewer];
    // The seed records no enroller: the demo token's worker brought these in through the app.
    const [token] = await queryRows<{ id: number; workerId: number }>(db, sql`SELECT id, worker_id AS "workerId" FROM api_tokens ORDER BY id LIMIT 1`);
    const ids = (await pick(true, 6)).map((m) => m.id);
    await db.execute(sql`UPDATE members SET enrolled_by_worker_id = ${token!.workerId}, api_token_id = ${token!.id} WHERE id IN (${sql.join(ids, sql`, `)})`);
    inRaipur = await pick(true, 6);
    expect(inRaipur.every((m) => m.tokenId === token!.id)).toBe(true);
    expect(await recount(db)).toEqual([]);
    [elsewhere] = (await pick(false, 1)) as [Picked];
    expect(inRaipur).toHaveLength(6);
    expect(elsewhere).toBeDefined();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("confirm closes only the flags the reviewer's page showed: one that arrived since stays open", async () => {
    const m = inRaipur[5]!;
    await openFlag(db, m.id, "near_duplicate");
    const [{ at }] = (await queryRows<{ at: string }>(db, sql`SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at`)) as [{ at: string }];
    await new Promise((r) => setTimeout(r, 20));
    await openFlag(db, m.id, "epic_pattern");
    const r = await decide(db, raipur, { memberIds: [m.id], decision: "confirm", note: "Checked the name", asOf: at });
    expect(r.decided).toBe(1);
    expect((await flagsOf(m.id)).map((f) => [f.reason, f.status])).toEqual([["epic_pattern", "open"], ["near_duplicate", "confirmed"]]);
    expect((await member(m.id)).standing).toBe("review");
    expect(await recount(db)).toEqual([]);
  });

  it("confirm closes the member's open flags with the note, and the member counts again (not under review)", async () => {
    const m = inRaipur[0]!;
    const before = await counters(m);
    await openFlag(db, m.id, "shared_phone");
    await openFlag(db, m.id, "burst");
    expect((await member(m.id)).standing).toBe("review");
    expect((await counters(m)).booth.underReview).toBe(Number(before.booth.underReview) + 1);

    const r = await decide(db, raipur, { memberIds: [m.id], decision: "confirm", note: "Household, checked by phone" });
    expect(r).toMatchObject({ asked: 1, decided: 1, membershipNos: [m.no] });
    const flags = await flagsOf(m.id);
    expect(flags.map((f) => f.status)).toEqual(["confirmed", "confirmed"]);
    expect(flags.every((f) => f.decidedBy === raipur.id && f.note === "Household, checked by phone" && f.decidedAt)).toBe(true);
    expect((await member(m.id)).standing).toBe("counted");
    expect(await counters(m)).toEqual(before);
    expect(await recount(db)).toEqual([]);
    const [event] = await audits("quality.confirm", m.id);
    expect(event).toMatchObject({ actor: raipur.id, after: { standing: "counted", reasons: ["burst", "shared_phone"], note: "Household, checked by phone" } });

    // Nothing left to confirm: a second decision decides nothing.
    expect((await decide(db, raipur, { memberIds: [m.id], decision: "confirm", note: null })).decided).toBe(0);
  });

  it("void moves every counter by one in the same transaction, erases the personal data and the fingerprint; restore moves them back; recount agrees", async () => {
    const m = inRaipur[1]!;
    await openFlag(db, m.id, "near_duplicate");
    await db.execute(sql`INSERT INTO member_fingerprints (member_id, state_id, ac_id, name_key, age) SELECT id, state_id, ac_id, 'sunita|dhruv', age FROM members WHERE id = ${m.id}`);
    const flagged = await counters(m);
    const personal = await member(m.id);
    expect(personal.name).toBeTruthy();

    await expect(decide(db, pcc, { memberIds: [m.id], decision: "void", note: " " })).rejects.toThrow(/note/);
    const r = await decide(db, pcc, { membershipNos: [m.no], decision: "void", note: "Planted: nobody of this name at the address" });
    expect(r.decided).toBe(1);

    const after = await counters(m);
    const n = (x: unknown) => Number(x ?? 0);
    expect(n(after.booth.members)).toBe(n(flagged.booth.members) - 1);
    expect(n(after.booth.voided)).toBe(n(flagged.booth.voided) + 1);
    expect(n(after.booth.underReview)).toBe(n(flagged.booth.underReview) - 1);
    expect(n(after.boothDay.members)).toBe(n(flagged.boothDay.members) - 1);
    expect(n(after.acDay.members)).toBe(n(flagged.acDay.members) - 1);
    expect(n(after.enroller.members)).toBe(n(flagged.enroller.members) - 1);
    expect(n(after.enroller.voided)).toBe(n(flagged.enroller.voided) + 1);
    expect(await recount(db)).toEqual([]);

    const gone = await member(m.id);
    expect(gone).toMatchObject({ name: null, relative_name: null, phone: null, address: null, religion: null, caste: null, photo: null, standing: "void" });
    expect(gone.epic).toBe(`ERASED-${m.id}`);
    expect(gone.erased_at).toBeTruthy();
    expect(gone.voided_at).toBeTruthy();
    expect(await queryRows(db, sql`SELECT 1 FROM member_fingerprints WHERE member_id = ${m.id}`)).toEqual([]);
    expect((await flagsOf(m.id)).map((f) => [f.status, f.decidedBy])).toEqual([["voided", pcc.id]]);
    const [event] = await audits("quality.void", m.id);
    expect(event).toMatchObject({ actor: pcc.id, after: { standing: "void", erased: true, reasons: ["near_duplicate"] } });
    const text = JSON.stringify(event);
    for (const v of [personal.name, personal.epic, personal.phone, personal.address]) if (v) expect(text).not.toContain(String(v));

    // The voided view lists it (name gone); the open view no longer does.
    const voided = await listQueue(db, pcc, filters({ status: "voided" }), { page: 1, sort: "new" });
    expect(voided.rows.find((x) => x.id === m.id)).toMatchObject({ nameMasked: null, standing: "void" });
    expect((await listQueue(db, pcc, filters(), { page: 1, sort: "new" })).rows.some((x) => x.id === m.id)).toBe(false);

    // Only leadership restores, with a note.
    expect((await restore(db, raipur, { memberIds: [m.id], note: "It was a real member", now: NOW })).decided).toBe(0);
    await expect(restore(db, pcc, { memberIds: [m.id], note: "" })).rejects.toThrow(/note/);
    // Not once the campaign has ended: its count stands.
    expect((await restore(db, pcc, { memberIds: [m.id], note: "Field check: a real member", now: new Date("2030-01-01T06:00:00Z") })).decided).toBe(0);
    expect((await restore(db, pcc, { memberIds: [m.id], note: "Field check: a real member", now: NOW })).decided).toBe(1);
    const back = await counters(m);
    expect(n(back.booth.members)).toBe(n(flagged.booth.members));
    expect(n(back.booth.voided)).toBe(n(flagged.booth.voided));
    expect(n(back.booth.underReview)).toBe(n(flagged.booth.underReview) - 1);
    expect(n(back.boothDay.members)).toBe(n(flagged.boothDay.members));
    expect(n(back.acDay.members)).toBe(n(flagged.acDay.members));
    expect(n(back.enroller.members)).toBe(n(flagged.enroller.members));
    expect(n(back.enroller.voided)).toBe(n(flagged.enroller.voided));
    expect(await member(m.id)).toMatchObject({ standing: "counted", voided_at: null, name: null });
    expect((await flagsOf(m.id)).map((f) => [f.status, f.note])).toEqual([["confirmed", "Field check: a real member"]]);
    expect(await audits("quality.restore", m.id)).toHaveLength(1);
    expect(await recount(db)).toEqual([]);
  });

  it("lists one row per member with all its flags, counts flags per reason, and filters by reason, enroller and booth", async () => {
    const [a, b] = [inRaipur[2]!, inRaipur[3]!];
    await openFlag(db, a.id, "shared_phone");
    await openFlag(db, a.id, "epic_pattern");
    await openFlag(db, b.id, "shared_phone");
    await db.execute(sql`UPDATE member_flags SET created_at = created_at - interval '1 hour' WHERE member_id = ${b.id}`);

    const q = await listQueue(db, raipur, filters(), { page: 1, sort: "new" });
    const rowA = q.rows.find((r) => r.id === a.id)!;
    expect(rowA.flags.map((f) => f.reason).sort()).toEqual(["epic_pattern", "shared_phone"]);
    expect(rowA.nameMasked).toMatch(/•••/);
    expect(rowA.enroller?.name).toBeTruthy();
    expect(q.rows.findIndex((r) => r.id === a.id)).toBeLessThan(q.rows.findIndex((r) => r.id === b.id));
    const old = await listQueue(db, raipur, filters(), { page: 1, sort: "old" });
    expect(old.rows.findIndex((r) => r.id === b.id)).toBeLessThan(old.rows.findIndex((r) => r.id === a.id));

    const counts = await reasonCounts(db, raipur, filters());
    expect(counts.shared_phone).toBeGreaterThanOrEqual(2);
    expect(counts.epic_pattern).toBeGreaterThanOrEqual(1);
    const phoneOnly = await listQueue(db, raipur, filters({ reason: "epic_pattern" }), { page: 1, sort: "new" });
    expect(phoneOnly.rows.map((r) => r.id)).toContain(a.id);
    expect(phoneOnly.rows.map((r) => r.id)).not.toContain(b.id);

    // The Lok Sabha seat and the block of a's booth (what their progress pages link with) hold a; others do not.
    const [where] = await queryRows<{ pc: number; block: number | null; other_pc: number }>(
      db,
      sql`SELECT p.no AS pc, b.block_id AS block, (SELECT no FROM lok_sabha_seats WHERE state_id = p.state_id AND no <> p.no ORDER BY no LIMIT 1) AS other_pc
          FROM members m JOIN booths b ON b.id = m.booth_id JOIN lok_sabha_seats p ON p.id = b.pc_id WHERE m.id = ${a.id}`,
    );
    const ids = async (f: Partial<QueueFilters>) => (await listQueue(db, pcc, filters(f), { page: 1, sort: "new" })).rows.map((r) => r.id);
    expect(await ids({ pc: where!.pc })).toContain(a.id);
    expect(await ids({ pc: where!.other_pc })).not.toContain(a.id);
    if (where!.block !== null) {
      expect(await ids({ block: where!.block })).toContain(a.id);
      expect(await ids({ block: where!.block + 100_000 })).toEqual([]);
    }

    const options = await enrollerOptions(db, raipur, "open");
    const key = a.tokenId ? `t${a.tokenId}` : `w${a.workerId}`;
    expect(options.map((o) => o.key)).toContain(key);
    const byEnroller = await listQueue(db, raipur, filters({ enroller: key }), { page: 1, sort: "new" });
    expect(byEnroller.rows.map((r) => r.id)).toContain(a.id);
    const code = (await queryRows<{ code: string }>(db, sql`SELECT code FROM booths WHERE id = ${a.boothId}`))[0]!.code;
    const byBooth = await listQueue(db, raipur, filters({ booth: code }), { page: 1, sort: "new" });
    expect(byBooth.rows.map((r) => r.id)).toEqual([a.id, ...(b.boothId === a.boothId ? [b.id] : [])]);

    const json = await listFlags(db, raipur, { reason: "shared_phone", status: "open" });
    expect(json.flags.map((f) => f.membershipNo)).toEqual(expect.arrayContaining([a.no, b.no]));
    expect(json.flags.every((f) => f.reason === "shared_phone" && f.status === "open")).toBe(true);
    expect((await listFlags(db, raipur, { status: "open" }, 1)).capped).toBe(true);
  });

  it("a Raipur president neither sees nor decides another district's flag; nothing is written", async () => {
    await openFlag(db, elsewhere.id, "photo_reuse");
    const seen = await listQueue(db, pcc, filters({ reason: "photo_reuse" }), { page: 1, sort: "new" });
    expect(seen.rows.map((r) => r.id)).toContain(elsewhere.id);

    const own = await listQueue(db, raipur, filters(), { page: 1, sort: "new", pageSize: 500 });
    expect(own.rows.length).toBeGreaterThan(0);
    expect(own.rows.map((r) => r.id)).not.toContain(elsewhere.id);
    expect(new Set(own.rows.map((r) => r.districtName))).toEqual(new Set(["Raipur"]));
    expect((await reasonCounts(db, raipur, filters())).photo_reuse).toBe(0);
    expect((await listFlags(db, raipur, { reason: "photo_reuse", status: "open" })).flags).toEqual([]);
    // A URL naming another district narrows to nothing, never widens.
    const other = (await queryRows<{ slug: string }>(db, sql`SELECT slug FROM districts WHERE id = ${elsewhere.districtId}`))[0]!.slug;
    expect((await listQueue(db, raipur, filters({ district: other }), { page: 1, sort: "new" })).rows).toEqual([]);

    const audit = await auditTotal();
    const before = { m: await member(elsewhere.id), f: await flagsOf(elsewhere.id) };
    for (const decision of ["confirm", "void"] as const) {
      const r = await decide(db, raipur, { memberIds: [elsewhere.id], decision, note: "Not mine to decide" });
      expect(r).toEqual({ asked: 1, decided: 0, membershipNos: [] });
    }
    // Mixed with one of its own: only its own is decided.
    const mine = inRaipur[4]!;
    await openFlag(db, mine.id, "photo_reuse");
    const mixed = await decide(db, raipur, { membershipNos: [elsewhere.no, mine.no], decision: "confirm", note: null });
    expect(mixed).toEqual({ asked: 2, decided: 1, membershipNos: [mine.no] });
    expect(await auditTotal()).toBe(audit + 1);
    expect({ m: await member(elsewhere.id), f: await flagsOf(elsewhere.id) }).toEqual(before);
  });

  it("an IT head sees no queue and decides nothing", async () => {
    const m = inRaipur[5]!;
    await openFlag(db, m.id, "disowned");
    const audit = await auditTotal();
    expect((await listQueue(db, itcell, filters(), { page: 1, sort: "new" })).rows).toEqual([]);
    expect((await listFlags(db, itcell, { status: "open" })).flags).toEqual([]);
    expect(Object.values(await reasonCounts(db, itcell, filters())).every((n) => n === 0)).toBe(true);
    expect((await decide(db, itcell, { memberIds: [m.id], decision: "void", note: "Not allowed" })).decided).toBe(0);
    expect((await restore(db, itcell, { memberIds: [m.id], note: "Not allowed" })).decided).toBe(0);
    expect((await member(m.id)).standing).toBe("review");
    expect(await auditTotal()).toBe(audit);
    expect(await recount(db)).toEqual([]);
  });
});
