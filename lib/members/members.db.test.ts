import { and, eq, ne, sql } from "drizzle-orm";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import { recount } from "@/db/recount";
import { auditEvents, districts, members } from "@/db/schema";
import { seed } from "@/lib/seed";
import { createTestDb, testEngines, viewerFor } from "@/lib/testing/db";
import { firstBoothCode } from "@/lib/testing/factories";
import type { Viewer } from "@/lib/auth/viewer";
import { enterBookMember, suggestBooths } from "@/lib/members/enrol/book";
import { CLIENT_ADDRESS_HEADER } from "@/lib/net/client-address";
import { cardFile, loadCard, type CardFile } from "@/lib/members/card/card";
import { cardSignature, verifySignature } from "@/lib/members/card/url";
import { eraseMember } from "@/lib/members/service";
import { drainQualityQueue } from "@/lib/members/quality/job";
import { revealMember } from "@/lib/members/reveal";
import { findMember, scopeMemberTotal, searchMembers } from "@/lib/members/search";
import type { BookMemberInput } from "@/lib/members/enrol/validation";
import { maskName } from "@/lib/validation/mask";
import { verifyMembership, verifyVisit } from "@/lib/members/card/verify";

process.env.AUTH_SECRET ??= "test-secret-for-card-links";
const NOW = new Date("2026-11-28T06:00:00Z");

let epicSeq = 0;
const bookInput = (boothCode: string, over: Partial<BookMemberInput> = {}): BookMemberInput => ({
  epic: `BKT${String(2_000_000 + ++epicSeq).padStart(7, "0")}`,
  name: "श्रीमती क्षमा त्रिपाठी",
  relativeName: "रामेश्वर त्रिपाठी",
  gender: "F",
  age: 41,
  phone: "9876501234",
  address: "वार्ड 7, रायपुर",
  religion: "Hindu",
  caste: "Brahmin",
  casteCategory: "GEN",
  boothCode,
  consentVersion: "v1",
  consentLang: "hi",
  consent: "on",
  bookNo: "B049-12",
  pageNo: 3,
  ...over,
});

describe.each(testEngines())("members search, reveal, erasure, card and verification on %s", (engine) => {
  let h: DbHandle;
  let pcc: Viewer;
  let raipur: Viewer;
  let itcell: Viewer;
  let raipurBooth: string;
  let otherBooth: string;
  /** A member in Raipur and one elsewhere, from the seed. */
  let inRaipur: { no: string; name: string; epic: string; phone: string };
  let elsewhere: { no: string; name: string; epic: string; phone: string };

  const memberIn = async (raipurSide: boolean) => {
    const [m] = await h.db
      .select({ no: members.membershipNo, name: members.name, epic: members.epic, phone: members.phone })
      .from(members)
      .innerJoin(districts, eq(districts.id, members.districtId))
      .where(raipurSide ? eq(districts.slug, "raipur") : ne(districts.slug, "raipur"))
      .orderBy(members.id)
      .limit(1);
    return { no: m!.no, name: m!.name!, epic: m!.epic, phone: m!.phone! };
  };
  const auditCount = async (action: string) =>
    (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE action = ${action}`))[0]!.n;

  beforeAll(async () => {
    h = await createTestDb(engine);
    await seed(h.db, { members: 1_500, now: NOW, demoUsers: true });
    pcc = await viewerFor(h.db, "pcc@demo.local");
    raipur = await viewerFor(h.db, "raipur@demo.local");
    itcell = await viewerFor(h.db, "itcell@demo.local");
    const boothOf = (raipurSide: boolean) => firstBoothCode(h.db, raipurSide ? "raipur" : "elsewhere");
    raipurBooth = await boothOf(true);
    otherBooth = await boothOf(false);
    inRaipur = await memberIn(true);
    elsewhere = await memberIn(false);
  });
  afterAll(async () => {
    await h?.close();
  });

  describe("search", () => {
    it("finds by membership number, sequence, name, phone and EPIC, masked, within the scope", async () => {
      for (const q of [inRaipur.no, String(Number(inRaipur.no.slice(5))), inRaipur.epic.toLowerCase(), inRaipur.phone, inRaipur.name]) {
        const r = await searchMembers(h.db, raipur, { q, pageSize: 100 });
        const hit = r.rows.find((x) => x.membershipNo === inRaipur.no);
        expect(hit, `query ${q}`).toBeDefined();
        expect(hit!.epicMasked).toMatch(/^[A-Z]{3}•••[0-9]{4}$/);
        expect(hit!.phoneMasked).toMatch(/^[6-9][0-9]•••••[0-9]{3}$/);
        expect(JSON.stringify(hit)).not.toContain(inRaipur.epic);
        expect(JSON.stringify(hit)).not.toContain(inRaipur.phone);
        expect(hit).not.toHaveProperty("religion");
        expect(hit).not.toHaveProperty("caste");
      }
    });

    it("lists only the viewer's district, and refuses another district's member", async () => {
      const all = await searchMembers(h.db, raipur, { pageSize: 500 });
      expect(all.rows.length).toBeGreaterThan(0);
      expect(new Set(all.rows.map((r) => r.districtName))).toEqual(new Set(["Raipur"]));
      expect((await searchMembers(h.db, raipur, { q: elsewhere.no })).rows).toEqual([]);
      expect((await searchMembers(h.db, raipur, { q: elsewhere.epic })).rows).toEqual([]);
      expect(await findMember(h.db, raipur, elsewhere.no)).toBeNull();
      expect((await searchMembers(h.db, pcc, { q: elsewhere.no })).rows).toHaveLength(1);
      // Roles without members.view see nothing at all.
      expect((await searchMembers(h.db, itcell, { q: inRaipur.no })).rows).toEqual([]);
    });

    it("pages without counting rows, and takes LIKE wildcards literally", async () => {
      const p1 = await searchMembers(h.db, pcc, { page: 1, pageSize: 10 });
      const p2 = await searchMembers(h.db, pcc, { page: 2, pageSize: 10 });
      expect(p1.hasNext).toBe(true);
      expect(p1.rows).toHaveLength(10);
      expect(p1.rows.map((r) => r.membershipNo)).not.toContain(p2.rows[0]!.membershipNo);
      expect((await searchMembers(h.db, pcc, { q: "%%" })).rows).toEqual([]);
    });
  });

  describe("reveal", () => {
    it("shows the full values and writes an audit event that names the fields, not the values", async () => {
      const before = await auditCount("members.reveal");
      const r = await revealMember(h.db, raipur, inRaipur.no);
      expect(r).toMatchObject({ membershipNo: inRaipur.no, epic: inRaipur.epic, phone: inRaipur.phone });
      expect(r!.religion).toBeTruthy();
      expect(await auditCount("members.reveal")).toBe(before + 1);
      const [event] = await h.db.select().from(auditEvents).where(eq(auditEvents.id, r!.auditId));
      expect(event).toMatchObject({ action: "members.reveal", entityType: "member", actorUserId: raipur.id });
      expect(JSON.stringify(event!.after)).not.toContain(inRaipur.epic);
    });

    it("refuses another district's member (and writes no audit event)", async () => {
      const before = await auditCount("members.reveal");
      expect(await revealMember(h.db, raipur, elsewhere.no)).toBeNull();
      expect(await revealMember(h.db, itcell, inRaipur.no)).toBeNull();
      expect(await auditCount("members.reveal")).toBe(before);
    });
  });

  describe("book entry", () => {
    it("saves a Devanagari entry with channel book, its book and page, and an audit event", async () => {
      const input = bookInput(raipurBooth);
      const r = await enterBookMember(h.db, raipur, input);
      expect(r).toMatchObject({ kind: "created", membershipNo: expect.stringMatching(/^CG26-[0-9]{7}$/) });
      const no = (r as { membershipNo: string }).membershipNo;
      const [m] = await h.db.select().from(members).where(eq(members.membershipNo, no));
      expect(m).toMatchObject({ channel: "book", bookNo: "B049-12", pageNo: 3, name: "श्रीमती क्षमा त्रिपाठी", consentLang: "hi" });
      const [event] = await h.db.select().from(auditEvents).where(and(eq(auditEvents.action, "members.create"), eq(auditEvents.entityId, String(m!.id))));
      expect(event?.after).toMatchObject({ membershipNo: no, channel: "book" });
      expect((await searchMembers(h.db, raipur, { q: no })).rows).toHaveLength(1);
      expect(await recount(h.db)).toEqual([]);
    });

    it("refuses a booth of another district and a duplicate EPIC, writing nothing", async () => {
      const count = async () => (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM members`))[0]!.n;
      const before = await count();
      expect(await enterBookMember(h.db, raipur, bookInput(otherBooth))).toMatchObject({ kind: "invalid", field: "boothCode" });
      expect(await enterBookMember(h.db, raipur, bookInput("999-999"))).toMatchObject({ kind: "invalid", field: "boothCode" });
      expect(await enterBookMember(h.db, raipur, bookInput(raipurBooth, { epic: inRaipur.epic }))).toMatchObject({
        kind: "invalid",
        field: "epic",
        message: { key: "members.book.duplicate" },
      });
      expect(await count()).toBe(before);
    });

    it("suggests booths of the viewer's scope only", async () => {
      const mine = await suggestBooths(h.db, raipur, raipurBooth.slice(0, 5));
      expect(mine.map((b) => b.code)).toContain(raipurBooth);
      expect(await suggestBooths(h.db, raipur, otherBooth)).toEqual([]);
      expect((await suggestBooths(h.db, pcc, otherBooth)).map((b) => b.code)).toEqual([otherBooth]);
    });
  });

  describe("card", () => {
    it("opens with a valid signed link or for a viewer whose scope holds the member", async () => {
      expect(await loadCard(h.db, elsewhere.no, { sig: cardSignature(elsewhere.no) })).toMatchObject({ membershipNo: elsewhere.no, name: elsewhere.name });
      expect(await loadCard(h.db, inRaipur.no, { viewer: raipur })).toMatchObject({ membershipNo: inRaipur.no });
      expect(await loadCard(h.db, elsewhere.no, { viewer: pcc })).not.toBeNull();
    });

    it("audits a dashboard download (PDF and PNG) in the same request, not the member's own signed link", async () => {
      vi.stubEnv("PUBLIC_URL", "https://members.example.org");
      try {
        const events = async () =>
          queryRows<{ after: { membershipNo: string; format: string }; actor_user_id: number | null; entity_type: string }>(
            h.db,
            sql`SELECT after, actor_user_id, entity_type FROM audit_events WHERE action = 'members.card.download' AND after->>'membershipNo' = ${inRaipur.no} ORDER BY id`,
          );
        const before = (await events()).length;
        const req = (path: string) => new Request(`http://127.0.0.1:3000${path}`, { headers: { host: "evil.example" } });
        const pdf = await cardFile(h.db, { membershipNo: inRaipur.no, request: req(`/members/${inRaipur.no}/card`), viewer: raipur, format: "pdf" });
        expect(pdf).toMatchObject({ contentType: "application/pdf", fileName: `card-${inRaipur.no}.pdf` });
        const png = await cardFile(h.db, { membershipNo: inRaipur.no, request: req(`/members/${inRaipur.no}/card.png`), viewer: raipur, format: "png" });
        expect(png).toMatchObject({ contentType: "image/png", fileName: `card-${inRaipur.no}.png` });
        const after = await events();
        expect(after.length).toBe(before + 2);
        expect(after.slice(-2).map((e) => [e.entity_type, e.actor_user_id, e.after.format])).toEqual([
          ["member", raipur.id, "pdf"],
          ["member", raipur.id, "png"],
        ]);
        // The QR code opens the signed verification link on PUBLIC_URL, never on the request's host.
        const img = PNG.sync.read(Buffer.from((png as CardFile).body));
        expect(jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data).toBe(
          `https://members.example.org/verify/${inRaipur.no}?s=${verifySignature(inRaipur.no)}`,
        );

        // The signed link (signed out) is not a dashboard download; a refusal writes nothing either.
        const signed = await cardFile(h.db, { membershipNo: inRaipur.no, request: req(`/members/${inRaipur.no}/card?sig=${cardSignature(inRaipur.no)}`), viewer: null, format: "pdf" });
        expect(signed).toMatchObject({ contentType: "application/pdf" });
        const refused = await cardFile(h.db, { membershipNo: elsewhere.no, request: req(`/members/${elsewhere.no}/card`), viewer: raipur, format: "png" });
        expect(refused).toBeNull();
        expect((await events()).length).toBe(before + 2);
      } finally {
        vi.unstubAllEnvs();
      }
    });

    it("refuses another district's member, a wrong signature, no credentials and roles without member access", async () => {
      expect(await loadCard(h.db, elsewhere.no, { viewer: raipur })).toBeNull();
      expect(await loadCard(h.db, elsewhere.no, { sig: cardSignature(inRaipur.no) })).toBeNull();
      expect(await loadCard(h.db, elsewhere.no, { sig: "x".repeat(22) })).toBeNull();
      expect(await loadCard(h.db, elsewhere.no, {})).toBeNull();
      expect(await loadCard(h.db, inRaipur.no, { viewer: itcell })).toBeNull();
      expect(await loadCard(h.db, "not-a-number", { viewer: pcc })).toBeNull();
    });
  });

  describe("verification", () => {
    it("with the card's signed link: valid, the name masked and the seat; not found for unknown numbers", async () => {
      const v = await verifyMembership(h.db, inRaipur.no, verifySignature(inRaipur.no));
      expect(v).toMatchObject({ found: true, membershipNo: inRaipur.no, detail: { acNo: expect.any(Number) } });
      const detail = v.found ? v.detail : null;
      expect(detail?.nameMasked).toContain("•••");
      expect(detail?.nameMasked).not.toBe(inRaipur.name);
      // A lower-case number typed by hand is the same number, and its signature still holds.
      expect(await verifyMembership(h.db, inRaipur.no.toLowerCase(), verifySignature(inRaipur.no))).toEqual(v);
      expect(await verifyMembership(h.db, "CG26-9999999", verifySignature("CG26-9999999"))).toEqual({ found: false });
      expect(await verifyMembership(h.db, "'; DROP TABLE members; --")).toEqual({ found: false });
    });

    it("a bare number, or one with another number's or a card link's signature, learns only valid or not found", async () => {
      for (const sig of [undefined, null, "", verifySignature(elsewhere.no), cardSignature(inRaipur.no), "x".repeat(22)]) {
        const v = await verifyMembership(h.db, inRaipur.no, sig);
        expect(v, String(sig)).toEqual({ found: true, membershipNo: inRaipur.no, detail: null });
        expect(JSON.stringify(v)).not.toContain(maskName(inRaipur.name));
      }
      expect(await verifyMembership(h.db, "CG26-9999999")).toEqual({ found: false });
    });

    it("counts visits per client address in PostgreSQL, whatever X-Forwarded-For says, and looks nothing up once refused", async () => {
      vi.stubEnv("VERIFY_LIMIT", "3");
      try {
        const address = `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
        const visit = (xff: string) =>
          verifyVisit(h.db, new Headers({ [CLIENT_ADDRESS_HEADER]: address, "x-forwarded-for": xff }), inRaipur.no, verifySignature(inRaipur.no));
        for (let i = 0; i < 3; i++) expect(await visit(`198.51.100.${i}`)).toMatchObject({ found: true });
        const refused = await visit("198.51.100.99");
        expect(refused).toMatchObject({ limited: true });
        expect(refused).not.toHaveProperty("detail");
        // Another address has its own count.
        expect(await verifyVisit(h.db, new Headers({ [CLIENT_ADDRESS_HEADER]: "203.0.113.251" }), inRaipur.no)).toMatchObject({ found: true });
        const [row] = await queryRows<{ hits: number }>(
          h.db,
          sql`SELECT hits FROM rate_limit_hits WHERE bucket = 'verify:address' AND key = ${address}`,
        );
        expect(row?.hits).toBe(4);
      } finally {
        vi.unstubAllEnvs();
      }
    });
  });

  describe("erasure", () => {
    it("refuses another district's member and roles without the permission, changing nothing", async () => {
      const before = await auditCount("members.erase");
      expect(await eraseMember(h.db, raipur, { membershipNo: elsewhere.no, reason: "member's written request" })).toBeNull();
      expect(await eraseMember(h.db, itcell, { membershipNo: inRaipur.no, reason: "member's written request" })).toBeNull();
      const [m] = await h.db.select({ name: members.name, erasedAt: members.erasedAt }).from(members).where(eq(members.membershipNo, elsewhere.no));
      expect(m).toEqual({ name: elsewhere.name, erasedAt: null });
      expect(await auditCount("members.erase")).toBe(before);
    });

    it("removes the personal data, keeps every count, and makes search, card and verification say not found", async () => {
      const created = await enterBookMember(h.db, raipur, bookInput(raipurBooth));
      const no = (created as { membershipNo: string }).membershipNo;
      const totalBefore = await scopeMemberTotal(h.db, pcc);
      const counters = async () =>
        queryRows(h.db, sql`SELECT booth_id, members, via_book, cat_gen FROM booth_counters ORDER BY booth_id`);
      const countersBefore = await counters();
      // The quality job has fingerprinted it (name key): erasure takes that too.
      await drainQualityQueue(h.db);
      const fingerprints = async () =>
        queryRows(h.db, sql`SELECT f.member_id FROM member_fingerprints f JOIN members m ON m.id = f.member_id WHERE m.membership_no = ${no}`);
      expect(await fingerprints()).toHaveLength(1);

      const done = await eraseMember(h.db, raipur, { membershipNo: no, reason: "Member's written request of 20 Nov" });
      expect(await fingerprints()).toEqual([]);
      expect(done?.membershipNo).toBe(no);

      const [m] = await h.db.select().from(members).where(eq(members.membershipNo, no));
      expect(m).toMatchObject({
        name: null,
        relativeName: null,
        phone: null,
        address: null,
        religion: null,
        caste: null,
        photo: null,
        epic: `ERASED-${m!.id}`,
        channel: "book",
        casteCategory: "GEN",
        consentVersion: "v1",
        consentLang: "hi",
      });
      expect(m!.erasedAt).toBeInstanceOf(Date);
      expect(await scopeMemberTotal(h.db, pcc)).toBe(totalBefore);
      expect(await counters()).toEqual(countersBefore);
      expect(await recount(h.db)).toEqual([]);

      expect((await searchMembers(h.db, raipur, { q: no })).rows).toEqual([]);
      expect(await findMember(h.db, pcc, no)).toBeNull();
      expect(await loadCard(h.db, no, { sig: cardSignature(no) })).toBeNull();
      expect(await loadCard(h.db, no, { viewer: pcc })).toBeNull();
      expect(await verifyMembership(h.db, no)).toEqual({ found: false });
      expect(await revealMember(h.db, pcc, no)).toBeNull();

      const [event] = await h.db.select().from(auditEvents).where(and(eq(auditEvents.action, "members.erase"), eq(auditEvents.entityId, String(m!.id))));
      expect(event?.after).toMatchObject({ erased: true, reason: "Member's written request of 20 Nov" });
      expect(JSON.stringify(event)).not.toContain("क्षमा");
      expect(JSON.stringify(event)).not.toContain("9876501234");

      // Erased once; a second request finds nothing to erase. The voter's EPIC is free to join again.
      expect(await eraseMember(h.db, pcc, { membershipNo: no, reason: "again, by mistake" })).toBeNull();
    });
  });
});
