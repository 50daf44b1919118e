/**
 * Imports the electoral and district geography of a state from CSV
 * (`ac_no, ac_name, ac_name_hi?, reserved, pc_no, pc_name, district`; a seat in two districts lists both as
 * `Koriya|Manendragarh-Chirmiri-Bharatpur`).
 *
 * All-or-nothing: every problem is collected (with its line) before anything is written; a clean file is
 * applied in one transaction with one audit event. Rows already as the file says are not touched, so
 * importing the same file again writes nothing at all. Seats, PCs and districts missing from the file are
 * left alone: the file may be partial, and deleting geography would orphan booths, members and posts.
 */
import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { assemblySeatDistricts, assemblySeats, auditEvents, booths, districts, lokSabhaSeats, states } from "@/db/schema";
import { districtSlug } from "@/lib/geo/slug";
import { isWellFormedText } from "@/lib/validation/text";
import { cell, parseWholeNumber, widthProblem } from "@/lib/csv/columns";
import { readTable } from "@/lib/csv/parse";
import { rejected, zeroCounts, type ImportOptions, type ImportResult, type ImportSuccess } from "@/lib/csv/import-result";
import type { CsvProblem } from "@/lib/csv/problems";
import type { CsvRow } from "@/lib/csv/records";
import { KNOWN_STATES, STATE_CODE } from "@/lib/geo/states";

const REQUIRED = ["ac_no", "ac_name", "reserved", "pc_no", "pc_name", "district"] as const;
const OPTIONAL = ["ac_name_hi", "state"] as const;
const RESERVATIONS = ["GEN", "SC", "ST"] as const;
type Reservation = (typeof RESERVATIONS)[number];

export const GEOGRAPHY_KINDS = ["states", "pcs", "districts", "acs", "acDistricts"] as const;
export type GeographyKind = (typeof GEOGRAPHY_KINDS)[number];
export type GeographyImportResult = ImportResult<GeographyKind>;

// ---------------------------------------------------------------------------------------------------------
// Shared by the importers: the state being imported into, and the audit event.

export interface ImportState {
  id: number;
  code: string;
  name: string;
  lokSabhaSeats: number;
  assemblySeats: number;
}

/**
 * Reads the state and locks its row so that two imports into one state run one after the other (each
 * compares against what the other committed). FOR NO KEY UPDATE does not block the FOR KEY SHARE locks
 * that foreign-key checks take, so sign-ups keep flowing during an import.
 */
export async function lockImportState(tx: Tx, code: string): Promise<ImportState | null> {
  const [row] = await tx
    .select({
      id: states.id,
      code: states.code,
      name: states.name,
      lokSabhaSeats: states.lokSabhaSeats,
      assemblySeats: states.assemblySeats,
    })
    .from(states)
    .where(eq(states.code, code))
    .for("no key update");
  return row ?? null;
}

export function unknownStateProblem(code: string): CsvProblem {
  return {
    line: null,
    message:
      `state "${code}" is not in the states table: import its geography first, which creates it ` +
      `(npm run import -- geography FILE --state ${code} --state-name NAME [--state-name-hi NAME])`,
  };
}

export async function writeImportAudit(
  tx: Tx,
  state: ImportState,
  opts: ImportOptions,
  action: string,
  entityType: string,
  summary: Record<string, unknown>,
): Promise<void> {
  await tx.insert(auditEvents).values({
    stateId: state.id,
    actorUserId: opts.actorUserId ?? null,
    actorLabel: opts.actorLabel ?? (opts.actorUserId === undefined ? "import-cli" : null),
    action,
    entityType,
    entityId: state.code,
    after: summary,
  });
}

// ---------------------------------------------------------------------------------------------------------
// Entry point

export async function importGeography(
  db: DbOrTx,
  bytes: Uint8Array,
  opts: ImportOptions = {},
): Promise<GeographyImportResult> {
  const read = readTable(bytes, REQUIRED, OPTIONAL);
  if (!read.ok) return rejected(read.problems);
  const { table, columns } = read;
  const target = stateTarget(table.rows, columns.state, opts);
  if (!target.ok) return rejected(target.problems);

  return db.transaction(async (tx) => {
    const found = await findOrPlanState(tx, target, table.rows, columns);
    if (!found.ok) return rejected(found.problems);
    const { state, create } = found;
    const { seats, problems } = validateRows(table.rows, columns, table.header.length, state);
    // A state being created has no geography yet; nothing can conflict with its booths.
    const current = create ? emptyCurrent() : await loadCurrent(tx, state.id);
    problems.push(...conflictsWithBooths(seats, current));
    if (problems.length > 0) return rejected(problems);

    if (create) state.id = await insertState(tx, create);
    const result = await applyGeography(tx, state.id, seats, current);
    if (create) {
      result.created.states = 1;
      result.changed = true;
    }
    result.blankLines = table.blankLines.length;
    if (result.changed) {
      await writeImportAudit(tx, state, opts, "import.geography", "geography", {
        rows: table.rows.length,
        ...(create ? { stateCreated: create } : {}),
        created: result.created,
        updated: result.updated,
        removed: result.removed,
        unchanged: result.unchanged,
        blankLines: result.blankLines,
      });
    }
    return result;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Which state the file is for, and creating it in an empty database

interface StateTarget {
  ok: true;
  code: string;
  /**
   * A missing state is created only when the file names it (its `state` column) or --state-name comes with
   * --state: never from the "CG" default, nor from a bare --state, where a mistyped code would quietly found a
   * new state and file the seats under it.
   */
  mayCreate: boolean;
  /** Where the code came from, for messages. */
  source: "--state" | "the file's state column" | "the default";
  name: string | null;
  nameHi: string | null;
}

const NO_STATE_HINT =
  'add a "state" column with its code, or run with --state CODE --state-name NAME [--state-name-hi NAME] ' +
  "(e.g. --state CG --state-name Chhattisgarh --state-name-hi छत्तीसगढ़)";

/** A name given on the command line: trimmed; a problem when empty or not well-formed text. */
function optionName(raw: string | undefined, flag: string, problems: CsvProblem[]): string | null {
  if (raw === undefined) return null;
  const name = raw.trim();
  if (name === "") problems.push({ line: null, message: `${flag} is empty` });
  else if (!isWellFormedText(name)) problems.push({ line: null, message: `${flag} is not well-formed text` });
  else return name;
  return null;
}

/**
 * The state from --state and the file's `state` column (no database): both must be two-letter codes and agree,
 * and every row of a file with the column must name the same state (a file holds one state).
 */
function stateTarget(
  rows: readonly CsvRow[],
  stateColumn: number | undefined,
  opts: ImportOptions,
): StateTarget | { ok: false; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  let flag: string | undefined;
  if (opts.stateCode !== undefined) {
    const code = opts.stateCode.trim().toUpperCase();
    if (STATE_CODE.test(code)) flag = code;
    else problems.push({ line: null, message: `--state "${opts.stateCode}" is not a state code (two letters, e.g. --state CG)` });
  }
  let fromFile: { code: string; line: number } | undefined;
  if (stateColumn !== undefined) {
    for (const row of rows) {
      const raw = cell(row, stateColumn);
      const code = raw.toUpperCase();
      const report = (message: string) => problems.push({ line: row.line, message });
      if (raw === "") report("state is empty (the file has a state column, so every row names its state)");
      else if (!STATE_CODE.test(code)) report(`state "${raw}" is not a state code (two letters, e.g. CG)`);
      else if (flag !== undefined && code !== flag) report(`state "${code}" conflicts with --state ${flag}`);
      else if (fromFile && code !== fromFile.code) {
        report(`state "${code}" differs from "${fromFile.code}" on line ${fromFile.line} (a file holds one state)`);
      } else fromFile ??= { code, line: row.line };
    }
  }
  const name = optionName(opts.stateName, "--state-name", problems);
  const nameHi = optionName(opts.stateNameHi, "--state-name-hi", problems);
  if ((opts.stateName !== undefined || opts.stateNameHi !== undefined) && opts.stateCode === undefined && !fromFile) {
    problems.push({ line: null, message: `--state-name needs the state's code: --state CODE, or a "state" column in the file` });
  }
  if (problems.length > 0) return { ok: false, problems };
  const code = flag ?? fromFile?.code ?? "CG";
  const source = flag ? "--state" : fromFile ? "the file's state column" : "the default";
  const mayCreate = fromFile !== undefined || (flag !== undefined && name !== null);
  return { ok: true, code, mayCreate, source, name, nameHi };
}

/** A state row to insert (its id is chosen at insert time). */
interface NewState {
  code: string;
  name: string;
  nameHi: string;
  lokSabhaSeats: number;
  assemblySeats: number;
}

/** Seat numbers are smallint in the tables; a state created from a file's numbers stays within this. */
const MAX_SEATS_FROM_FILE = 9999;

type FoundState = { ok: true; state: ImportState; create: NewState | null } | { ok: false; problems: CsvProblem[] };

/**
 * The state, locked; or, when it is missing and was named, the state to create once the file is known to be
 * clean. Names given for an existing state must match it: an import that quietly renamed a state, or quietly
 * ignored a name that differs, would hide a mistyped --state.
 */
async function findOrPlanState(
  tx: Tx,
  target: StateTarget,
  rows: readonly CsvRow[],
  columns: Columns,
): Promise<FoundState> {
  let state = await lockImportState(tx, target.code);
  if (!state && target.mayCreate) {
    // Two first imports of one state at once must not both create it: creations wait for each other, then look again.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${STATE_CREATE_LOCK}, 0)`);
    state = await lockImportState(tx, target.code);
  }
  if (state) {
    const [row] = await tx.select({ name: states.name, nameHi: states.nameHi }).from(states).where(eq(states.id, state.id));
    const problems: CsvProblem[] = [];
    if (target.name !== null && row?.name !== target.name) {
      problems.push({ line: null, message: `state ${state.code} is named "${row?.name}", not "${target.name}" (an import does not rename a state)` });
    }
    if (target.nameHi !== null && row?.nameHi !== target.nameHi) {
      problems.push({ line: null, message: `state ${state.code}'s Hindi name is "${row?.nameHi}", not "${target.nameHi}" (an import does not rename a state)` });
    }
    return problems.length > 0 ? { ok: false, problems } : { ok: true, state, create: null };
  }
  if (!target.mayCreate) {
    const message =
      target.source === "--state"
        ? `state "${target.code}" is not in the database; to create it, give its name too: ` +
          `--state ${target.code} --state-name NAME [--state-name-hi NAME]`
        : `no state to import into: state "${target.code}" is not in the database, and neither --state nor a ` +
          `"state" column names the state to create; ${NO_STATE_HINT}`;
    return { ok: false, problems: [{ line: null, message }] };
  }
  const known = KNOWN_STATES[target.code];
  const name = target.name ?? known?.name;
  if (!name) {
    const message =
      `state "${target.code}" (from ${target.source}) is not in the database and its name is not known: ` +
      `give it with --state ${target.code} --state-name NAME [--state-name-hi NAME]`;
    return { ok: false, problems: [{ line: null, message }] };
  }
  const highest = (index: number) =>
    Math.min(MAX_SEATS_FROM_FILE, Math.max(1, ...rows.map((r) => parseWholeNumber(cell(r, index)) ?? 0)));
  const create: NewState = {
    code: target.code,
    name,
    // The column is NOT NULL; a state unknown here and named only in English shows that name in Hindi pages too.
    nameHi: target.nameHi ?? known?.nameHi ?? name,
    lokSabhaSeats: known?.lokSabhaSeats ?? highest(columns.pc_no),
    assemblySeats: known?.assemblySeats ?? highest(columns.ac_no),
  };
  return { ok: true, state: { id: 0, ...create }, create };
}

/** Advisory lock class for creating a state ("STAT"). */
const STATE_CREATE_LOCK = 0x53544154;

async function insertState(tx: Tx, s: NewState): Promise<number> {
  // states.id is a smallint chosen here, not a sequence; the advisory lock above makes max + 1 safe.
  const [row] = await tx
    .insert(states)
    .values({ id: sql`(SELECT coalesce(max(id), 0) + 1 FROM states)`, ...s })
    .returning({ id: states.id });
  if (!row) throw new Error("internal: the state was not inserted");
  return row.id;
}

// ---------------------------------------------------------------------------------------------------------
// Validation of the file on its own

interface DistrictRef {
  slug: string;
  name: string;
}

interface SeatLine {
  line: number;
  no: number;
  name: string;
  /** Null when the file has no Hindi name: the stored one is kept. */
  nameHi: string | null;
  reserved: Reservation;
  pcNo: number;
  pcName: string;
  districts: DistrictRef[];
}

type Columns = Record<(typeof REQUIRED)[number], number> & { ac_name_hi?: number; state?: number };

/** Remembers the first line each key was seen on, to report repeats and inconsistent names. */
class FirstSeen<K, V> {
  private readonly seen = new Map<K, { line: number; value: V }>();
  get(key: K): { line: number; value: V } | undefined {
    return this.seen.get(key);
  }
  add(key: K, line: number, value: V): void {
    if (!this.seen.has(key)) this.seen.set(key, { line, value });
  }
}

interface FileChecks {
  acs: FirstSeen<number, string>;
  pcNames: FirstSeen<number, string>;
  districtNames: FirstSeen<string, string>;
}

function validateRows(
  rows: readonly CsvRow[],
  columns: Columns,
  headerWidth: number,
  state: ImportState,
): { seats: SeatLine[]; problems: CsvProblem[] } {
  const checks: FileChecks = { acs: new FirstSeen(), pcNames: new FirstSeen(), districtNames: new FirstSeen() };
  const seats: SeatLine[] = [];
  const problems: CsvProblem[] = [];
  for (const row of rows) {
    const report = (message: string) => problems.push({ line: row.line, message });
    const width = widthProblem(row, headerWidth);
    if (width) problems.push(width);
    const fields = readSeat(row, columns, state, report);
    // Cross-row checks run on whatever fields are valid, so a bad row still shows all of its problems.
    checkConsistency(row.line, fields, checks, report);
    const seat = complete(row.line, fields);
    if (seat) seats.push(seat);
  }
  return { seats, problems };
}

type Report = (message: string) => void;

function seatNo(raw: string, column: string, max: number, what: string, report: Report): number | null {
  const n = parseWholeNumber(raw);
  if (raw === "") report(`${column} is empty`);
  else if (n === null) report(`${column} "${raw}" is not a whole number`);
  else if (n < 1 || n > max) report(`${what}: ${column} ${n} is outside 1..${max}`);
  else return n;
  return null;
}

/** A row's fields, each null when invalid (and already reported). */
type SeatFields = { [K in keyof Omit<SeatLine, "line">]: SeatLine[K] | null };

function readSeat(row: CsvRow, c: Columns, state: ImportState, report: Report): SeatFields {
  return {
    no: seatNo(cell(row, c.ac_no), "ac_no", state.assemblySeats, `unknown AC in ${state.code}`, report),
    name: required(row, c.ac_name, "ac_name", report),
    nameHi: cell(row, c.ac_name_hi) || null,
    reserved: reservation(cell(row, c.reserved), report),
    pcNo: seatNo(cell(row, c.pc_no), "pc_no", state.lokSabhaSeats, `unknown PC in ${state.code}`, report),
    pcName: required(row, c.pc_name, "pc_name", report),
    districts: readDistricts(cell(row, c.district), report),
  };
}

function complete(line: number, f: SeatFields): SeatLine | null {
  const { no, name, nameHi, reserved, pcNo, pcName, districts: list } = f;
  if (no === null || name === null || reserved === null || pcNo === null || pcName === null || list === null) return null;
  return { line, no, name, nameHi, reserved, pcNo, pcName, districts: list };
}

function required(row: CsvRow, index: number, column: string, report: Report): string | null {
  const value = cell(row, index);
  if (value === "") report(`${column} is empty`);
  return value || null;
}

function reservation(raw: string, report: Report): Reservation | null {
  const value = raw.toUpperCase();
  const found = RESERVATIONS.find((r) => r === value);
  if (!found) report(`reserved "${raw}" must be GEN, SC or ST`);
  return found ?? null;
}

function readDistricts(raw: string, report: Report): DistrictRef[] | null {
  if (raw === "") {
    report("district is empty");
    return null;
  }
  const refs: DistrictRef[] = [];
  let valid = true;
  for (const part of raw.split("|")) {
    const name = part.trim();
    const slug = districtSlug(name);
    if (name === "") report(`district list "${raw}" has an empty name`);
    else if (slug === "") report(`district "${name}" needs Latin letters or digits (its slug would be empty)`);
    // A name listed twice for one seat is harmless; keep it once.
    else if (!refs.some((r) => r.slug === slug)) refs.push({ slug, name });
    valid &&= name !== "" && slug !== "";
  }
  return valid ? refs : null;
}

function checkConsistency(line: number, seat: SeatFields, checks: FileChecks, report: Report): void {
  if (seat.no !== null) {
    const first = checks.acs.get(seat.no);
    if (first) report(`ac_no ${seat.no} appears again (first on line ${first.line})`);
    checks.acs.add(seat.no, line, seat.name ?? "");
  }
  if (seat.pcNo !== null && seat.pcName !== null) {
    const pc = checks.pcNames.get(seat.pcNo);
    if (pc && pc.value !== seat.pcName) {
      report(`pc_no ${seat.pcNo} is named "${seat.pcName}" here but "${pc.value}" on line ${pc.line}`);
    }
    checks.pcNames.add(seat.pcNo, line, seat.pcName);
  }
  for (const d of seat.districts ?? []) {
    const first = checks.districtNames.get(d.slug);
    if (first && first.value !== d.name) {
      report(`district "${d.name}" is spelt "${first.value}" on line ${first.line} (both are "${d.slug}")`);
    }
    checks.districtNames.add(d.slug, line, d.name);
  }
}

// ---------------------------------------------------------------------------------------------------------
// What the database holds now

interface CurrentSeat {
  id: number;
  pcId: number;
  pcNo: number;
  name: string;
  nameHi: string | null;
  reserved: string;
}

interface CurrentPair {
  districtId: number;
  districtName: string;
  booths: number;
}

interface Current {
  pcs: Map<number, { id: number; name: string }>;
  districts: Map<string, { id: number; name: string }>;
  seats: Map<number, CurrentSeat>;
  /** AC number → district slug → pair. */
  pairs: Map<number, Map<string, CurrentPair>>;
}

function emptyCurrent(): Current {
  return { pcs: new Map(), districts: new Map(), seats: new Map(), pairs: new Map() };
}

async function loadCurrent(tx: Tx, stateId: number): Promise<Current> {
  const pcRows = await tx
    .select({ id: lokSabhaSeats.id, no: lokSabhaSeats.no, name: lokSabhaSeats.name })
    .from(lokSabhaSeats)
    .where(eq(lokSabhaSeats.stateId, stateId));
  const seatRows = await tx
    .select({
      id: assemblySeats.id,
      no: assemblySeats.no,
      pcId: assemblySeats.pcId,
      pcNo: lokSabhaSeats.no,
      name: assemblySeats.name,
      nameHi: assemblySeats.nameHi,
      reserved: assemblySeats.reserved,
    })
    .from(assemblySeats)
    .innerJoin(lokSabhaSeats, eq(lokSabhaSeats.id, assemblySeats.pcId))
    .where(eq(assemblySeats.stateId, stateId));
  return {
    pcs: new Map(pcRows.map((r) => [r.no, r])),
    districts: await districtsBySlug(tx, stateId),
    seats: new Map(seatRows.map((r) => [r.no, r])),
    pairs: await loadPairs(tx, stateId),
  };
}

/** The state's districts by slug: what both importers match a file's district column against. */
export async function districtsBySlug(tx: Tx, stateId: number): Promise<Map<string, { id: number; slug: string; name: string }>> {
  const rows = await tx
    .select({ id: districts.id, slug: districts.slug, name: districts.name })
    .from(districts)
    .where(eq(districts.stateId, stateId));
  return new Map(rows.map((r) => [r.slug, r]));
}

/** Each AC's districts with the number of booths that sit in that (AC, district) pair. */
async function loadPairs(tx: Tx, stateId: number): Promise<Current["pairs"]> {
  const rows = await tx
    .select({
      acNo: assemblySeats.no,
      districtId: districts.id,
      slug: districts.slug,
      districtName: districts.name,
      booths: count(booths.id),
    })
    .from(assemblySeatDistricts)
    .innerJoin(assemblySeats, eq(assemblySeats.id, assemblySeatDistricts.acId))
    .innerJoin(districts, eq(districts.id, assemblySeatDistricts.districtId))
    .leftJoin(
      booths,
      and(eq(booths.acId, assemblySeatDistricts.acId), eq(booths.districtId, assemblySeatDistricts.districtId)),
    )
    .where(eq(assemblySeats.stateId, stateId))
    .groupBy(assemblySeats.no, districts.id, districts.slug, districts.name);
  const pairs: Current["pairs"] = new Map();
  for (const r of rows) {
    const forSeat = pairs.get(r.acNo) ?? new Map<string, CurrentPair>();
    forSeat.set(r.slug, { districtId: r.districtId, districtName: r.districtName, booths: r.booths });
    pairs.set(r.acNo, forSeat);
  }
  return pairs;
}

/**
 * Booths carry their AC's district and PC, so a change of either under existing booths would break them.
 * Those need the booths moved first (a booth import), so the file is refused with the reason.
 */
function conflictsWithBooths(seats: readonly SeatLine[], current: Current): CsvProblem[] {
  const problems: CsvProblem[] = [];
  for (const seat of seats) {
    const pairs = current.pairs.get(seat.no);
    if (!pairs) continue;
    for (const [slug, pair] of pairs) {
      if (pair.booths > 0 && !seat.districts.some((d) => d.slug === slug)) {
        problems.push({
          line: seat.line,
          message:
            `AC ${seat.no} would no longer lie in district ${pair.districtName}, ` +
            `but ${pair.booths} booth(s) of the AC are there; move those booths first`,
        });
      }
    }
    const existing = current.seats.get(seat.no);
    const boothCount = [...pairs.values()].reduce((n, p) => n + p.booths, 0);
    if (existing && existing.pcNo !== seat.pcNo && boothCount > 0) {
      problems.push({
        line: seat.line,
        message: `AC ${seat.no} would move from PC ${existing.pcNo} to PC ${seat.pcNo}, but it has ${boothCount} booth(s)`,
      });
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Writing: compare first, write only differences

type Tally = Pick<ImportSuccess<GeographyKind>, "created" | "updated" | "removed"> & { unchanged: number };

async function applyGeography(
  tx: Tx,
  stateId: number,
  seats: readonly SeatLine[],
  current: Current,
): Promise<ImportSuccess<GeographyKind>> {
  const tally: Tally = {
    created: zeroCounts(GEOGRAPHY_KINDS),
    updated: zeroCounts(GEOGRAPHY_KINDS),
    removed: zeroCounts(GEOGRAPHY_KINDS),
    unchanged: 0,
  };
  const pcIds = await upsertPcs(tx, stateId, seats, current, tally);
  const districtIds = await upsertDistricts(tx, stateId, seats, current, tally);
  const seatIds = await upsertSeats(tx, stateId, seats, current, pcIds, tally);
  await syncPairs(tx, seats, current, seatIds, districtIds, tally);
  const changed = [tally.created, tally.updated, tally.removed].some((c) => Object.values(c).some((n) => n > 0));
  return { ok: true, changed, ...tally };
}

async function upsertPcs(
  tx: Tx,
  stateId: number,
  seats: readonly SeatLine[],
  current: Current,
  tally: Tally,
): Promise<Map<number, number>> {
  const wanted = new Map<number, string>();
  for (const s of seats) if (!wanted.has(s.pcNo)) wanted.set(s.pcNo, s.pcName);
  const ids = new Map<number, number>();
  const toCreate: { stateId: number; no: number; name: string }[] = [];
  for (const [no, name] of wanted) {
    const existing = current.pcs.get(no);
    if (!existing) toCreate.push({ stateId, no, name });
    else if (existing.name !== name) {
      await tx.update(lokSabhaSeats).set({ name }).where(eq(lokSabhaSeats.id, existing.id));
      tally.updated.pcs++;
    } else tally.unchanged++;
    if (existing) ids.set(no, existing.id);
  }
  if (toCreate.length > 0) {
    const created = await tx.insert(lokSabhaSeats).values(toCreate).returning({ id: lokSabhaSeats.id, no: lokSabhaSeats.no });
    for (const r of created) ids.set(r.no, r.id);
    tally.created.pcs += created.length;
  }
  return ids;
}

async function upsertDistricts(
  tx: Tx,
  stateId: number,
  seats: readonly SeatLine[],
  current: Current,
  tally: Tally,
): Promise<Map<string, number>> {
  const wanted = new Map<string, string>();
  for (const s of seats) for (const d of s.districts) if (!wanted.has(d.slug)) wanted.set(d.slug, d.name);
  const ids = new Map<string, number>();
  const toCreate: { stateId: number; slug: string; name: string }[] = [];
  for (const [slug, name] of wanted) {
    const existing = current.districts.get(slug);
    if (!existing) toCreate.push({ stateId, slug, name });
    else if (existing.name !== name) {
      await tx.update(districts).set({ name }).where(eq(districts.id, existing.id));
      tally.updated.districts++;
    } else tally.unchanged++;
    if (existing) ids.set(slug, existing.id);
  }
  if (toCreate.length > 0) {
    const created = await tx.insert(districts).values(toCreate).returning({ id: districts.id, slug: districts.slug });
    for (const r of created) ids.set(r.slug, r.id);
    tally.created.districts += created.length;
  }
  return ids;
}

function seatChanges(seat: SeatLine, existing: CurrentSeat, pcId: number): Partial<typeof assemblySeats.$inferInsert> {
  const changes: Partial<typeof assemblySeats.$inferInsert> = {};
  if (existing.name !== seat.name) changes.name = seat.name;
  if (seat.nameHi !== null && existing.nameHi !== seat.nameHi) changes.nameHi = seat.nameHi;
  if (existing.reserved !== seat.reserved) changes.reserved = seat.reserved;
  if (existing.pcId !== pcId) changes.pcId = pcId;
  return changes;
}

async function upsertSeats(
  tx: Tx,
  stateId: number,
  seats: readonly SeatLine[],
  current: Current,
  pcIds: Map<number, number>,
  tally: Tally,
): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  const toCreate: (typeof assemblySeats.$inferInsert)[] = [];
  for (const seat of seats) {
    const pcId = mustGet(pcIds, seat.pcNo);
    const existing = current.seats.get(seat.no);
    if (!existing) {
      toCreate.push({ stateId, pcId, no: seat.no, name: seat.name, nameHi: seat.nameHi, reserved: seat.reserved });
      continue;
    }
    ids.set(seat.no, existing.id);
    const changes = seatChanges(seat, existing, pcId);
    if (Object.keys(changes).length === 0) tally.unchanged++;
    else {
      await tx.update(assemblySeats).set(changes).where(eq(assemblySeats.id, existing.id));
      tally.updated.acs++;
    }
  }
  if (toCreate.length > 0) {
    const created = await tx.insert(assemblySeats).values(toCreate).returning({ id: assemblySeats.id, no: assemblySeats.no });
    for (const r of created) ids.set(r.no, r.id);
    tally.created.acs += created.length;
  }
  return ids;
}

async function syncPairs(
  tx: Tx,
  seats: readonly SeatLine[],
  current: Current,
  seatIds: Map<number, number>,
  districtIds: Map<string, number>,
  tally: Tally,
): Promise<void> {
  const toAdd: { acId: number; districtId: number }[] = [];
  for (const seat of seats) {
    const acId = mustGet(seatIds, seat.no);
    const existing = current.pairs.get(seat.no) ?? new Map<string, CurrentPair>();
    for (const d of seat.districts) {
      if (existing.has(d.slug)) tally.unchanged++;
      else toAdd.push({ acId, districtId: mustGet(districtIds, d.slug) });
    }
    const gone = [...existing].filter(([slug]) => !seat.districts.some((d) => d.slug === slug));
    if (gone.length === 0) continue;
    const goneIds = gone.map(([, pair]) => pair.districtId);
    await tx
      .delete(assemblySeatDistricts)
      .where(and(eq(assemblySeatDistricts.acId, acId), inArray(assemblySeatDistricts.districtId, goneIds)));
    tally.removed.acDistricts += gone.length;
  }
  if (toAdd.length > 0) {
    await tx.insert(assemblySeatDistricts).values(toAdd);
    tally.created.acDistricts += toAdd.length;
  }
}

function mustGet<K, V>(map: Map<K, V>, key: K): V {
  const value = map.get(key);
  // Unreachable after validation and the upserts above; a bug if it fires.
  if (value === undefined) throw new Error(`internal: no id for ${String(key)}`);
  return value;
}
