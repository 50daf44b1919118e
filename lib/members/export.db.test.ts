import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import { csvResponse } from "@/lib/http";
import { seed } from "@/lib/seed";
import { createTestDb, testEngines, viewerFor } from "@/lib/testing/db";
import type { Viewer } from "@/lib/auth/viewer";
import { exportMembers, type MemberExport } from "@/lib/members/export";
import { searchMembers } from "@/lib/members/search";
import { MEMBERSHIP_NO_PATTERN } from "@/lib/members/query";

const NOW = new Date("2026-11-28T06:00:00Z");
const HEADER = "membership_no,name,gender,age,epic_masked,phone_masked,booth_code,ac_no,ac_name,district,channel,enrolled_on";

/** The file as the browser receives it (through the route's csvResponse): its name and its lines, BOM kept. */
async function download(file: MemberExport | null) {
  const res = csvResponse(file!.stream, file!.fileName);
  const text = Buffer.from(await res.arrayBuffer()).toString("utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  expect(text.endsWith("\r\n")).toBe(true);
  const lines = text.slice(1, -2).split("\r\n");
  return { disposition: res.headers.get("content-disposition"), header: lines[0], rows: lines.slice(1), numbers: lines.slice(1).map((l) => l.split(",")[0]!) };
}

describe.each(testEngines())("members export on %s", (engine) => {
  let h: DbHandle;
  let pcc: Viewer;
  let raipur: Viewer;
  /** State leadership whose scope is one district (the Raipur president's scope, with leadership's rights). */
  let raipurLeadership: Viewer;
  const auditCount = async () => (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'members.export'`))[0]!.n;
  /** Membership numbers in an order, straight from the table (not through the export's query). */
  const numbersBy = async (order: "new" | "old" | "name", district?: string) =>
    (
      await queryRows<{ no: string }>(
        h.db,
        sql`SELECT m.membership_no AS no FROM members m JOIN districts d ON d.id = m.district_id
            WHERE m.erased_at IS NULL ${district ? sql`AND d.slug = ${district}` : sql``}
            ORDER BY ${order === "new" ? sql`m.id DESC` : order === "old" ? sql`m.id` : sql`m.name, m.id`}`,
      )
    ).map((r) => r.no);

  beforeAll(async () => {
    h = await createTestDb(engine);
    await seed(h.db, { members: 600, now: NOW, demoUsers: true });
    pcc = await viewerFor(h.db, "pcc@demo.local");
    raipur = await viewerFor(h.db, "raipur@demo.local");
    raipurLeadership = { ...raipur, role: "leadership" };
  });
  afterAll(async () => {
    await h?.close();
  });

  it("lists the newest first, as the list does, across pages, and ends with the last member (no trailer row)", async () => {
    const before = await auditCount();
    const file = await exportMembers(h.db, pcc, { q: "", now: NOW, pageRows: 7 });
    expect(file).toMatchObject({ capped: false, fileName: "members-2026-11-28.csv" });
    const got = await download(file);
    expect(got.header).toBe(HEADER);
    const all = await numbersBy("new");
    expect(got.numbers).toEqual(all);
    expect(file!.rows).toBe(all.length);
    // Every line is a member: nothing after the last one that a spreadsheet would read as a row.
    expect(got.numbers.every((no) => MEMBERSHIP_NO_PATTERN.test(no))).toBe(true);
    // The first page of the screen is the file's first rows, in the same order.
    const screen = await searchMembers(h.db, pcc, { q: "" });
    expect(got.numbers.slice(0, screen.rows.length)).toEqual(screen.rows.map((r) => r.membershipNo));
    expect(got.rows.join("\n")).not.toMatch(/religion|caste|capped/i);
    expect(await auditCount()).toBe(before + 1);
  });

  it("keeps the list's other orders (oldest first, by name) through keyset pages", async () => {
    const old = await download(await exportMembers(h.db, pcc, { sort: "old", now: NOW, pageRows: 50 }));
    expect(old.numbers).toEqual(await numbersBy("old"));
    const byName = await exportMembers(h.db, pcc, { sort: "name", now: NOW, pageRows: 9 });
    expect(byName!.fileName).toBe("members-by-name-2026-11-28.csv");
    const named = await download(byName);
    expect(named.numbers).toEqual(await numbersBy("name"));
    const screen = await searchMembers(h.db, pcc, { q: "", sort: "name" });
    expect(named.numbers.slice(0, screen.rows.length)).toEqual(screen.rows.map((r) => r.membershipNo));
  });

  it("cuts a longer list at the cap, says so in the file name and the audit, never inside the file", async () => {
    const before = await auditCount();
    const file = await exportMembers(h.db, pcc, { q: "", cap: 50, now: NOW, pageRows: 20 });
    expect(file).toMatchObject({ rows: 50, capped: true, cap: 50, fileName: "members-2026-11-28-first-50.csv" });
    const got = await download(file);
    expect(got.disposition).toBe('attachment; filename="members-2026-11-28-first-50.csv"');
    // The 50 newest, and the 50th member is the file's last line.
    expect(got.numbers).toEqual((await numbersBy("new")).slice(0, 50));
    expect(got.rows).toHaveLength(50);
    const [event] = await queryRows<{ after: Record<string, unknown> }>(h.db, sql`SELECT after FROM audit_events WHERE action = 'members.export' ORDER BY id DESC LIMIT 1`);
    expect(event!.after).toMatchObject({ rows: 50, capped: true, cap: 50, sort: "new" });
    expect(await auditCount()).toBe(before + 1);
    // Exactly the cap is not capped.
    const total = (await numbersBy("new")).length;
    expect(await exportMembers(h.db, pcc, { cap: total, now: NOW })).toMatchObject({ rows: total, capped: false, fileName: "members-2026-11-28.csv" });
  });

  it("exports one search (a booth) with the list's filter, and an empty search as a header alone", async () => {
    const [booth] = await queryRows<{ code: string; n: number }>(
      h.db,
      sql`SELECT b.code, count(*)::int AS n FROM members m JOIN booths b ON b.id = m.booth_id GROUP BY b.code ORDER BY n DESC, b.code LIMIT 1`,
    );
    const got = await download(await exportMembers(h.db, pcc, { q: booth!.code, now: NOW, pageRows: 1 }));
    expect(got.rows).toHaveLength(booth!.n);
    expect(got.rows.every((l) => l.split(",")[6] === booth!.code)).toBe(true);
    const none = await exportMembers(h.db, pcc, { q: "CG26-9999999", now: NOW });
    expect(none).toMatchObject({ rows: 0, capped: false });
    expect(await download(none)).toMatchObject({ header: HEADER, rows: [] });
  });

  it("holds only the district of a district-scoped viewer, and is refused to a district president", async () => {
    const got = await download(await exportMembers(h.db, raipurLeadership, { now: NOW, pageRows: 11 }));
    const inRaipur = await numbersBy("new", "raipur");
    expect(inRaipur.length).toBeGreaterThan(0);
    expect(got.numbers).toEqual(inRaipur);
    expect(got.rows.every((l) => l.split(",")[9] === "Raipur")).toBe(true);
    // A member of another district, searched by number, is not in that viewer's file.
    const [elsewhere] = await queryRows<{ no: string }>(
      h.db,
      sql`SELECT m.membership_no AS no FROM members m JOIN districts d ON d.id = m.district_id WHERE d.slug <> 'raipur' AND m.erased_at IS NULL LIMIT 1`,
    );
    expect((await download(await exportMembers(h.db, raipurLeadership, { q: elsewhere!.no }))).rows).toEqual([]);
    expect((await download(await exportMembers(h.db, pcc, { q: elsewhere!.no }))).numbers).toEqual([elsewhere!.no]);
    // The district president may list members but not export them (the permissions table): nothing, no audit.
    const before = await auditCount();
    expect(await exportMembers(h.db, raipur, {})).toBeNull();
    expect(await auditCount()).toBe(before);
  });
});
