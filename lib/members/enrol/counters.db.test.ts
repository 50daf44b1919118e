import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import { recount } from "@/db/recount";
import { DEMO_TOKEN, seed, STATE_ID } from "@/lib/seed";
import { createTestDb, testEngines } from "@/lib/testing/db";
import { handleEnrolRequest } from "@/lib/members/api/handler";
import { enrolMember } from "@/lib/members/enrol/enrol";
import { runImport, scanFile, startImport } from "@/lib/members/import/import";

process.env.AUTH_SECRET ??= "test-secret-for-card-links";
const NOW = new Date("2026-11-28T06:00:00Z");

describe.each(testEngines())("counters after API, book and import sign-ups on %s", (engine) => {
  let h: DbHandle;
  let codes: string[];

  beforeAll(async () => {
    h = await createTestDb(engine);
    await seed(h.db, { members: 500, now: NOW, demoUsers: true });
    codes = (
      await queryRows<{ code: string }>(h.db, sql`SELECT b.code FROM booths b JOIN districts d ON d.id = b.district_id WHERE d.slug = 'raipur' ORDER BY b.id LIMIT 4`)
    ).map((r) => r.code);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("equal a recount, channel by channel", async () => {
    const counters = async () =>
      (await queryRows<{ app: number; book: number; imp: number }>(
        h.db,
        sql`SELECT sum(via_app)::int AS app, sum(via_book)::int AS book, sum(via_import)::int AS imp FROM booth_counters`,
      ))[0]!;
    const before = await counters();
    const member = (i: number, prefix: string) => ({
      epic: `${prefix}${String(i).padStart(7, "0")}`,
      name: "सुनीता साहू",
      gender: "F" as const,
      age: 30 + (i % 40),
      phone: "9876543210",
      address: "Ward 3",
      religion: "Hindu",
      caste: "Sahu",
      casteCategory: (["SC", "ST", "OBC", "GEN"] as const)[i % 4]!,
      boothCode: codes[i % codes.length]!,
      consentVersion: "v1",
    });
    const limit = { bucket: "test-counters", limit: 1_000, windowSeconds: 60 };
    const api = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        handleEnrolRequest(
          new Request("http://localhost/api/v1/members", {
            method: "POST",
            headers: { authorization: `Bearer ${DEMO_TOKEN}`, "idempotency-key": `cnt-${i}`, "content-type": "application/json" },
            body: JSON.stringify({ ...member(i, "CNA"), consent: true }),
          }),
          { db: h.db, limit, now: NOW },
        ),
      ),
    );
    expect(api.map((r) => r.status)).toEqual(Array(30).fill(201));
    for (let i = 0; i < 12; i++) {
      const r = await enrolMember(h.db, member(i, "CNB"), {
        stateId: STATE_ID,
        channel: "book",
        book: { bookNo: "B-17", pageNo: i + 1 },
        boothAllowed: () => true,
        now: NOW,
      });
      expect(r.kind).toBe("created");
    }
    const header = "epic,name,gender,age,phone,address,religion,caste,caste_category,booth_code,consent,consent_version";
    const rows = Array.from({ length: 40 }, (_, i) => {
      const m = member(i, "CNI");
      return [m.epic, m.name, m.gender, m.age, m.phone, m.address, m.religion, m.caste, m.casteCategory, m.boothCode, "yes", "v1"].join(",");
    });
    // Line 42 repeats an EPIC already signed up through the API: a duplicate, not counted twice.
    rows.push([`CNA0000003`, "X", "M", 40, "9876543210", "a", "b", "c", "SC", codes[0], "yes", "v1"].join(","));
    const bytes = Buffer.from(`${header}\n${rows.join("\n")}\n`);
    const source = async function* () {
      yield new Uint8Array(bytes);
    };
    const start = await startImport(h.db, { fileName: "c.csv", scan: await scanFile(source), actor: { label: "test" }, isFree: async () => true });
    if (start.kind !== "started") throw new Error(start.kind);
    const final = await runImport(h.db, start.progress.id, source, { actor: { label: "test" }, chunkRows: 7, now: () => NOW });
    expect(final).toMatchObject({ created: 40, duplicates: 1, rejected: 0 });

    expect(await counters()).toEqual({ app: before.app + 30, book: before.book + 12, imp: before.imp + 40 });
    expect(await recount(h.db)).toEqual([]);
  });
});
