import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@/db/client";
import { recount } from "@/db/recount";
import { seed } from "@/lib/seed";
import { createTestDb, testEngines, viewerFor } from "@/lib/testing/db";
import type { Viewer } from "@/lib/auth/viewer";
import { acceptUpload } from "@/lib/members/import/web";
import { cancelImport, describeReason, ImportSuperseded, outcomeRows, runImport, scanFile, startImport, tryLockImport, type ImportActor } from "@/lib/members/import/import";

const NOW = new Date("2026-11-28T06:00:00Z");
const HEADER = "booth_code,epic,name,relative_name,gender,age,phone,address,religion,caste,caste_category,consent,consent_version";

function goodRow(code: string, epic: string, i = 0): string {
  return [code, epic, i % 2 ? "सुनीता साहू" : "Ramesh Verma", "", i % 2 ? "f" : "M", 20 + (i % 50), `98765${String(10_000 + i).slice(-5)}`, `"House ${i}, Ward 2"`, "Hindu", "Sahu", ["SC", "ST", "OBC", "General"][i % 4], "yes", "v1"].join(",");
}
function fileOf(lines: string[], opts: { bom?: boolean; crlf?: boolean } = {}): Buffer {
  return Buffer.from(`${opts.bom ? "\uFEFF" : ""}${lines.join(opts.crlf ? "\r\n" : "\n")}\n`);
}
const sourceOf = (bytes: Uint8Array, size = 4096) =>
  async function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  };

describe.each(testEngines())("member import on %s", (engine) => {
  let h: DbHandle;
  let raipur: Viewer;
  let raipurBooths: string[];
  let otherBooth: string;
  let fileNo = 0;
  const cli: ImportActor = { label: "test" };

  /** Starts (or resumes) and runs an import of `bytes` to its end, under the run lock as the CLI does. */
  async function importBytes(bytes: Uint8Array, actor: ImportActor = cli, extra: { chunkRows?: number; crashAfterChunks?: number } = {}) {
    const scan = await scanFile(sourceOf(bytes));
    let release: (() => Promise<void>) | null = null;
    const start = await startImport(h.db, { fileName: `f${++fileNo}.csv`, scan, actor, isFree: async (id) => (release = await tryLockImport(h.db, id)) !== null });
    if (start.kind === "started") release = await tryLockImport(h.db, start.progress.id);
    if (start.kind !== "started" && start.kind !== "resumed") return { start, final: null };
    try {
      const final = await runImport(h.db, start.progress.id, sourceOf(bytes), { actor, now: () => NOW, ...extra });
      return { start, final };
    } finally {
      await (release as (() => Promise<void>) | null)?.();
    }
  }
  const count = async (prefix: string) =>
    (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM members WHERE epic LIKE ${`${prefix}%`}`))[0]!.n;

  beforeAll(async () => {
    h = await createTestDb(engine);
    await seed(h.db, { members: 200, now: NOW, demoUsers: true });
    raipur = await viewerFor(h.db, "raipur@demo.local");
    raipurBooths = (
      await queryRows<{ code: string }>(h.db, sql`SELECT b.code FROM booths b JOIN districts d ON d.id = b.district_id WHERE d.slug = 'raipur' ORDER BY b.code LIMIT 5`)
    ).map((r) => r.code);
    [{ code: otherBooth }] = (await queryRows<{ code: string }>(
      h.db,
      sql`SELECT b.code FROM booths b JOIN districts d ON d.id = b.district_id WHERE d.slug = 'bilaspur' ORDER BY b.code LIMIT 1`,
    )) as [{ code: string }];
  });
  afterAll(async () => {
    await h?.close();
  });

  it("reports each bad row with its line and reason, imports the rest (BOM, CRLF, columns in any order)", async () => {
    const [b1, b2] = raipurBooths as [string, string];
    const reordered = "Consent_Version,CONSENT,caste_category,caste,religion,address,phone,age,gender,relative_name,name,epic,booth_code,extra";
    const swap = (row: string) => `${row.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).reverse().join(",")},ignored`;
    const lines = [
      reordered,
      swap(goodRow(b1, "BAD0000001", 0)), // 2 created
      swap(goodRow(b1, "XX1", 1)), // 3 bad EPIC
      swap(goodRow(b2, "BAD0000003", 2).replace(",22,", ",17,")), // 4 age
      swap(goodRow("999-999", "BAD0000004", 3)), // 5 unknown booth
      swap(goodRow(otherBooth, "BAD0000005", 4)), // 6 outside Raipur (rejected for the Raipur president)
      swap(goodRow(b2, "BAD0000001", 5)), // 7 same EPIC as line 2
      swap(goodRow(b2, "BAD0000007", 6).replace(",yes,", ",no,")), // 8 no consent
      "a,b,c", // 9 too few values
      "",
      swap(goodRow(b2, "BAD0000009", 7)), // 11 created
    ];
    const { start, final } = await importBytes(fileOf(lines, { bom: true, crlf: true }), { viewer: raipur });
    expect(start.kind).toBe("started");
    expect(final).toMatchObject({ status: "done", totalRows: 9, created: 2, duplicates: 1, rejected: 6 });
    const rows = await outcomeRows(h.db, final!.id);
    expect(rows.map((r) => [r.line, r.outcome])).toEqual([
      [2, "created"],
      [3, "rejected"],
      [4, "rejected"],
      [5, "rejected"],
      [6, "rejected"],
      [7, "duplicate"],
      [8, "rejected"],
      [9, "rejected"],
      [11, "created"],
    ]);
    const reason = (line: number) => describeReason(rows.find((r) => r.line === line)!.reason);
    expect(reason(3)).toMatch(/EPIC/);
    expect(reason(4)).toMatch(/Age/);
    expect(reason(5)).toMatch(/no booth/);
    expect(reason(6)).toMatch(/outside your area/);
    expect(reason(7)).toMatch(/line 2/);
    expect(reason(8)).toMatch(/consent/);
    expect(reason(9)).toMatch(/3 values/);
    expect(rows[0]!.membershipNo).toMatch(/^CG26-[0-9]{7}$/);
    expect(await count("BAD")).toBe(2);
    // The same file again: imported before, nothing written.
    const again = await importBytes(fileOf(lines, { bom: true, crlf: true }), { viewer: raipur });
    expect(again.start.kind).toBe("done_before");
    expect(await count("BAD")).toBe(2);
    // Imported again as a new file (another byte), the members already there are duplicates, masked.
    const second = await importBytes(fileOf([HEADER, goodRow(b1, "BAD0000001")]));
    expect(second.final).toMatchObject({ created: 0, duplicates: 1 });
    const [dup] = await outcomeRows(h.db, second.final!.id);
    expect(describeReason(dup!.reason)).toMatch(/Already a member \(CG26-•+[0-9]{3}\)/);
  });

  it("rejects a whole file that is not UTF-8, lacks a column or never closes a quote, writing nothing", async () => {
    const before = await queryRows(h.db, sql`SELECT count(*)::int AS n FROM member_imports`);
    const latin1 = Buffer.concat([fileOf([HEADER, goodRow(raipurBooths[0]!, "ENC0000001")]), Buffer.from([0x41, 0xe9, 0x0a])]);
    const r1 = await importBytes(latin1);
    expect(r1.start).toEqual({ kind: "rejected", problems: [{ line: 3, message: expect.stringMatching(/not UTF-8/) }] });
    const r2 = await importBytes(fileOf([HEADER.replace(",consent,", ","), goodRow(raipurBooths[0]!, "ENC0000002")]));
    expect(r2.start).toEqual({ kind: "rejected", problems: [{ line: 1, message: 'missing column "consent"' }] });
    const r3 = await importBytes(fileOf([HEADER, `${goodRow(raipurBooths[0]!, "ENC0000003")},"open`]));
    expect(r3.start).toMatchObject({ kind: "rejected", problems: [{ line: 2 }] });
    expect(await queryRows(h.db, sql`SELECT count(*)::int AS n FROM member_imports`)).toEqual(before);
    expect(await count("ENC")).toBe(0);
  });

  it("a crash inside a chunk keeps every committed chunk and no part of the crashed one; resuming imports each good row once", async () => {
    const lines = [HEADER];
    for (let i = 0; i < 1_000; i++) lines.push(i % 10 === 9 ? goodRow(raipurBooths[i % 5]!, "ZZ1", i) : goodRow(raipurBooths[i % 5]!, `CRS${String(i).padStart(7, "0")}`, i));
    const bytes = fileOf(lines);
    await expect(importBytes(bytes, cli, { chunkRows: 150, crashAfterChunks: 3 })).rejects.toThrow(/simulated crash/);
    const [imp] = await queryRows<{ id: number; status: string; next_line: number; created: number; rejected: number }>(
      h.db,
      sql`SELECT id, status, next_line, created, rejected FROM member_imports ORDER BY id DESC LIMIT 1`,
    );
    expect(imp).toMatchObject({ status: "failed", next_line: 2 + 450, created: 405, rejected: 45 });
    expect(await count("CRS")).toBe(405);
    expect(await recount(h.db)).toEqual([]);

    const resumed = await importBytes(bytes, cli, { chunkRows: 150 });
    expect(resumed.start.kind).toBe("resumed");
    expect(resumed.final).toMatchObject({ id: imp!.id, status: "done", created: 900, rejected: 100, duplicates: 0 });
    expect(await count("CRS")).toBe(900);
    const [lines_] = await queryRows<{ n: number; distinct_lines: number }>(
      h.db,
      sql`SELECT count(*)::int AS n, count(DISTINCT line)::int AS distinct_lines FROM member_import_rows WHERE import_id = ${imp!.id}`,
    );
    expect(lines_).toEqual({ n: 1_000, distinct_lines: 1_000 });
    expect(await recount(h.db)).toEqual([]);
  });

  it("stops a cancelled import before its next chunk and resumes it with the same file", async () => {
    const lines = [HEADER];
    for (let i = 0; i < 300; i++) lines.push(goodRow(raipurBooths[i % 5]!, `CAN${String(i).padStart(7, "0")}`, i));
    const bytes = fileOf(lines);
    const scan = await scanFile(sourceOf(bytes));
    const start = await startImport(h.db, { fileName: "cancel.csv", scan, actor: cli, isFree: async () => true });
    let chunks = 0;
    const run = runImport(h.db, start.kind === "started" ? start.progress.id : -1, sourceOf(bytes), {
      actor: cli,
      chunkRows: 100,
      onProgress: async () => {
        if (++chunks === 1) expect(await cancelImport(h.db, start.kind === "started" ? start.progress.id : -1, cli)).toBe(true);
      },
    });
    await expect(run).rejects.toBeInstanceOf(ImportSuperseded);
    expect(await count("CAN")).toBe(100);
    const resumed = await importBytes(bytes);
    expect(resumed.start.kind).toBe("resumed");
    expect(await count("CAN")).toBe(300);
  });

  it.runIf(engine === "postgres")("a CLI run killed part-way and run again ends with every good row exactly once", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "members-import-"));
    const file = path.join(dir, "kill.csv");
    const lines = [HEADER];
    for (let i = 0; i < 6_000; i++) lines.push(i % 100 === 7 ? goodRow("999-999", `KIL${String(i).padStart(7, "0")}`, i) : goodRow(raipurBooths[i % 5]!, `KIL${String(i).padStart(7, "0")}`, i));
    writeFileSync(file, fileOf(lines, { crlf: true }));
    const [{ url }] = (await queryRows<{ url: string }>(h.db, sql`SELECT current_database() AS url`)) as [{ url: string }];
    const dbUrl = new URL(process.env.TEST_DATABASE_URL!);
    dbUrl.pathname = `/${url}`;
    const env = { ...process.env, DATABASE_URL: dbUrl.toString(), MEMBER_IMPORT_CHUNK: "200" };
    const run = (killAfterProgress: boolean) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ["--import", "tsx", "scripts/import.ts", "members", file], { env, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          if (killAfterProgress && /\[#*\.*\]\s+[0-9]+%/.test(out)) child.kill("SIGKILL");
        });
        child.stderr.on("data", (d: Buffer) => (out += d.toString()));
        child.on("exit", (code) => resolve({ code, out }));
      });
    const first = await run(true);
    expect(first.code).toBeNull(); // killed
    const killedAt = await count("KIL");
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(5_940);
    const second = await run(false);
    expect(second.out).toMatch(/resuming import/);
    expect(second.code).toBe(0);
    const [r] = await queryRows<{ n: number; d: number }>(h.db, sql`SELECT count(*)::int AS n, count(DISTINCT epic)::int AS d FROM members WHERE epic LIKE 'KIL%'`);
    expect(r).toEqual({ n: 5_940, d: 5_940 });
    const outcome = readFileSync(path.join(dir, "kill.outcome.csv"), "utf8").trim().split("\r\n");
    expect(outcome).toHaveLength(6_001);
    expect(outcome.filter((l) => l.includes(",rejected,"))).toHaveLength(60);
    expect(await recount(h.db)).toEqual([]);
  });

  it("checks each upload in its own file: the same refused bytes sent at once are each a 400, never a missing file, and leave nothing", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "member-imports-"));
    const before = process.env.MEMBER_IMPORT_DIR;
    process.env.MEMBER_IMPORT_DIR = dir;
    try {
      // A header without a required column: refused whole, after the scan (as the authorization matrix's empty
      // uploads from several users at once were).
      const bad = fileOf(["booth_code,epic,name", `${raipurBooths[0]},ZZU0000001,Ramesh Verma`]);
      const body = () => new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(new Uint8Array(bad)), c.close()) });
      const empty = () => new ReadableStream<Uint8Array>({ start: (c) => c.close() });
      // Another upload of the same bytes is being checked in the content-named file right now…
      const sha = createHash("sha256").update(bad).digest("hex");
      const shared = path.join(dir, `${sha}.csv`);
      writeFileSync(shared, bad);
      // …and this one, refused, neither replaces nor removes it.
      expect(await acceptUpload(h.db, raipur, body(), "bad.csv")).toMatchObject({ ok: false, status: 400 });
      expect(readdirSync(dir)).toEqual([`${sha}.csv`]);
      rmSync(shared);
      // At once, each is a 400 (never a file gone from under another's check), and nothing is left behind.
      const results = await Promise.all([...Array.from({ length: 6 }, () => acceptUpload(h.db, raipur, body(), "bad.csv")), ...Array.from({ length: 6 }, () => acceptUpload(h.db, raipur, empty(), "empty.csv"))]);
      for (const r of results) expect(r).toMatchObject({ ok: false, status: 400 });
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.MEMBER_IMPORT_DIR;
      else process.env.MEMBER_IMPORT_DIR = before;
    }
  });
});
