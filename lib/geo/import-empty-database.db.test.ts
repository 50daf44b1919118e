/**
 * A real deployment starts from an empty, migrated database: the geography import creates the state, the
 * booths import hangs booths on it, and both take files as people save them from Excel (byte-order mark,
 * CRLF, columns in their own order, no Hindi column, blank lines). Proved through the functions and once
 * through the command line, on every engine.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDb, openDb, type Db, type DbHandle } from "@/db/client";
import { assemblySeats, auditEvents, lokSabhaSeats, states } from "@/db/schema";
import { adminQuery, createTestDb, testEngines, type Engine } from "@/lib/testing/db";
import {
  csvField,
  importedBooths,
  REAL_GEOGRAPHY_COUNTS,
  REAL_SEATS as SEATS,
  realGeographyCreated,
  refusedUnchanged as refusedUnchangedIn,
  rowCounts,
  rowSnapshot,
  type Seat,
} from "@/lib/testing/geo-import";
import { importBooths } from "@/lib/geo/import-booths";
import type { CsvProblem } from "@/lib/csv/problems";
import type { ImportOptions, ImportResult } from "@/lib/csv/import-result";
import { importGeography } from "@/lib/geo/import-geography";

const enc = (s: string) => new TextEncoder().encode(s);
const BOM = [0xef, 0xbb, 0xbf];
const CG: ImportOptions = { stateCode: "CG", stateName: "Chhattisgarh", stateNameHi: "छत्तीसगढ़" };

/** What Excel's "CSV UTF-8" writes: a byte-order mark and CRLF. */
function excel(lines: readonly (readonly string[] | string)[]): Uint8Array {
  const text = lines.map((l) => (typeof l === "string" ? l : l.map(csvField).join(","))).join("\r\n") + "\r\n";
  return new Uint8Array([...BOM, ...enc(text)]);
}

const GEO_HEADER = ["District", "PC_NAME", "AC_NO", " Reserved ", "pc_no", "AC_Name"];
const geoRow = (s: Seat) => [s.district, s.pcName, s.no, s.reserved, s.pcNo, s.name];

/** The shared file saved from Excel: columns reordered, no Hindi column, an empty line and an empty row inside. */
function excelGeography(): Uint8Array {
  const rows: (string[] | string)[] = SEATS.map(geoRow);
  rows.splice(40, 0, "");
  rows.splice(70, 0, ",,,,,");
  return excel([GEO_HEADER, ...rows]);
}

const BOOTH_HEADER = ["Block", "name", "part_no", "District", "ac_no"];
const BOOTHS = [
  ["Baikunthpur", "Govt. Primary School, Sonhat", "1", "Koriya", "1"],
  ["", "प्राथमिक शाला भरतपुर", "2", "Manendragarh-Chirmiri-Bharatpur", "1"],
  ["Raipur", 'Ward 12 "A", Gol Bazar', "1", "raipur", "49"],
  ["Raipur", "Ward 13", "2", "Raipur", "49"],
  ["Konta", "Konta Ashram", "1", "Sukma", "90"],
];

function excelBooths(): Uint8Array {
  return excel([BOOTH_HEADER, BOOTHS[0]!, BOOTHS[1]!, "", BOOTHS[2]!, ",,,,", BOOTHS[3]!, BOOTHS[4]!]);
}

const TABLES = ["states", "lok_sabha_seats", "districts", "assembly_seats", "assembly_seat_districts", "blocks", "booths", "audit_events"];

const counts = (db: Db) => rowCounts(db, TABLES);
const snapshot = (db: Db) => rowSnapshot(db, TABLES);

describe.each(testEngines())("a deployment from an empty database on %s", (engine) => {
  let h: DbHandle;
  let db: Db;

  beforeAll(async () => {
    h = await createTestDb(engine);
    db = h.db;
  });
  afterAll(async () => {
    await h?.close();
  });

  const refusedUnchanged = <K extends string>(run: () => Promise<ImportResult<K>>): Promise<CsvProblem[]> => refusedUnchangedIn(db, TABLES, run);

  it("starts with no state, and a geography file naming none is refused with what to do", async () => {
    expect(await counts(db)).toMatchObject({ states: 0, assembly_seats: 0, audit_events: 0 });
    const problems = await refusedUnchanged(() => importGeography(db, excelGeography()));
    expect(problems).toEqual([
      {
        line: null,
        message: expect.stringMatching(/^no state to import into: state "CG" is not in the database.*--state CODE --state-name NAME/),
      },
    ]);
    // A bare --state does not found a state (a mistyped code would file the seats under a new one).
    expect(await refusedUnchanged(() => importGeography(db, excelGeography(), { stateCode: "CG" }))).toEqual([
      { line: null, message: expect.stringMatching(/state "CG" is not in the database; to create it, give its name too/) },
    ]);
    expect(await refusedUnchanged(() => importBooths(db, excelBooths()))).toEqual([
      { line: null, message: expect.stringMatching(/state "CG" is not in the states table: import its geography first/) },
    ]);
  });

  it("refuses a malformed state code, names without a code, and a file whose state conflicts", async () => {
    const bad = await refusedUnchanged(() =>
      importGeography(db, excelGeography(), { stateCode: "Chhattisgarh", stateName: "Chhattisgarh" }),
    );
    expect(bad).toEqual([{ line: null, message: '--state "Chhattisgarh" is not a state code (two letters, e.g. --state CG)' }]);
    expect(await refusedUnchanged(() => importGeography(db, excelGeography(), { stateName: "Chhattisgarh" }))).toEqual([
      { line: null, message: expect.stringMatching(/--state-name needs the state's code/) },
    ]);
    expect(await refusedUnchanged(() => importGeography(db, excelGeography(), { ...CG, stateNameHi: " " }))).toEqual([
      { line: null, message: "--state-name-hi is empty" },
    ]);

    const withState = (codes: string[]) =>
      excel([["state", ...GEO_HEADER], ...SEATS.slice(0, codes.length).map((s, i) => [codes[i]!, ...geoRow(s)])]);
    expect(await refusedUnchanged(() => importGeography(db, withState(["CG", "cg", "MP", "C", ""]), CG))).toEqual([
      { line: 4, message: 'state "MP" conflicts with --state CG' },
      { line: 5, message: 'state "C" is not a state code (two letters, e.g. CG)' },
      { line: 6, message: "state is empty (the file has a state column, so every row names its state)" },
    ]);
    expect(await refusedUnchanged(() => importGeography(db, withState(["CG", "MP"])))).toEqual([
      { line: 3, message: 'state "MP" differs from "CG" on line 2 (a file holds one state)' },
    ]);
    expect(await refusedUnchanged(() => importGeography(db, withState(["ZZ"])))).toEqual([
      { line: null, message: expect.stringMatching(/state "ZZ" \(from the file's state column\) is not in the database and its name is not known/) },
    ]);
  });

  it("refuses ill-formed cells (NUL, a lone surrogate, control characters) by line and column, writing nothing", async () => {
    const rows: string[][] = SEATS.map(geoRow);
    rows[3]![5] = "Prem\u0000nagar"; // line 5
    rows[9]![0] = "Surguja\u0007"; // line 11
    const text = [GEO_HEADER, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n");
    // ED A0 80 is how CESU-8 / WTF-8 writers encode a lone surrogate (U+D800): not UTF-8, so never stored as U+FFFD.
    const [before, after] = text.split("Lundra");
    const bytes = new Uint8Array([...BOM, ...enc(before!), ...enc("Lun"), 0xed, 0xa0, 0x80, ...enc("dra"), ...enc(after!)]);
    const problems = await refusedUnchanged(() => importGeography(db, bytes, CG));
    expect(problems).toEqual([
      { line: 5, message: 'column "AC_Name" contains a NUL character (U+0000), which is not text' },
      { line: 10, message: expect.stringMatching(/^the file is not UTF-8 text: column "AC_Name" has the byte 0xED \(perhaps saved in a legacy encoding/) },
      { line: 11, message: 'column "District" contains a control character (U+0007)' },
    ]);

    const boothText = [BOOTH_HEADER, ["", "School\u0000", "1", "Koriya", "1"]].map((r) => r.join(",")).join("\r\n");
    expect(await refusedUnchanged(() => importBooths(db, enc(boothText)))).toEqual([
      { line: 2, message: 'column "name" contains a NUL character (U+0000), which is not text' },
    ]);
  });

  it("imports the Excel-saved geography with --state options, creating the state", async () => {
    const result = await importGeography(db, excelGeography(), { ...CG, actorLabel: "first-import" });
    expect(result).toEqual(realGeographyCreated({ states: 1, blankLines: 2 }));
    const [state, ...others] = await db.select().from(states);
    expect(others).toHaveLength(0);
    expect(state).toMatchObject({ code: "CG", name: "Chhattisgarh", nameHi: "छत्तीसगढ़", lokSabhaSeats: 11, assemblySeats: 90 });
    expect(await counts(db)).toMatchObject(REAL_GEOGRAPHY_COUNTS);

    const [ac49] = await db
      .select({ name: assemblySeats.name, nameHi: assemblySeats.nameHi, stateId: assemblySeats.stateId, pc: lokSabhaSeats.name })
      .from(assemblySeats)
      .innerJoin(lokSabhaSeats, eq(lokSabhaSeats.id, assemblySeats.pcId))
      .where(eq(assemblySeats.no, 49));
    expect(ac49).toEqual({ name: "Raipur City West", nameHi: null, stateId: state!.id, pc: "Raipur" });

    const audits = await db.select().from(auditEvents);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "import.geography", actorLabel: "first-import", stateId: state!.id });
    expect(audits[0]?.after).toMatchObject({
      stateCreated: { code: "CG", name: "Chhattisgarh", nameHi: "छत्तीसगढ़", lokSabhaSeats: 11, assemblySeats: 90 },
      created: { states: 1, acs: 90 },
      blankLines: 2,
    });
  });

  it("imports an Excel-saved booths file onto it, with each booth's PC and district", async () => {
    const result = await importBooths(db, excelBooths());
    expect(result).toEqual({
      ok: true,
      changed: true,
      created: { booths: 5, blocks: 3 },
      updated: { booths: 0, blocks: 0 },
      removed: { booths: 0, blocks: 0 },
      unchanged: 0,
      blankLines: 2,
    });
    const pcOf = (ac: string) => Number(SEATS.find((s) => s.no === ac)!.pcNo);
    const booth = (code: string, name: string, ac: string, district: string, block: string | null) =>
      ({ code, name, pcNo: pcOf(ac), district, block, state: "CG", synthetic: false });
    expect(await importedBooths(db)).toEqual([
      booth("001-001", "Govt. Primary School, Sonhat", "1", "koriya", "Baikunthpur"),
      booth("001-002", "प्राथमिक शाला भरतपुर", "1", "manendragarh-chirmiri-bharatpur", null),
      booth("049-001", 'Ward 12 "A", Gol Bazar', "49", "raipur", "Raipur"),
      booth("049-002", "Ward 13", "49", "raipur", "Raipur"),
      booth("090-001", "Konta Ashram", "90", "sukma", "Konta"),
    ]);
    expect(pcOf("49")).toBe(8);
  });

  it("imports both files again as a no-op, still counting their blank lines", async () => {
    const before = await snapshot(db);
    expect(await importGeography(db, excelGeography(), CG)).toMatchObject({ ok: true, changed: false, blankLines: 2 });
    expect(await importGeography(db, excelGeography())).toMatchObject({ ok: true, changed: false });
    expect(await importBooths(db, excelBooths())).toMatchObject({ ok: true, changed: false, unchanged: 5, blankLines: 2 });
    expect(await snapshot(db)).toEqual(before);
  });

  it("refuses names that differ from the existing state's (an import never renames a state)", async () => {
    const problems = await refusedUnchanged(() => importGeography(db, excelGeography(), { ...CG, stateName: "Chattisgarh" }));
    expect(problems).toEqual([{ line: null, message: 'state CG is named "Chhattisgarh", not "Chattisgarh" (an import does not rename a state)' }]);
  });

  it("creates a state from the file's state column alone, with its known names and seat counts", async () => {
    const file = excel([
      ["ac_no", "ac_name", "reserved", "pc_no", "pc_name", "district", "state"],
      ["1", "Sheopur", "GEN", "1", "Morena", "Sheopur", "mp"],
      ["", "", "", "", "", "", ""],
      ["230", "Alirajpur", "ST", "29", "Ratlam", "Alirajpur", "MP"],
    ]);
    const result = await importGeography(db, file);
    expect(result).toMatchObject({ ok: true, created: { states: 1, pcs: 2, districts: 2, acs: 2 }, blankLines: 1 });
    const [mp] = await db.select().from(states).where(eq(states.code, "MP"));
    expect(mp).toMatchObject({ name: "Madhya Pradesh", nameHi: "मध्य प्रदेश", lokSabhaSeats: 29, assemblySeats: 230 });
    // The other state's geography is its own: CG still has its 90 seats.
    const cg = await db.select({ n: sql<number>`count(*)::int` }).from(assemblySeats).innerJoin(states, eq(states.id, assemblySeats.stateId)).where(eq(states.code, "CG"));
    expect(cg[0]?.n).toBe(90);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The same path through `npm run import` (scripts/import.ts), so the command-line flags are proved.

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/import.ts", ...args], {
      cwd: process.cwd(),
      // An owner URL from the environment would send the migrations to another database.
      env: { ...process.env, DATABASE_OWNER_URL: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}


/** An empty database the CLI migrates itself: a PGlite folder, or a new PostgreSQL database. */
async function emptyDatabase(engine: Engine, dir: string): Promise<{ env: Record<string, string>; open: () => Promise<DbHandle>; drop: () => Promise<void> }> {
  if (engine === "pglite") {
    const dataDir = path.join(dir, "pglite");
    return { env: { PGLITE_DIR: dataDir, DATABASE_URL: "" }, open: () => openDb({ dataDir }), drop: async () => {} };
  }
  // Named like lib/testing/db.ts's databases, so a run killed part-way has it dropped by the global teardown.
  const name = `sadasyata_t_${process.pid}_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openDb({ url: url.toString(), max: 1 }),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

describe.each(testEngines())("npm run import on an empty %s database", (engine) => {
  it("refuses without --state, then imports geography and booths with the flags, then changes nothing", { timeout: 480_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sadasyata-import-"));
    const target = await emptyDatabase(engine, dir);
    try {
      const geo = path.join(dir, "seats.csv");
      const boothFile = path.join(dir, "booths.csv");
      await writeFile(geo, excelGeography());
      await writeFile(boothFile, excelBooths());

      const refused = await runCli(["geography", geo], target.env);
      expect(refused.code, refused.out).toBe(1);
      expect(refused.out).toMatch(/rejected, nothing was imported/);
      expect(refused.out).toMatch(/--state CG --state-name Chhattisgarh --state-name-hi छत्तीसगढ़/);

      const flags = ["--state", "cg", "--state-name", "Chhattisgarh", "--state-name-hi", "छत्तीसगढ़"];
      const imported = await runCli(["geography", geo, ...flags], target.env);
      expect(imported.code, imported.out).toBe(0);
      expect(imported.out).toMatch(/created: +1 states, 11 pcs, 33 districts, 90 acs, 94 acDistricts/);
      expect(imported.out).toMatch(/blank lines skipped: 2/);

      const boothRun = await runCli(["booths", boothFile, "--state", "CG"], target.env);
      expect(boothRun.code, boothRun.out).toBe(0);
      expect(boothRun.out).toMatch(/created: +5 booths, 3 blocks/);

      const again = await runCli(["geography", geo, ...flags], target.env);
      expect(again.code, again.out).toBe(0);
      expect(again.out).toMatch(/matches the database; nothing changed .*\(2 blank line\(s\) skipped\)/);

      const usage = await runCli(["booths", boothFile, "--state-name", "Chhattisgarh"], target.env);
      expect(usage.code).toBe(2);

      const h = await target.open();
      try {
        await migrateDb(h);
        const [state] = await h.db.select().from(states);
        expect(state).toMatchObject({ code: "CG", name: "Chhattisgarh", nameHi: "छत्तीसगढ़" });
        expect(await counts(h.db)).toMatchObject({ states: 1, lok_sabha_seats: 11, districts: 33, assembly_seats: 90, booths: 5, audit_events: 2 });
      } finally {
        await h.close();
      }
    } finally {
      await target.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
