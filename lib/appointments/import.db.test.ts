import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import { testEngines } from "@/lib/testing/db";
import type { Viewer } from "@/lib/auth/viewer";
import { applyImport, previewImport, type ImportCtx, type ImportReport } from "@/lib/appointments/import";
import { freshPhones, seededDemo, t, vacantBooth, writesSnapshot } from "@/lib/testing/factories";

const enc = (s: string) => new TextEncoder().encode(s);
const csv = (rows: string[][]) => ["role,unit_level,unit_code,name,phone,epic", ...rows.map((r) => r.join(","))].join("\r\n") + "\r\n";

describe.each(testEngines())("appointment import on %s", (engine) => {
  let h: DbHandle;
  let raipur: Viewer;
  let pcc: Viewer;
  const ctx = (viewer: Viewer): ImportCtx => ({ db: h.db, viewer, t });

  beforeAll(async () => {
    ({ h, raipur, pcc } = await seededDemo(engine));
  });
  afterAll(async () => {
    await h?.close();
  });

  it("reports every bad row with its reason, and a rejected file writes nothing", async () => {
    const ok = await vacantBooth(h.db, "raipur", "enroller");
    const durg = await vacantBooth(h.db, "durg", "enroller");
    const [p1, p2, p3] = await freshPhones(h.db, 3);
    const file = csv([
      ["enroller", "booth", ok.code, "Good Row", p1!, ""],
      ["enroler", "booth", ok.code, "Bad Role", p2!, ""],
      ["enroller", "village", ok.code, "Bad Level", p2!, ""],
      ["enroller", "district", "raipur", "Wrong Level", p2!, ""],
      ["enroller", "booth", ok.code, "", p2!, ""],
      ["enroller", "booth", ok.code, "Bad Phone", "12345", ""],
      ["enroller", "booth", ok.code, "Bad Epic", p3!, "AB12"],
      ["enroller", "booth", "999-999", "No Booth", p3!, ""],
      ["enroller", "booth", durg.code, "Other District", p3!, ""],
      ["it_member", "booth", ok.code, "Not Mine", p3!, ""],
      ["enroller", "booth", ok.code, "Good Row", p1!, ""],
      ["enroller", "booth", ok.code, "Other Name", p1!, ""],
    ]);
    const before = await writesSnapshot(h.db);
    const preview = await previewImport(ctx(raipur), enc(file));
    expect(preview.status).toBe("rejected");
    const byLine = Object.fromEntries(preview.rows.map((r) => [r.line, [r.outcome, r.reason]]));
    expect(byLine).toEqual({
      2: ["appointed", null],
      3: ["rejected", 'Unknown role "enroler".'],
      4: ["rejected", 'Unknown unit level "village".'],
      5: ["rejected", "Enroller: there is no such post at the District level."],
      6: ["rejected", "The name is missing or longer than 100 characters."],
      7: ["rejected", '"12345" is not a 10-digit Indian mobile number.'],
      8: ["rejected", '"AB12" is not an EPIC number (three letters and seven digits).'],
      9: ["rejected", 'No Booth "999-999" in your area.'],
      10: ["rejected", `No Booth "${durg.code}" in your area.`],
      11: ["rejected", "You may not appoint this post."],
      12: ["rejected", "Same person and post as line 2."],
      13: ["rejected", "Line 2 gives this mobile number with another name."],
    });
    const applied = await applyImport(ctx(raipur), enc(file), preview.fingerprint);
    expect(applied.status).toBe("rejected");
    expect(await writesSnapshot(h.db)).toEqual(before);
  });

  it("refuses files it cannot read as a whole, naming the problem", async () => {
    const noPhone = await previewImport(ctx(raipur), enc("role,unit_level,unit_code,name\r\nenroller,booth,001-001,A\r\n"));
    expect(noPhone).toMatchObject({ status: "rejected", fileProblems: ['The column "phone" is missing from the header row.'] });
    const empty = await previewImport(ctx(raipur), enc("role,unit_level,unit_code,name,phone,epic\n"));
    expect(empty.fileProblems).toEqual(["The file has a header row but no rows."]);
    const latin1 = await previewImport(ctx(raipur), new Uint8Array([...enc("role,unit_level,unit_code,name,phone\nenroller,booth,001-001,"), 0xe9, 0x0a]));
    expect(latin1.fileProblems[0]).toMatch(/^The file cannot be read: line 2: the file is not UTF-8/);
  });

  it("previews without writing, applies the same plan, and a re-import appoints nobody twice", async () => {
    const booths = [await vacantBooth(h.db, "raipur", "enroller", 20), await vacantBooth(h.db, "raipur", "enroller", 21)];
    const [held] = await queryRows<{ code: string; name: string }>(
      h.db,
      sql`SELECT b.code, w.name FROM appointments a JOIN booths b ON b.id = a.booth_id JOIN workers w ON w.id = a.worker_id
        JOIN districts d ON d.id = b.district_id WHERE d.slug = 'raipur' AND a.role = 'it_member' AND a.ended_at IS NULL ORDER BY b.code LIMIT 1`,
    );
    const [block] = await queryRows<{ name: string }>(
      h.db,
      sql`SELECT bl.name FROM blocks bl JOIN districts d ON d.id = bl.district_id WHERE d.slug = 'raipur' ORDER BY bl.name LIMIT 1`,
    );
    const phones = await freshPhones(h.db, 5);
    // Spellings people use: +91 and 0 prefixes, lower-case EPIC, a short booth code, a block by name.
    const file = csv([
      ["enroller", "booth", booths[0]!.code, "Asha Patel", `+91 ${phones[0]}`, "abc7654321"],
      ["Enroller", "Booth", booths[1]!.code.replace(/^0+/, ""), "Ravi Kumar", `0${phones[1]}`, ""],
      ["it_member", "booth", held!.code, "New IT Member", phones[2]!, ""],
      ["it_member", "block", block!.name, "Block IT Member", phones[3]!, ""],
      ["enroller", "booth", booths[0]!.code, "Mohan Lal", phones[4]!, ""],
    ]);
    const before = await writesSnapshot(h.db);
    const preview = await previewImport(ctx(pcc), enc(file));
    expect(await writesSnapshot(h.db)).toEqual(before);
    expect(preview.status).toBe("preview");
    expect(preview.rows.map((r) => r.outcome)).toEqual(["appointed", "appointed", "replaced", "appointed", "appointed"]);
    expect(preview.rows[2]!.reason).toBe(`Replaces ${held!.name}.`);

    const applied = await applyImport(ctx(pcc), enc(file), preview.fingerprint, "test.csv");
    expect(applied.status).toBe("applied");
    expect(applied.counts).toEqual({ appointed: 4, replaced: 1, skipped: 0, rejected: 0 });
    const [row] = await queryRows<{ epic: string | null; enrollers: number; it: string; audits: number }>(
      h.db,
      sql`SELECT (SELECT epic FROM workers WHERE phone = ${phones[0]!}) AS epic,
        (SELECT count(*)::int FROM appointments a JOIN booths b ON b.id = a.booth_id WHERE b.code = ${booths[0]!.code} AND a.role = 'enroller' AND a.ended_at IS NULL) AS enrollers,
        (SELECT w.name FROM appointments a JOIN booths b ON b.id = a.booth_id JOIN workers w ON w.id = a.worker_id
          WHERE b.code = ${held!.code} AND a.role = 'it_member' AND a.ended_at IS NULL) AS it,
        (SELECT count(*)::int FROM audit_events WHERE after->>'via' = 'import') AS audits`,
    );
    expect(row).toEqual({ epic: "ABC7654321", enrollers: 2, it: "New IT Member", audits: 5 });

    const afterFirst = await writesSnapshot(h.db);
    const again = await previewImport(ctx(pcc), enc(file));
    expect(again.counts).toEqual({ appointed: 0, replaced: 0, skipped: 5, rejected: 0 });
    const reapplied = await applyImport(ctx(pcc), enc(file), again.fingerprint);
    expect(reapplied.status).toBe("applied");
    expect(await writesSnapshot(h.db)).toEqual(afterFirst);
  });

  it("writes nothing when the posts changed since the preview", async () => {
    const booth = await vacantBooth(h.db, "bilaspur", "it_member");
    const [p1, p2] = await freshPhones(h.db, 2);
    const file = csv([["it_member", "booth", booth.code, "Late Comer", p1!, ""]]);
    const preview = await previewImport(ctx(pcc), enc(file));
    expect(preview.rows[0]!.outcome).toBe("appointed");
    await applyImport(ctx(pcc), enc(csv([["it_member", "booth", booth.code, "Early Bird", p2!, ""]])), (await previewImport(ctx(pcc), enc(csv([["it_member", "booth", booth.code, "Early Bird", p2!, ""]])))).fingerprint);
    const before = await writesSnapshot(h.db);
    const applied = await applyImport(ctx(pcc), enc(file), preview.fingerprint);
    expect(applied.status).toBe("changed");
    expect(applied.rows[0]).toMatchObject({ outcome: "replaced", reason: "Replaces Early Bird." });
    expect(await writesSnapshot(h.db)).toEqual(before);
  });

  it("imports 5,000 rows with set-based writes", async () => {
    // 2,500 booth IT members (vacant booths appointed, held ones replaced) and 2,500 enrollers where there is room.
    const it = await queryRows<{ code: string }>(h.db, sql`SELECT code FROM booths ORDER BY id LIMIT 2500`);
    const en = await queryRows<{ code: string }>(
      h.db,
      sql`SELECT b.code FROM booths b WHERE (SELECT count(*) FROM appointments a WHERE a.booth_id = b.id AND a.role = 'enroller' AND a.ended_at IS NULL) < 2
        ORDER BY b.id DESC LIMIT 2500`,
    );
    const phones = await freshPhones(h.db, 5000);
    const rows = [
      ...it.map((b, i) => ["it_member", "booth", b.code, `Bulk Member ${i}`, phones[i]!, ""]),
      ...en.map((b, i) => ["enroller", "booth", b.code, `Bulk Enroller ${i}`, phones[2500 + i]!, ""]),
    ];
    expect(rows).toHaveLength(5000);
    const file = enc(csv(rows));
    const started = Date.now();
    const preview = await previewImport(ctx(pcc), file);
    const previewMs = Date.now() - started;
    expect(preview.counts.rejected).toBe(0);
    const applyStarted = Date.now();
    const applied: ImportReport = await applyImport(ctx(pcc), file, preview.fingerprint);
    const applyMs = Date.now() - applyStarted;
    console.log(`[import 5000 rows on ${engine}] preview ${previewMs} ms, apply ${applyMs} ms`);
    expect(applied.status).toBe("applied");
    expect(applied.counts.appointed + applied.counts.replaced).toBe(5000);
    if (engine === "postgres") expect(previewMs + applyMs).toBeLessThan(10_000);
    const [n] = await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE after->>'via' = 'import'`);
    expect(n!.n).toBeGreaterThanOrEqual(5000);
    // Every booth still has at most one active IT member.
    const [dup] = await queryRows<{ n: number }>(
      h.db,
      sql`SELECT count(*)::int AS n FROM (SELECT booth_id FROM appointments WHERE role = 'it_member' AND ended_at IS NULL AND booth_id IS NOT NULL
        GROUP BY booth_id HAVING count(*) > 1) x`,
    );
    expect(dup!.n).toBe(0);
  });
});
