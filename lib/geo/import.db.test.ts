import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, DbHandle } from "@/db/client";
import { assemblySeatDistricts, assemblySeats, auditEvents, booths, districts, lokSabhaSeats, states } from "@/db/schema";
import { ACS, DISTRICTS } from "@/lib/seed/geo-data";
import { createTestDb, testEngines } from "@/lib/testing/db";
import {
  csvField,
  importedBooths,
  REAL_GEOGRAPHY_COUNTS,
  REAL_GEOGRAPHY_CSV as REAL_CSV,
  REAL_GEOGRAPHY_LINES as REAL_LINES,
  REAL_SEATS,
  realGeographyCreated,
  refusedUnchanged,
  rowCounts,
  rowSnapshot,
} from "@/lib/testing/geo-import";
import { districtSlug } from "@/lib/geo/slug";
import { importBooths } from "@/lib/geo/import-booths";
import type { CsvProblem } from "@/lib/csv/problems";
import type { ImportResult } from "@/lib/csv/import-result";
import { importGeography } from "@/lib/geo/import-geography";

const enc = (s: string) => new TextEncoder().encode(s);

const TABLES = ["lok_sabha_seats", "districts", "assembly_seats", "assembly_seat_districts", "blocks", "booths", "audit_events"];

const tableCounts = (db: Db) => rowCounts(db, TABLES);
const snapshot = (db: Db) => rowSnapshot(db, TABLES);

function csv(rows: readonly (readonly (string | number)[])[], eol = "\n"): string {
  return rows.map((r) => r.map((v) => csvField(String(v))).join(",")).join(eol) + eol;
}

/** The real file with some lines (1-based) replaced. */
function realWith(replace: Record<number, string>): string {
  return REAL_LINES.map((l, i) => replace[i + 1] ?? l).join("\n") + "\n";
}

const BOOTH_HEADER = ["ac_no", "part_no", "name", "district", "block"];

/** 30 booths in each of ACs 1..10; two-district seats split between their districts. */
function generatedBooths(): string[][] {
  const rows: string[][] = [];
  for (const ac of ACS.filter((a) => a.no <= 10)) {
    for (let part = 1; part <= 30; part++) {
      const slug = ac.districts[part <= 15 ? 0 : ac.districts.length - 1]!;
      const district = DISTRICTS.find((d) => d.slug === slug)!;
      // Blocks come from the seed list; every fifth booth has none. Names exercise quoting and Devanagari.
      const block = part % 5 === 0 ? "" : district.blocks[part % district.blocks.length]!.name;
      const name = part % 7 === 0 ? `प्राथमिक शाला ${part}` : `Govt. Primary School, Ward ${part} "A"`;
      rows.push([String(ac.no), String(part), name, part % 2 ? district.name : slug, block]);
    }
  }
  return rows;
}

describe.each(testEngines())("CSV import of geography and booths on %s", (engine) => {
  let h: DbHandle;
  let db: Db;

  beforeAll(async () => {
    h = await createTestDb(engine);
    db = h.db;
    await db.insert(states).values({
      id: 1,
      code: "CG",
      name: "Chhattisgarh",
      nameHi: "छत्तीसगढ़",
      lokSabhaSeats: 11,
      assemblySeats: 90,
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const expectRejectedUnchanged = (run: () => Promise<ImportResult<string>>): Promise<CsvProblem[]> => refusedUnchanged(db, TABLES, run);

  async function districtsOfAc(no: number): Promise<string[]> {
    const rows = await db
      .select({ slug: districts.slug })
      .from(assemblySeatDistricts)
      .innerJoin(assemblySeats, eq(assemblySeats.id, assemblySeatDistricts.acId))
      .innerJoin(districts, eq(districts.id, assemblySeatDistricts.districtId))
      .where(eq(assemblySeats.no, no))
      .orderBy(asc(districts.slug));
    return rows.map((r) => r.slug);
  }

  describe("geography", () => {
    it("imports the real assembly-constituency file", async () => {
      const result = await importGeography(db, REAL_CSV);
      expect(result).toEqual(realGeographyCreated({ states: 0, blankLines: 0 }));
      const counts = await tableCounts(db);
      expect(counts).toMatchObject(REAL_GEOGRAPHY_COUNTS);

      expect(await districtsOfAc(1)).toEqual(["koriya", "manendragarh-chirmiri-bharatpur"]);
      expect(await districtsOfAc(6)).toEqual(["balrampur", "surajpur"]);
      const [ac1] = await db
        .select({ name: assemblySeats.name, reserved: assemblySeats.reserved, pcNo: lokSabhaSeats.no, pcName: lokSabhaSeats.name })
        .from(assemblySeats)
        .innerJoin(lokSabhaSeats, eq(lokSabhaSeats.id, assemblySeats.pcId))
        .where(eq(assemblySeats.no, 1));
      expect(ac1).toEqual({ name: "Bharatpur-Sonhat", reserved: "ST", pcNo: 4, pcName: "Korba" });

      const [audit, ...more] = await db.select().from(auditEvents);
      expect(more).toHaveLength(0);
      expect(audit).toMatchObject({ action: "import.geography", entityType: "geography", actorLabel: "import-cli", stateId: 1 });
      expect(audit?.after).toMatchObject({ rows: 90, created: { acs: 90 } });
    });

    it("agrees with the seed's geography (district slugs, PCs, two-district seats)", async () => {
      const slugs = (await db.select({ slug: districts.slug }).from(districts)).map((d) => d.slug).sort();
      expect(slugs).toEqual(DISTRICTS.map((d) => d.slug).sort());
      const pairs = await db
        .select({ no: assemblySeats.no, slug: districts.slug })
        .from(assemblySeatDistricts)
        .innerJoin(assemblySeats, eq(assemblySeats.id, assemblySeatDistricts.acId))
        .innerJoin(districts, eq(districts.id, assemblySeatDistricts.districtId));
      const imported = new Map<number, string[]>();
      for (const p of pairs) imported.set(p.no, [...(imported.get(p.no) ?? []), p.slug].sort());
      for (const ac of ACS) expect(imported.get(ac.no), `AC ${ac.no}`).toEqual([...ac.districts].sort());
      expect(ACS.filter((a) => a.districts.length === 2).map((a) => a.no)).toEqual([1, 6, 25, 84]);
    });

    it("imports the same file again without writing anything", async () => {
      const before = await snapshot(db);
      const result = await importGeography(db, REAL_CSV);
      expect(result).toMatchObject({ ok: true, changed: false, unchanged: 11 + 33 + 90 + 94 });
      expect(await snapshot(db)).toEqual(before);
    });

    it("rejects a file with a missing column", async () => {
      const bytes = enc(realWith({ 1: "ac_no,ac_name,reserved,pc_no,pc_nam,district" }));
      const problems = await expectRejectedUnchanged(() => importGeography(db, bytes));
      expect(problems).toEqual([{ line: 1, message: 'missing column "pc_name"' }]);
    });

    it("rejects an unknown PC", async () => {
      const bytes = enc(realWith({ 5: "4,Premnagar,GEN,12,Nowhere,Surajpur", 10: "9,Lundra,ST,0,Surguja,Surguja" }));
      const problems = await expectRejectedUnchanged(() => importGeography(db, bytes));
      expect(problems.map((p) => p.line)).toEqual([5, 10]);
      expect(problems[0]?.message).toMatch(/unknown PC.*pc_no 12 is outside 1\.\.11/);
    });

    it("rejects a duplicate AC number", async () => {
      const bytes = enc(realWith({ 8: "3,Samri,ST,1,Surguja,Balrampur", 9: "3,Lundra,ST,1,Surguja," }));
      const problems = await expectRejectedUnchanged(() => importGeography(db, bytes));
      expect(problems).toEqual([
        { line: 8, message: "ac_no 3 appears again (first on line 4)" },
        { line: 9, message: "district is empty" },
        { line: 9, message: "ac_no 3 appears again (first on line 4)" },
      ]);
    });

    it("rejects non-UTF-8 bytes, naming the line", async () => {
      const latin1 = Buffer.from(realWith({ 20: "19,Dharamjaigarh\u00e9,ST,2,Raigarh,Raigarh" }), "latin1");
      const problems = await expectRejectedUnchanged(() => importGeography(db, latin1));
      expect(problems).toEqual([{ line: 20, message: expect.stringMatching(/not UTF-8/) }]);
    });

    it("collects every problem of a file, sorted by line", async () => {
      const bytes = enc(
        realWith({
          91: "90,Konta,XX,10,Bastar,",
          3: "2,,GEN,4,Korba,Manendragarh-Chirmiri-Bharatpur",
          30: "29,Bilha,GEN,5,Bilaspur City,Bilaspur",
          50: "abc,Foo,GEN,6,Rajnandgaon,Rajnandgaon",
          60: "59,Foo,GEN,7,Durg,Durg|",
        }),
      );
      const problems = await expectRejectedUnchanged(() => importGeography(db, bytes));
      expect(problems).toEqual([
        { line: 3, message: "ac_name is empty" },
        { line: 30, message: expect.stringMatching(/pc_no 5 is named "Bilaspur City" here but "Bilaspur" on line 2[0-9]/) },
        { line: 50, message: 'ac_no "abc" is not a whole number' },
        { line: 60, message: 'district list "Durg|" has an empty name' },
        { line: 91, message: 'reserved "XX" must be GEN, SC or ST' },
        { line: 91, message: "district is empty" },
      ]);
    });

    it("rejects a state that is not in the database", async () => {
      const problems = await expectRejectedUnchanged(() => importGeography(db, REAL_CSV, { stateCode: "MP" }));
      expect(problems).toEqual([{ line: null, message: expect.stringMatching(/state "MP" is not in the database; to create it, give its name too/) }]);
    });

    it("imports an Excel-style file (BOM, CRLF, reordered columns, Hindi names) and keeps them after", async () => {
      const header = ["District", "PC_NAME", "pc_no", " Reserved ", "ac_name_hi", "AC_Name", "AC_NO"];
      const rows = REAL_SEATS.map(({ no, name, reserved, pcNo, pcName, district }) => {
        const nameHi = ACS.find((a) => String(a.no) === no)!.nameHi;
        return [district, pcName, pcNo, reserved, nameHi, name, no];
      });
      const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc(csv([header, ...rows], "\r\n"))]);
      const result = await importGeography(db, bytes, { actorLabel: "excel-test" });
      expect(result).toMatchObject({
        ok: true,
        changed: true,
        created: { pcs: 0, districts: 0, acs: 0, acDistricts: 0 },
        updated: { pcs: 0, districts: 0, acs: 90 },
        unchanged: 11 + 33 + 94,
      });
      const [ac49] = await db.select({ nameHi: assemblySeats.nameHi }).from(assemblySeats).where(eq(assemblySeats.no, 49));
      expect(ac49?.nameHi).toBe(ACS.find((a) => a.no === 49)!.nameHi);
      const audits = await db.select().from(auditEvents).where(eq(auditEvents.actorLabel, "excel-test"));
      expect(audits).toHaveLength(1);

      // The plain file has no Hindi names: it must leave the stored ones alone.
      const before = await snapshot(db);
      expect(await importGeography(db, REAL_CSV)).toMatchObject({ ok: true, changed: false });
      expect(await snapshot(db)).toEqual(before);
    });

    it("removes a seat-district pair no longer listed when no booth uses it", async () => {
      const narrowed = await importGeography(db, enc(realWith({ 85: "84,Narayanpur,ST,10,Bastar,Narayanpur" })));
      expect(narrowed).toMatchObject({ ok: true, removed: { acDistricts: 1 }, created: { acDistricts: 0 } });
      expect(await districtsOfAc(84)).toEqual(["narayanpur"]);
      const restored = await importGeography(db, REAL_CSV);
      expect(restored).toMatchObject({ ok: true, created: { acDistricts: 1 }, removed: { acDistricts: 0 } });
      expect(await districtsOfAc(84)).toEqual(["kondagaon", "narayanpur"]);
    });
  });

  describe("booths", () => {
    const generated = generatedBooths();
    const boothFile = () => enc(csv([BOOTH_HEADER, ...generated]));

    it("imports generated booths, creating their blocks", async () => {
      const auditsBefore = (await db.select().from(auditEvents)).length;
      const result = await importBooths(db, boothFile());
      const distinctBlocks = new Set(
        generated.filter((r) => r[4] !== "").map((r) => `${districtSlug(r[3]!)}|${r[4]!.toLowerCase()}`),
      );
      expect(result).toEqual({
        ok: true,
        changed: true,
        created: { booths: 300, blocks: distinctBlocks.size },
        updated: { booths: 0, blocks: 0 },
        removed: { booths: 0, blocks: 0 },
        unchanged: 0,
        blankLines: 0,
      });
      expect(await tableCounts(db)).toMatchObject({ booths: 300, blocks: distinctBlocks.size });

      const [b] = await importedBooths(db, ["001-016"]);
      expect(b).toEqual({
        code: "001-016",
        name: 'Govt. Primary School, Ward 16 "A"',
        district: "manendragarh-chirmiri-bharatpur",
        block: expect.any(String),
        synthetic: false,
        pcNo: 4,
        state: "CG",
      });
      const [hindi] = await db.select({ name: booths.name }).from(booths).where(eq(booths.code, "003-014"));
      expect(hindi?.name).toBe("प्राथमिक शाला 14");
      const audits = await db.select().from(auditEvents).where(eq(auditEvents.action, "import.booths"));
      expect(audits).toHaveLength(1);
      expect((await db.select().from(auditEvents)).length).toBe(auditsBefore + 1);
    });

    it("imports the same booths again without writing anything", async () => {
      const before = await snapshot(db);
      expect(await importBooths(db, boothFile())).toMatchObject({ ok: true, changed: false, unchanged: 300 });
      expect(await snapshot(db)).toEqual(before);
    });

    it("updates only the booths that changed, matching blocks regardless of case", async () => {
      await db.update(booths).set({ synthetic: true }).where(eq(booths.code, "002-002"));
      const rows = generated.map((r) => [...r]);
      rows[0]![2] = "Renamed School"; // 001-001
      rows[1]![4] = rows[1]![4]!.toUpperCase(); // 001-002: same block, other case → no change
      const result = await importBooths(db, enc(csv([BOOTH_HEADER, ...rows])));
      expect(result).toMatchObject({ ok: true, created: { booths: 0, blocks: 0 }, updated: { booths: 2 }, unchanged: 298 });
      const [renamed] = await db.select({ name: booths.name }).from(booths).where(eq(booths.code, "001-001"));
      expect(renamed?.name).toBe("Renamed School");
      expect(await importBooths(db, boothFile())).toMatchObject({ ok: true, updated: { booths: 1 }, unchanged: 299 });
    });

    it("rejects a booth in an unknown AC", async () => {
      const bytes = enc(csv([BOOTH_HEADER, ["1", "400", "A", "Koriya", ""], ["95", "1", "B", "Raipur", ""], ["x", "1", "C", "Raipur", ""]]));
      const problems = await expectRejectedUnchanged(() => importBooths(db, bytes));
      expect(problems).toEqual([
        { line: 3, message: 'unknown AC: ac_no "95" is not an assembly seat of CG' },
        { line: 4, message: 'unknown AC: ac_no "x" is not an assembly seat of CG' },
      ]);
    });

    it("rejects a booth in a district its AC does not lie in, and unknown districts", async () => {
      const bytes = enc(
        csv([BOOTH_HEADER, ["1", "401", "A", "Raipur", ""], ["1", "402", "B", "Atlantis", ""], ["1", "403", "C", "koriya", ""]]),
      );
      const problems = await expectRejectedUnchanged(() => importBooths(db, bytes));
      expect(problems).toEqual([
        { line: 2, message: "district Raipur is not one of AC 1's districts (Koriya, Manendragarh-Chirmiri-Bharatpur)" },
        { line: 3, message: 'unknown district "Atlantis"' },
      ]);
    });

    it("rejects a duplicate booth", async () => {
      const bytes = enc(
        csv([
          BOOTH_HEADER,
          ["2", "401", "A", "Manendragarh-Chirmiri-Bharatpur", ""],
          ["3", "1", "B", "Koriya", ""],
          ["2", "0401", "C", "Manendragarh-Chirmiri-Bharatpur", ""],
          ["3", "1", "", "Raipur", ""],
        ]),
      );
      const problems = await expectRejectedUnchanged(() => importBooths(db, bytes));
      expect(problems).toEqual([
        { line: 4, message: "booth 002-401 appears again (first on line 2)" },
        { line: 5, message: "name is empty" },
        { line: 5, message: "district Raipur is not one of AC 3's districts (Koriya)" },
        { line: 5, message: "booth 003-001 appears again (first on line 3)" },
      ]);
    });

    it("rejects bad part numbers, empty names, missing columns and non-UTF-8 bytes", async () => {
      const bad = enc(
        csv([BOOTH_HEADER, ["3", "0", "A", "Koriya", ""], ["3", "10000", "B", "Koriya", ""], ["3", "5", "", "Koriya", ""], ["3", "1a", "D", "Koriya", ""]]),
      );
      const problems = await expectRejectedUnchanged(() => importBooths(db, bad));
      expect(problems).toEqual([
        { line: 2, message: 'part_no "0" must be a whole number from 1 to 9999' },
        { line: 3, message: 'part_no "10000" must be a whole number from 1 to 9999' },
        { line: 4, message: "name is empty" },
        { line: 5, message: 'part_no "1a" must be a whole number from 1 to 9999' },
      ]);

      const noBlock = enc("ac_no,part_no,name,district\n2,1,A,Koriya\n");
      expect(await expectRejectedUnchanged(() => importBooths(db, noBlock))).toEqual([
        { line: 1, message: 'missing column "block"' },
      ]);
      const latin1 = Buffer.from("ac_no,part_no,name,district,block\n1,1,A,Koriya,\n1,2,\u00c9cole,Koriya,\n", "latin1");
      expect(await expectRejectedUnchanged(() => importBooths(db, latin1))).toEqual([
        { line: 3, message: expect.stringMatching(/not UTF-8/) },
      ]);
    });

    it("refuses to move a booth that has members to another district", async () => {
      const [booth] = await db
        .select({ id: booths.id, acId: booths.acId, districtId: booths.districtId })
        .from(booths)
        .where(eq(booths.code, "001-001"));
      await db.execute(sql`
        INSERT INTO members (state_id, membership_no, epic, name, gender, age, caste_category, booth_id, ac_id,
                             district_id, channel, consent_version)
        VALUES (1, 'CG26-0000001', 'ABC1234567', 'Test Member', 'F', 30, 'GEN', ${booth!.id}, ${booth!.acId},
                ${booth!.districtId}, 'app', 'v1')`);
      const bytes = enc(csv([BOOTH_HEADER, ["1", "1", "Renamed School", "Manendragarh-Chirmiri-Bharatpur", ""]]));
      const problems = await expectRejectedUnchanged(() => importBooths(db, bytes));
      expect(problems).toEqual([
        { line: 2, message: "booth 001-001 has 1 member(s) in Koriya; it cannot move to Manendragarh-Chirmiri-Bharatpur" },
      ]);
    });

    it("refuses geography changes that would strand booths", async () => {
      const bytes = enc(
        realWith({
          2: "1,Bharatpur-Sonhat,ST,4,Korba,Koriya",
          3: "2,Manendragarh,GEN,5,Bilaspur,Manendragarh-Chirmiri-Bharatpur",
        }),
      );
      const problems = await expectRejectedUnchanged(() => importGeography(db, bytes));
      expect(problems).toEqual([
        { line: 2, message: expect.stringMatching(/AC 1 would no longer lie in district Manendragarh-Chirmiri-Bharatpur, but 15 booth/) },
        { line: 3, message: "AC 2 would move from PC 4 to PC 5, but it has 30 booth(s)" },
      ]);
    });
  });
});
