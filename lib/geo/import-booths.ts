/**
 * Imports polling booths (`ac_no, part_no, name, district, block`) for a state whose geography is already
 * imported. A booth is keyed by (AC, part number); its PC comes from the AC, its district (by name or slug)
 * must be one the AC lies in, and its block (may be empty) is created in that district if it is new.
 *
 * Same rules as the geography import: every problem with its line before anything is written; one
 * transaction and one audit event; unchanged booths are not touched. A state has ~25,000 booths, so the
 * writes are set-based (`unnest` of column arrays), never one statement per row. Booths missing from the
 * file are left alone (a file may cover one district).
 */
import { eq, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { assemblySeatDistricts, assemblySeats, blocks, booths, members } from "@/db/schema";
import { boothCode, districtSlug, MAX_PART_NO } from "@/lib/geo/slug";
import { cell, parseWholeNumber, widthProblem } from "@/lib/csv/columns";
import { readTable } from "@/lib/csv/parse";
import { rejected, zeroCounts, type ImportOptions, type ImportResult, type ImportSuccess } from "@/lib/csv/import-result";
import type { CsvProblem } from "@/lib/csv/problems";
import type { CsvRow } from "@/lib/csv/records";
import { districtsBySlug, lockImportState, unknownStateProblem, writeImportAudit, type ImportState } from "@/lib/geo/import-geography";

const REQUIRED = ["ac_no", "part_no", "name", "district", "block"] as const;
type Columns = Record<(typeof REQUIRED)[number], number>;

export const BOOTH_KINDS = ["booths", "blocks"] as const;
export type BoothKind = (typeof BOOTH_KINDS)[number];
export type BoothImportResult = ImportResult<BoothKind>;

export async function importBooths(db: DbOrTx, bytes: Uint8Array, opts: ImportOptions = {}): Promise<BoothImportResult> {
  const read = readTable(bytes, REQUIRED);
  if (!read.ok) return rejected(read.problems);
  const { table, columns } = read;
  const stateCode = opts.stateCode ?? "CG";

  return db.transaction(async (tx) => {
    const state = await lockImportState(tx, stateCode);
    if (!state) return rejected([unknownStateProblem(stateCode)]);
    const geo = await loadGeo(tx, state.id);
    const { lines, problems } = validateRows(table.rows, columns, table.header.length, state, geo);
    const existing = await loadBooths(tx, state.id);
    problems.push(...(await movesUnderMembers(tx, lines, existing, geo)));
    if (problems.length > 0) return rejected(problems);

    const result = await applyBooths(tx, state.id, lines, existing, geo);
    result.blankLines = table.blankLines.length;
    if (result.changed) {
      await writeImportAudit(tx, state, opts, "import.booths", "booths", {
        rows: table.rows.length,
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
        blankLines: result.blankLines,
      });
    }
    return result;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Geography the booths hang on

interface Geo {
  seats: Map<number, { id: number; pcId: number; districtIds: Set<number> }>;
  districtsBySlug: Map<string, { id: number; name: string }>;
  districtNames: Map<number, string>;
  /** blockKey(districtId, name) → block id. */
  blocks: Map<string, number>;
}

/** Blocks match regardless of case and spacing, so "Dondi  lohara" finds "Dondi Lohara" instead of cloning it. */
function blockKey(districtId: number, name: string): string {
  return `${districtId}|${tidy(name).toLowerCase()}`;
}

function tidy(name: string): string {
  return name.trim().replace(/\s+/g, " ");
}

async function loadGeo(tx: Tx, stateId: number): Promise<Geo> {
  const seatRows = await tx
    .select({ id: assemblySeats.id, no: assemblySeats.no, pcId: assemblySeats.pcId })
    .from(assemblySeats)
    .where(eq(assemblySeats.stateId, stateId));
  const pairRows = await tx
    .select({ acId: assemblySeatDistricts.acId, districtId: assemblySeatDistricts.districtId })
    .from(assemblySeatDistricts)
    .innerJoin(assemblySeats, eq(assemblySeats.id, assemblySeatDistricts.acId))
    .where(eq(assemblySeats.stateId, stateId));
  const bySlug = await districtsBySlug(tx, stateId);
  const blockRows = await tx
    .select({ id: blocks.id, districtId: blocks.districtId, name: blocks.name })
    .from(blocks)
    .where(eq(blocks.stateId, stateId));

  const seats: Geo["seats"] = new Map();
  for (const s of seatRows) {
    const districtIds = new Set(pairRows.filter((p) => p.acId === s.id).map((p) => p.districtId));
    seats.set(s.no, { id: s.id, pcId: s.pcId, districtIds });
  }
  return {
    seats,
    districtsBySlug: bySlug,
    districtNames: new Map([...bySlug.values()].map((d) => [d.id, d.name])),
    blocks: new Map(blockRows.map((b) => [blockKey(b.districtId, b.name), b.id])),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Validation

interface BoothLine {
  line: number;
  acId: number;
  pcId: number;
  partNo: number;
  code: string;
  name: string;
  districtId: number;
  /** Tidied block name, or null for no block. */
  block: string | null;
}

type Report = (message: string) => void;

function validateRows(
  rows: readonly CsvRow[],
  columns: Columns,
  headerWidth: number,
  state: ImportState,
  geo: Geo,
): { lines: BoothLine[]; problems: CsvProblem[] } {
  const lines: BoothLine[] = [];
  const problems: CsvProblem[] = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const report: Report = (message) => problems.push({ line: row.line, message });
    const width = widthProblem(row, headerWidth);
    if (width) problems.push(width);
    const { code, booth } = readBooth(row, columns, state, geo, report);
    // Checked whenever the key is valid, so a repeated booth is reported even if the row has other faults.
    const first = code === null ? undefined : firstLine.get(code);
    if (first !== undefined) report(`booth ${code} appears again (first on line ${first})`);
    else if (code !== null) firstLine.set(code, row.line);
    if (booth) lines.push(booth);
  }
  return { lines, problems };
}

/** The booth, or null if any field is bad; `code` whenever the AC and part number are valid. */
function readBooth(
  row: CsvRow,
  c: Columns,
  state: ImportState,
  geo: Geo,
  report: Report,
): { code: string | null; booth: BoothLine | null } {
  const acRaw = cell(row, c.ac_no);
  const acNo = parseWholeNumber(acRaw);
  const seat = acNo === null ? undefined : geo.seats.get(acNo);
  if (acRaw === "") report("ac_no is empty");
  else if (!seat) report(`unknown AC: ac_no "${acRaw}" is not an assembly seat of ${state.code}`);

  const partNo = readPartNo(cell(row, c.part_no), report);
  const name = cell(row, c.name);
  if (name === "") report("name is empty");
  const districtId = readDistrict(cell(row, c.district), acNo, seat?.districtIds, geo, report);

  if (acNo === null || !seat || partNo === null) return { code: null, booth: null };
  const code = boothCode(acNo, partNo);
  if (name === "" || districtId === null) return { code, booth: null };
  const block = tidy(cell(row, c.block)) || null;
  return { code, booth: { line: row.line, acId: seat.id, pcId: seat.pcId, partNo, code, name, districtId, block } };
}

function readPartNo(raw: string, report: Report): number | null {
  const n = parseWholeNumber(raw);
  if (n !== null && n >= 1 && n <= MAX_PART_NO) return n;
  report(raw === "" ? "part_no is empty" : `part_no "${raw}" must be a whole number from 1 to ${MAX_PART_NO}`);
  return null;
}

function readDistrict(
  raw: string,
  acNo: number | null,
  acDistricts: Set<number> | undefined,
  geo: Geo,
  report: Report,
): number | null {
  if (raw === "") {
    report("district is empty");
    return null;
  }
  // The slug of a slug is itself, so one lookup accepts both "Baloda Bazar" and "baloda-bazar".
  const district = geo.districtsBySlug.get(districtSlug(raw));
  if (!district) {
    report(`unknown district "${raw}"`);
    return null;
  }
  if (acDistricts && !acDistricts.has(district.id)) {
    const names = [...acDistricts].map((id) => geo.districtNames.get(id) ?? String(id)).join(", ");
    report(`district ${district.name} is not one of AC ${acNo}'s districts (${names || "none"})`);
    return null;
  }
  return district.id;
}

// ---------------------------------------------------------------------------------------------------------
// What the database holds now

interface ExistingBooth {
  id: number;
  pcId: number;
  districtId: number;
  blockId: number | null;
  code: string;
  name: string;
  synthetic: boolean;
}

function boothKey(acId: number, partNo: number): string {
  return `${acId}:${partNo}`;
}

async function loadBooths(tx: Tx, stateId: number): Promise<Map<string, ExistingBooth>> {
  const rows = await tx
    .select({
      id: booths.id,
      acId: booths.acId,
      partNo: booths.partNo,
      pcId: booths.pcId,
      districtId: booths.districtId,
      blockId: booths.blockId,
      code: booths.code,
      name: booths.name,
      synthetic: booths.synthetic,
    })
    .from(booths)
    .where(eq(booths.stateId, stateId));
  return new Map(rows.map((r) => [boothKey(r.acId, r.partNo), r]));
}

/**
 * Members carry their booth's district (and the day counters do too), so a booth with members cannot
 * simply change district; the import refuses rather than leave members counted in the wrong district.
 */
async function movesUnderMembers(
  tx: Tx,
  lines: readonly BoothLine[],
  existing: Map<string, ExistingBooth>,
  geo: Geo,
): Promise<CsvProblem[]> {
  const moves = lines.flatMap((l) => {
    const old = existing.get(boothKey(l.acId, l.partNo));
    return old && old.districtId !== l.districtId ? [{ line: l, old }] : [];
  });
  if (moves.length === 0) return [];
  const ids = moves.map((m) => m.old.id);
  const withMembers = await tx
    .select({ boothId: members.boothId, n: sql<number>`count(*)::int` })
    .from(members)
    .where(sql`${members.boothId} = ANY(${sql.param(ids)}::int[])`)
    .groupBy(members.boothId);
  const counts = new Map(withMembers.map((r) => [r.boothId, r.n]));
  return moves.flatMap(({ line, old }) => {
    const n = counts.get(old.id);
    if (!n) return [];
    const from = geo.districtNames.get(old.districtId) ?? String(old.districtId);
    const to = geo.districtNames.get(line.districtId) ?? String(line.districtId);
    return [{ line: line.line, message: `booth ${line.code} has ${n} member(s) in ${from}; it cannot move to ${to}` }];
  });
}

// ---------------------------------------------------------------------------------------------------------
// Writing

type Counts = Pick<ImportSuccess<BoothKind>, "created" | "updated" | "removed">;

async function applyBooths(
  tx: Tx,
  stateId: number,
  lines: readonly BoothLine[],
  existing: Map<string, ExistingBooth>,
  geo: Geo,
): Promise<ImportSuccess<BoothKind>> {
  const counts: Counts = { created: zeroCounts(BOOTH_KINDS), updated: zeroCounts(BOOTH_KINDS), removed: zeroCounts(BOOTH_KINDS) };
  counts.created.blocks = await createMissingBlocks(tx, stateId, lines, geo);

  const toInsert: ResolvedBooth[] = [];
  const toUpdate: (ResolvedBooth & { id: number })[] = [];
  let unchanged = 0;
  for (const line of lines) {
    const booth = resolveBlock(line, geo);
    const old = existing.get(boothKey(line.acId, line.partNo));
    if (!old) toInsert.push(booth);
    else if (differs(booth, old)) toUpdate.push({ ...booth, id: old.id });
    else unchanged++;
  }
  await insertBooths(tx, stateId, toInsert);
  await updateBooths(tx, toUpdate);
  counts.created.booths = toInsert.length;
  counts.updated.booths = toUpdate.length;
  const changed = toInsert.length + toUpdate.length + counts.created.blocks > 0;
  return { ok: true, changed, ...counts, unchanged };
}

/** Inserts the blocks the file names that do not exist yet; returns how many. */
async function createMissingBlocks(tx: Tx, stateId: number, lines: readonly BoothLine[], geo: Geo): Promise<number> {
  const wanted = new Map<string, { stateId: number; districtId: number; name: string }>();
  for (const l of lines) {
    if (l.block === null) continue;
    const key = blockKey(l.districtId, l.block);
    if (!geo.blocks.has(key) && !wanted.has(key)) wanted.set(key, { stateId, districtId: l.districtId, name: l.block });
  }
  if (wanted.size === 0) return 0;
  const created = await tx
    .insert(blocks)
    .values([...wanted.values()])
    .returning({ id: blocks.id, districtId: blocks.districtId, name: blocks.name });
  for (const b of created) geo.blocks.set(blockKey(b.districtId, b.name), b.id);
  return created.length;
}

/** A booth line with its block resolved to the block's id: what is written. */
type ResolvedBooth = Omit<BoothLine, "line" | "block"> & { blockId: number | null };

function resolveBlock(line: BoothLine, geo: Geo): ResolvedBooth {
  const blockId = line.block === null ? null : geo.blocks.get(blockKey(line.districtId, line.block));
  if (blockId === undefined) throw new Error(`internal: block "${line.block}" was not created`);
  const { acId, pcId, partNo, code, name, districtId } = line;
  return { acId, pcId, partNo, code, name, districtId, blockId };
}

function differs(b: ResolvedBooth, old: ExistingBooth): boolean {
  return (
    b.pcId !== old.pcId ||
    b.districtId !== old.districtId ||
    b.blockId !== old.blockId ||
    b.code !== old.code ||
    b.name !== old.name ||
    old.synthetic
  );
}

function column<K extends keyof ResolvedBooth>(rows: readonly ResolvedBooth[], key: K): ResolvedBooth[K][] {
  return rows.map((r) => r[key]);
}

async function insertBooths(tx: Tx, stateId: number, rows: readonly ResolvedBooth[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    INSERT INTO booths (state_id, pc_id, ac_id, district_id, block_id, part_no, code, name, synthetic)
    SELECT ${stateId}::smallint, u.pc_id, u.ac_id, u.district_id, u.block_id, u.part_no::smallint, u.code, u.name, false
    FROM unnest(
      ${sql.param(column(rows, "pcId"))}::int[],
      ${sql.param(column(rows, "acId"))}::int[],
      ${sql.param(column(rows, "districtId"))}::int[],
      ${sql.param(column(rows, "blockId"))}::int[],
      ${sql.param(column(rows, "partNo"))}::int[],
      ${sql.param(column(rows, "code"))}::text[],
      ${sql.param(column(rows, "name"))}::text[]
    ) AS u(pc_id, ac_id, district_id, block_id, part_no, code, name)
  `);
}

async function updateBooths(tx: Tx, rows: readonly (ResolvedBooth & { id: number })[]): Promise<void> {
  if (rows.length === 0) return;
  // One statement, so the block and district foreign keys are checked against the final row, not halfway.
  await tx.execute(sql`
    UPDATE booths AS b
    SET pc_id = u.pc_id, district_id = u.district_id, block_id = u.block_id, code = u.code, name = u.name,
        synthetic = false
    FROM unnest(
      ${sql.param(rows.map((r) => r.id))}::int[],
      ${sql.param(column(rows, "pcId"))}::int[],
      ${sql.param(column(rows, "districtId"))}::int[],
      ${sql.param(column(rows, "blockId"))}::int[],
      ${sql.param(column(rows, "code"))}::text[],
      ${sql.param(column(rows, "name"))}::text[]
    ) AS u(id, pc_id, district_id, block_id, code, name)
    WHERE b.id = u.id
  `);
}
