/**
 * The importers' speed, each called as its command or page calls it, on a scratch database (a copy of a
 * seeded one, with a leadership user):
 *   booths        `importBooths` (npm run import -- booths): new part numbers in every assembly seat;
 *   members       `importMembersCli` (npm run import -- members): a file of valid sign-ups on those booths,
 *                 streamed, chunked, with its outcome file;
 *   appointments  `previewImport` + `applyImport` (the /appointments/import page), as the state leadership:
 *                 one enroller for each of the new (vacant) booths.
 * Needs the react-server condition (the appointments import is server-only).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDb, queryRows, type Db } from "@/db/client";
import { loadViewer } from "@/lib/auth/viewer";
import { csvLine } from "@/lib/csv/write";
import { importBooths } from "@/lib/geo/import-booths";
import { translator } from "@/lib/i18n";
import { importMembersCli } from "@/lib/members/import/cli";
import { REQUIRED_COLUMNS } from "@/lib/members/import/import";
import { applyImport, IMPORT_COLUMNS, previewImport } from "@/lib/appointments/import";
import { signUp } from "@/scripts/bench/signup";

export interface ImportTiming {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** What the importer reports it did, e.g. "25000 booths created". */
  outcome: string;
}

export interface ImportTimings {
  booths: ImportTiming;
  members: ImportTiming;
  appointments: ImportTiming & { previewSeconds: number };
}

const timing = (rows: number, seconds: number, outcome: string): ImportTiming => ({ rows, seconds, rowsPerSecond: rows / seconds, outcome });
const enc = (s: string) => new TextEncoder().encode(s);

/** `count` new booths, spread over the assembly seats, each in a district and block its seat already has. */
async function boothsFile(db: Db, count: number): Promise<string> {
  const seats = await queryRows<{ ac_no: number; max_part: number; district: string; block: string }>(
    db,
    sql`SELECT DISTINCT ON (a.no) a.no AS ac_no, (SELECT max(part_no) FROM booths x WHERE x.ac_id = a.id) AS max_part, d.slug AS district, bl.name AS block
        FROM assembly_seats a JOIN booths b ON b.ac_id = a.id JOIN districts d ON d.id = b.district_id JOIN blocks bl ON bl.id = b.block_id
        ORDER BY a.no, b.id`,
  );
  let out = csvLine(["ac_no", "part_no", "name", "district", "block"]);
  for (let i = 0; i < count; i++) {
    const s = seats[i % seats.length]!;
    const part = s.max_part + 1 + Math.floor(i / seats.length);
    out += csvLine([s.ac_no, part, `Bench booth ${s.ac_no}-${part}`, s.district, s.block]);
  }
  return out;
}

/** Letters only, for names: 0 → "A", 27 → "Bb". */
function letters(i: number): string {
  let s = "";
  let n = i;
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s[0]!.toUpperCase() + s.slice(1);
}

export async function timeImports(url: string, sizes: { members: number; booths: number; appointments: number }, log: (m: string) => void): Promise<ImportTimings> {
  const handle = await openDb({ url });
  const dir = mkdtempSync(path.join(tmpdir(), "sadasyata-bench-"));
  try {
    const db = handle.db;
    // Booths.
    const bytes = enc(await boothsFile(db, sizes.booths));
    let started = performance.now();
    const b = await importBooths(db, bytes, { actorLabel: "bench" });
    const booths = timing(sizes.booths, (performance.now() - started) / 1000, b.ok ? `${b.created.booths ?? 0} booths created` : `rejected: ${b.problems.length} problems`);
    if (!b.ok || b.created.booths !== sizes.booths) throw new Error(`booth import: ${booths.outcome}`);
    log(`booths import: ${booths.rows} rows in ${booths.seconds.toFixed(1)} s`);

    // Members, on the new booths and the seeded ones alike.
    const codes = (await queryRows<{ code: string }>(db, sql`SELECT code FROM booths ORDER BY id`)).map((r) => r.code);
    const file = path.join(dir, "members.csv");
    const lines = [csvLine(REQUIRED_COLUMNS)];
    for (let i = 0; i < sizes.members; i++) {
      const m = signUp(i, codes[(i * 7919) % codes.length]!, "IMP");
      lines.push(csvLine([m.epic, m.name, m.gender, m.age, m.phone, m.address, m.religion, m.caste, m.casteCategory, m.boothCode, "yes", m.consentVersion]));
    }
    writeFileSync(file, lines.join(""));
    started = performance.now();
    const code = await importMembersCli(db, file, { actorLabel: "bench" });
    const seconds = (performance.now() - started) / 1000;
    const [{ n }] = (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM members WHERE epic LIKE 'IMP%'`)) as [{ n: number }];
    const members = timing(sizes.members, seconds, `${n} members created`);
    log(`members import: ${members.rows} rows in ${members.seconds.toFixed(1)} s`);
    if (code !== 0 || n !== sizes.members) throw new Error(`member import: exit ${code}, ${members.outcome} of ${sizes.members}`);

    // Appointments: an enroller on each of the new booths, as the state leadership.
    const [pcc] = await queryRows<{ id: number }>(db, sql`SELECT id FROM users WHERE role = 'leadership' AND active ORDER BY id LIMIT 1`);
    const viewer = pcc && (await loadViewer(db, pcc.id));
    if (!viewer) throw new Error("the scratch database has no leadership user");
    const vacant = await queryRows<{ code: string }>(db, sql`SELECT code FROM booths WHERE name LIKE 'Bench booth %' ORDER BY id LIMIT ${sizes.appointments}`);
    const taken = new Set((await queryRows<{ phone: string }>(db, sql`SELECT phone FROM workers`)).map((r) => r.phone));
    let phone = 6_000_000_000;
    let csv = csvLine(IMPORT_COLUMNS);
    for (const [i, v] of vacant.entries()) {
      while (taken.has(String(phone))) phone++;
      csv += csvLine(["enroller", "booth", v.code, `Bench ${letters(i)} Sahu`, String(phone++), ""]);
    }
    const ctx = { db, viewer, t: translator("en") };
    started = performance.now();
    const preview = await previewImport(ctx, enc(csv));
    const previewSeconds = (performance.now() - started) / 1000;
    const applied = await applyImport(ctx, enc(csv), preview.fingerprint, "bench.csv");
    const apSeconds = (performance.now() - started) / 1000;
    const appointments = { ...timing(vacant.length, apSeconds, `${applied.status}: ${applied.counts.appointed} appointed`), previewSeconds };
    log(`appointments import: ${appointments.rows} rows in ${appointments.seconds.toFixed(1)} s (preview ${previewSeconds.toFixed(1)} s, then apply)`);
    if (applied.status !== "applied" || applied.counts.appointed !== sizes.appointments) {
      const why = applied.fileProblems[0] ?? applied.rows.find((r) => r.outcome === "rejected")?.reason ?? "";
      throw new Error(`appointments import: ${appointments.outcome} of ${sizes.appointments} ${why}`);
    }
    return { booths, members, appointments };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await handle.close();
  }
}
