/**
 * CSV reading for the importers: RFC 4180 records, UTF-8 (every cell well-formed text, a byte that is not
 * UTF-8 refused with its line and column), header lookup by name, and the problem and result shapes every
 * importer returns. Pure (no database), so it is unit-tested on its own.
 *
 * Files come from people: saved from Excel (byte-order mark, CRLF), edited in a text editor (LF), with
 * columns in any order. What we refuse, we refuse with a line number a person can find in the file.
 */

/** One thing wrong with an input file. `line` is the physical line (1-based); null for the whole file. */
import { isWellFormedText } from "@/lib/validation/text";

export interface CsvProblem {
  line: number | null;
  message: string;
}

/** A problem that stops the file from being read at all (bad encoding, unclosed quote, empty file). */
export class CsvError extends Error implements CsvProblem {
  readonly line: number | null;
  constructor(line: number | null, message: string) {
    super(message);
    this.name = "CsvError";
    this.line = line;
  }
  toProblem(): CsvProblem {
    return { line: this.line, message: this.message };
  }
}

export interface CsvRow {
  /** Physical line where the record starts (a quoted field may span several lines). */
  line: number;
  values: string[];
}

export interface CsvTable {
  /** Header names, trimmed. */
  header: string[];
  /** Line of the header: 1 unless the file starts with blank lines. */
  headerLine: number;
  rows: CsvRow[];
  /** Lines of the blank records that were skipped (empty lines, rows of only empty cells). */
  blankLines: number[];
}

// ---------------------------------------------------------------------------------------------------------
// Decoding

const NOT_UTF8 = "the file is not UTF-8 text";
const NOT_UTF8_HINT =
  '(perhaps saved in a legacy encoding such as Windows-1252); in Excel use "Save as → CSV UTF-8 (comma delimited)"';

/** Decodes strict UTF-8, dropping a byte-order mark; names the first line with a bad byte. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    // ignoreBOM defaults to false, which means the decoder consumes a leading BOM.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new CsvError(firstInvalidUtf8Line(bytes), `${NOT_UTF8} ${NOT_UTF8_HINT}`);
  }
}

/** UTF-8 never uses the byte 0x0A inside a multi-byte sequence, so each LF-split slice decodes on its own. */
function firstInvalidUtf8Line(bytes: Uint8Array): number | null {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      return line;
    }
    line++;
    start = i + 1;
  }
  return null;
}

/** Where a byte that is not UTF-8 lands in the decoded text: U+DC80..U+DCFF, one per bad byte. */
const ESCAPE_BASE = 0xdc00;

/**
 * Decodes UTF-8, dropping a byte-order mark, and turns each byte that is not part of valid UTF-8 into a lone
 * surrogate U+DC80..U+DCFF (Python's "surrogateescape") instead of U+FFFD. A lone surrogate is never a comma,
 * quote or line end, so the file still splits into its records, and the cell check (`illFormedCells`) then
 * refuses each bad cell by line and column: nothing ill-formed is imported, and nothing is silently replaced.
 */
export function decodeUtf8Escaped(bytes: Uint8Array): string {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  try {
    return decoder.decode(bytes.subarray(start));
  } catch {
    // Slow path, only for files that are not UTF-8: walk the sequences, decode the valid runs in bulk.
  }
  let out = "";
  let run = start;
  let i = start;
  while (i < bytes.length) {
    const n = utf8SequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += decoder.decode(bytes.subarray(run, i)) + String.fromCharCode(ESCAPE_BASE + bytes[i]!);
    i++;
    run = i;
  }
  return out + decoder.decode(bytes.subarray(run));
}

/** Length of the well-formed UTF-8 sequence at `i` (Unicode table 3-7), or 0 when the byte there starts none. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const b0 = b[i]!;
  const next = (k: number, lo = 0x80, hi = 0xbf) => {
    const x = b[i + k];
    return x !== undefined && x >= lo && x <= hi;
  };
  if (b0 < 0x80) return 1;
  if (b0 >= 0xc2 && b0 <= 0xdf) return next(1) ? 2 : 0;
  if (b0 === 0xe0) return next(1, 0xa0) && next(2) ? 3 : 0;
  // ED A0..BF would encode a UTF-16 surrogate (CESU-8 / WTF-8): not UTF-8, so escaped like any bad byte.
  if (b0 === 0xed) return next(1, 0x80, 0x9f) && next(2) ? 3 : 0;
  if (b0 >= 0xe1 && b0 <= 0xef) return next(1) && next(2) ? 3 : 0;
  if (b0 === 0xf0) return next(1, 0x90) && next(2) && next(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return next(1) && next(2) && next(3) ? 4 : 0;
  if (b0 === 0xf4) return next(1, 0x80, 0x8f) && next(2) && next(3) ? 4 : 0;
  return 0;
}

// ---------------------------------------------------------------------------------------------------------
// Parsing

/**
 * Parses RFC 4180 CSV: quoted fields with doubled quotes, commas and line breaks inside quotes, LF, CRLF
 * (or old-Mac CR) line ends. Blank records — empty lines, and rows of only empty cells, which Excel writes
 * for formatted-but-empty rows — are skipped and their lines kept in `blankLines`. The first remaining record
 * is the header. Throws a CsvError for the first cell that is not well-formed text (a byte that is not UTF-8,
 * NUL, a control character), naming its line and column; `readTable` reports every such cell instead.
 */
export function parseCsv(bytes: Uint8Array): CsvTable {
  const table = parseLoose(bytes);
  const [first] = illFormedCells(table);
  if (first) throw new CsvError(first.line, first.message);
  return table;
}

/** The table with ill-formed cells left in (as decoded); callers must run `illFormedCells` on it. */
function parseLoose(bytes: Uint8Array): CsvTable {
  const blankLines: number[] = [];
  const records = splitRecords(decodeUtf8Escaped(bytes)).filter((r) => {
    if (!isBlank(r.values)) return true;
    blankLines.push(r.line);
    return false;
  });
  const [head, ...rows] = records;
  if (!head) throw new CsvError(null, "the file is empty (no header row)");
  return { header: head.values.map((h) => h.trim()), headerLine: head.line, rows, blankLines };
}

// ---------------------------------------------------------------------------------------------------------
// Well-formed text in every cell

/** Why a value (of the cell `where`) is not well-formed text, naming the first offending character; null when it is. */
function illFormedMessage(value: string, where: string): string | null {
  if (isWellFormedText(value)) return null;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const hex = `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      return `${where} contains a lone UTF-16 surrogate (${hex}), which is not text`;
    }
    if (c >= ESCAPE_BASE + 0x80 && c <= ESCAPE_BASE + 0xff) {
      const byte = (c - ESCAPE_BASE).toString(16).toUpperCase().padStart(2, "0");
      return `${NOT_UTF8}: ${where} has the byte 0x${byte} ${NOT_UTF8_HINT}`;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return `${where} contains a lone UTF-16 surrogate (${hex}), which is not text`;
    if (c === 0) return `${where} contains a NUL character (U+0000), which is not text`;
    if (c === 0x7f || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d)) return `${where} contains a control character (${hex})`;
  }
  return `${where} is not well-formed text`;
}

/**
 * Every cell (header included, and columns no importer reads) that is not well-formed text: one problem per
 * cell, with its line and column, because PostgreSQL would store a lone surrogate as U+FFFD and refuses NUL.
 */
export function illFormedCells(table: CsvTable): CsvProblem[] {
  const problems: CsvProblem[] = [];
  const label = (i: number) => {
    const name = table.header[i];
    return name && isWellFormedText(name) ? `column "${name}"` : `column ${i + 1}`;
  };
  table.header.forEach((name, i) => {
    const message = illFormedMessage(name, `the header of column ${i + 1}`);
    if (message) problems.push({ line: table.headerLine, message });
  });
  for (const row of table.rows) {
    row.values.forEach((value, i) => {
      const message = illFormedMessage(value, label(i));
      if (message) problems.push({ line: row.line, message });
    });
  }
  return problems;
}

function isBlank(values: readonly string[]): boolean {
  return values.every((v) => v.trim() === "");
}

/** A cursor over the text that knows the physical line it is on. */
class Scanner {
  pos = 0;
  line = 1;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string | undefined {
    return this.text[this.pos];
  }
  atLineEnd(): boolean {
    const c = this.peek();
    return c === undefined || c === "\n" || c === "\r";
  }
  /** Consumes one line end (LF, CRLF or lone CR) if the cursor is on one. */
  skipLineEnd(): void {
    const c = this.peek();
    if (c === "\r") {
      this.pos += this.text[this.pos + 1] === "\n" ? 2 : 1;
      this.line++;
    } else if (c === "\n") {
      this.pos++;
      this.line++;
    }
  }
  /** Advances to `end`, counting the line ends passed over (inside quoted fields). */
  advanceTo(end: number): string {
    const chunk = this.text.slice(this.pos, end);
    this.line += countLineEnds(chunk);
    this.pos = end;
    return chunk;
  }
}

function countLineEnds(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\n" || (c === "\r" && s[i + 1] !== "\n")) n++;
  }
  return n;
}

function splitRecords(text: string): CsvRow[] {
  const scanner = new Scanner(text);
  const rows: CsvRow[] = [];
  while (!scanner.done) {
    const line = scanner.line;
    rows.push({ line, values: readRecord(scanner, line) });
    scanner.skipLineEnd();
  }
  return rows;
}

function readRecord(s: Scanner, recordLine: number): string[] {
  const values: string[] = [];
  for (;;) {
    values.push(s.peek() === '"' ? readQuoted(s, recordLine) : readUnquoted(s));
    if (s.peek() !== ",") return values;
    s.pos++;
  }
}

function readUnquoted(s: Scanner): string {
  const start = s.pos;
  while (s.peek() !== "," && !s.atLineEnd()) s.pos++;
  return s.text.slice(start, s.pos);
}

function readQuoted(s: Scanner, recordLine: number): string {
  s.pos++; // opening quote
  let value = "";
  for (;;) {
    const close = s.text.indexOf('"', s.pos);
    if (close < 0) throw new CsvError(recordLine, 'a quoted field is never closed (missing ")');
    value += s.advanceTo(close);
    if (s.text[close + 1] === '"') {
      value += '"';
      s.pos = close + 2;
      continue;
    }
    s.pos = close + 1;
    break;
  }
  // Spaces after the closing quote are a common hand-editing slip and harmless; anything else is ambiguous.
  while (s.peek() === " " || s.peek() === "\t") s.pos++;
  if (s.peek() !== "," && !s.atLineEnd()) {
    throw new CsvError(s.line, 'text after a closing quote (a " inside a quoted field must be written "")');
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------------
// Columns

export type ColumnIndex<R extends string, O extends string> = Record<R, number> & Partial<Record<O, number>>;

export type ColumnLookup<R extends string, O extends string> =
  | { ok: true; columns: ColumnIndex<R, O> }
  | { ok: false; problems: CsvProblem[] };

function headerKey(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * Finds columns by header name (case-insensitive, trimmed, any order). Reports each missing required
 * column and each wanted name that appears twice (which column would be meant is unknowable). Other
 * columns are ignored, so files may carry extra columns.
 */
export function findColumns<R extends string, O extends string = never>(
  header: readonly string[],
  required: readonly R[],
  optional: readonly O[] = [],
  headerLine = 1,
): ColumnLookup<R, O> {
  const positions = new Map<string, number[]>();
  header.forEach((name, i) => {
    const key = headerKey(name);
    positions.set(key, [...(positions.get(key) ?? []), i]);
  });
  const problems: CsvProblem[] = [];
  const columns: Partial<Record<R | O, number>> = {};
  for (const name of [...required, ...optional]) {
    const found = positions.get(headerKey(name)) ?? [];
    if (found.length > 1) {
      problems.push({ line: headerLine, message: `column "${name}" appears ${found.length} times` });
    } else if (found[0] !== undefined) {
      columns[name] = found[0];
    } else if ((required as readonly string[]).includes(name)) {
      problems.push({ line: headerLine, message: `missing column "${name}"` });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, columns: columns as ColumnIndex<R, O> };
}

/** The trimmed cell at a column; "" when the row is short or the column is absent. */
export function cell(row: CsvRow, index: number | undefined): string {
  return index === undefined ? "" : (row.values[index] ?? "").trim();
}

/**
 * A row with more or fewer cells than the header usually means an unquoted comma shifted the values into
 * the wrong columns, which must not be imported silently. Extra empty cells at the end are Excel noise.
 */
export function widthProblem(row: CsvRow, headerWidth: number): CsvProblem | null {
  const extra = row.values.slice(headerWidth);
  const width = extra.every((v) => v.trim() === "") ? Math.min(row.values.length, headerWidth) : row.values.length;
  if (width === headerWidth) return null;
  return {
    line: row.line,
    message: `has ${width} values but the header has ${headerWidth} columns (an unquoted comma in a name?)`,
  };
}

export type ReadTableResult<R extends string, O extends string> =
  | { ok: true; table: CsvTable; columns: ColumnIndex<R, O> }
  | { ok: false; problems: CsvProblem[] };

/** Parses the bytes and finds the columns, turning every failure (each ill-formed cell too) into problems. */
export function readTable<R extends string, O extends string = never>(
  bytes: Uint8Array,
  required: readonly R[],
  optional: readonly O[] = [],
): ReadTableResult<R, O> {
  let table: CsvTable;
  try {
    table = parseLoose(bytes);
  } catch (err) {
    if (err instanceof CsvError) return { ok: false, problems: [err.toProblem()] };
    throw err;
  }
  const illFormed = illFormedCells(table);
  // A header that is not text cannot name columns: its problems alone, not a "missing column" for each.
  if (illFormed.some((p) => p.line === table.headerLine)) return { ok: false, problems: illFormed };
  const lookup = findColumns(table.header, required, optional, table.headerLine);
  if (illFormed.length > 0) return { ok: false, problems: [...(lookup.ok ? [] : lookup.problems), ...illFormed] };
  if (!lookup.ok) return lookup;
  return { ok: true, table, columns: lookup.columns };
}

/** A whole number written with digits only ("007" is 7); null for anything else. */
export function parseWholeNumber(raw: string): number | null {
  return /^[0-9]{1,9}$/.test(raw) ? Number(raw) : null;
}

// ---------------------------------------------------------------------------------------------------------
// Results shared by the importers

export interface ImportOptions {
  /** Which state the file is for; default "CG" (or, for geography, the file's `state` column). */
  stateCode?: string;
  /**
   * Geography only: the state's English and Hindi names, to create the state when the database does not have
   * it yet (`--state CG --state-name Chhattisgarh --state-name-hi छत्तीसगढ़`). Given for a state that exists,
   * they must match it (an import never renames a state).
   */
  stateName?: string;
  stateNameHi?: string;
  /** Recorded on the audit event; default "import-cli" when no user is given. */
  actorLabel?: string;
  /** The dashboard user who ran the import, when it runs from the web. */
  actorUserId?: number;
}

export interface ImportSuccess<K extends string> {
  ok: true;
  /** False when the file matched the database exactly (nothing written, no audit event). */
  changed: boolean;
  created: Record<K, number>;
  updated: Record<K, number>;
  removed: Record<K, number>;
  /** Rows the file names that were already exactly as the file says. */
  unchanged: number;
  /** Blank lines in the file, skipped (set by the CSV importers). */
  blankLines?: number;
}

export interface ImportRejection {
  ok: false;
  /** Every problem found, sorted by line (file-level problems first). */
  problems: CsvProblem[];
}

export type ImportResult<K extends string> = ImportSuccess<K> | ImportRejection;

export function sortProblems(problems: readonly CsvProblem[]): CsvProblem[] {
  // Array.prototype.sort is stable, so problems of one line keep the order they were found in.
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

export function rejected(problems: readonly CsvProblem[]): ImportRejection {
  return { ok: false, problems: sortProblems(problems) };
}

export function zeroCounts<K extends string>(kinds: readonly K[]): Record<K, number> {
  return Object.fromEntries(kinds.map((k) => [k, 0])) as Record<K, number>;
}

/** "line 7: message" or just the message for whole-file problems. */
export function formatProblem(p: CsvProblem): string {
  return p.line === null ? p.message : `line ${p.line}: ${p.message}`;
}
