import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { enterBookMember } from "@/lib/members/enrol/book";
import type { BookMemberInput } from "@/lib/members/enrol/validation";
import { drainQualityQueue } from "@/lib/members/quality/job";
import { searchMembers } from "@/lib/members/search";
import { seed } from "@/lib/seed";
import { createTestDb, testEngines, viewerFor } from "@/lib/testing/db";
import { firstBoothCode } from "@/lib/testing/factories";

/**
 * Name search across scripts: "sunita" finds सुनीता and "सुनीता" finds "Sunita" (through the quality job's name
 * key), inside the viewer's area only; and the key match is an index range at any size.
 */

const NOW = new Date("2026-11-28T06:00:00Z");
let epicSeq = 0;
const entry = (boothCode: string, name: string): BookMemberInput => ({
  epic: `NKS${String(3_000_000 + ++epicSeq).padStart(7, "0")}`,
  name,
  relativeName: undefined,
  gender: "F",
  age: 30,
  phone: "9876543210",
  address: "Ward 3",
  religion: "Hindu",
  caste: "Sahu",
  casteCategory: "OBC",
  boothCode,
  consentVersion: "v1",
  consentLang: "hi",
  consent: "on",
  bookNo: "B1",
  pageNo: 1,
});

describe.each(testEngines())("members name search across scripts on %s", (engine) => {
  let h: DbHandle;
  let pcc: Viewer;
  let raipur: Viewer;
  const no: Record<"hiRaipur" | "enRaipur" | "hiElsewhere", string> = { hiRaipur: "", enRaipur: "", hiElsewhere: "" };

  const found = async (viewer: Viewer, q: string) => (await searchMembers(h.db, viewer, { q, pageSize: 500 })).rows.map((r) => r.membershipNo);

  beforeAll(async () => {
    h = await createTestDb(engine);
    await seed(h.db, { members: 300, now: NOW, demoUsers: true });
    pcc = await viewerFor(h.db, "pcc@demo.local");
    raipur = await viewerFor(h.db, "raipur@demo.local");
    const boothOf = (raipurSide: boolean) => firstBoothCode(h.db, raipurSide ? "raipur" : "elsewhere");
    const created = async (viewer: Viewer, booth: string, name: string) => {
      const r = await enterBookMember(h.db, viewer, entry(booth, name));
      if (r.kind !== "created") throw new Error(`not created: ${r.kind}`);
      return r.membershipNo;
    };
    no.hiRaipur = await created(raipur, await boothOf(true), "सुनीता साहू");
    no.enRaipur = await created(raipur, await boothOf(true), "Kamla Dhruw");
    no.hiElsewhere = await created(pcc, await boothOf(false), "सुनीता साहू");
    // The quality job keys every sign-up (the server runs it every two seconds).
    await drainQualityQueue(h.db);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it("finds a Devanagari name by its Latin spelling and a Latin name by its Devanagari spelling", async () => {
    expect(await found(raipur, "sunita")).toContain(no.hiRaipur);
    expect(await found(raipur, "Sunita Sahu")).toContain(no.hiRaipur);
    expect(await found(raipur, "SUNEETA")).toContain(no.hiRaipur);
    expect(await found(raipur, "कमला")).toContain(no.enRaipur);
    expect(await found(raipur, "कमला ध्रुव")).toContain(no.enRaipur);
    // As typed still works, and a different name is not found.
    expect(await found(raipur, "सुनीता")).toContain(no.hiRaipur);
    expect(await found(raipur, "anita")).not.toContain(no.hiRaipur);
    expect(await found(raipur, "sahu sunita")).not.toContain(no.hiRaipur);
  });

  it("keeps to the viewer's area: Raipur's user does not find the same name in another district", async () => {
    expect(await found(pcc, "sunita sahu")).toEqual(expect.arrayContaining([no.hiRaipur, no.hiElsewhere]));
    const raipurHits = await found(raipur, "sunita sahu");
    expect(raipurHits).toContain(no.hiRaipur);
    expect(raipurHits).not.toContain(no.hiElsewhere);
    const rows = (await searchMembers(h.db, raipur, { q: "sunita", pageSize: 500 })).rows;
    expect(new Set(rows.map((r) => r.districtName))).toEqual(new Set(["Raipur"]));
  });

  it("matches the key through its prefix index, not a scan of every fingerprint", async () => {
    const plan = await h.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      return queryRows<Record<string, string>>(tx, sql`EXPLAIN SELECT member_id FROM member_fingerprints WHERE name_key LIKE 'sunit%'`);
    });
    const text = plan.map((r) => Object.values(r)[0]).join("\n");
    expect(text).toContain("member_fingerprints_name_key_prefix_idx");
    expect(text).toMatch(/Index Cond: .*name_key ~>=~ 'sunit'::text/);
  });
});
