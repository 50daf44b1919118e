/**
 * CSV reading for the importers that take a whole file (geography, booths, boundaries, appointments): records
 * by csv-parse (lib/csv/records.ts), UTF-8 (every cell well-formed text, a byte that is not UTF-8 refused
 * with its line and column), and header lookup by name (lib/csv/columns.ts). Pure (no database).
 *
 * Files come from people: saved from Excel (byte-order mark, CRLF), edited in a text editor (LF), with
 * columns in any order. What we refuse, we refuse with a line number a person can find in the file.
 */
import { isUtf8 } from "node:buffer";
import { parse } from "csv-parse/sync";
import { findColumns, type ColumnIndex } from "@/lib/csv/columns";
import { CsvError, type CsvProblem } from "@/lib/csv/problems";
import { isBlank, PARSE_OPTIONS, RecordLines, type CsvRow } from "@/lib/csv/records";
import { decodeUtf8Escaped, ESCAPE_BASE, NOT_UTF8, NOT_UTF8_HINT } from "@/lib/csv/utf8";
import { isWellFormedText } from "@/lib/validation/text";

export interface CsvTable {
  /** Header names, trimmed. */
  header: string[];
  /** Line of the header: 1 unless the file starts with blank lines. */
  headerLine: number;
  rows: CsvRow[];
  /** Lines of the blank records that were skipped (empty lines, rows of only empty cells). */
  blankLines: number[];
}

/**
 * Parses RFC 4180 CSV. Blank records — empty lines, and rows of only empty cells, which Excel writes for
 * formatted-but-empty rows — are skipped and their lines kept in `blankLines`. The first remaining record is
 * the header. Throws a CsvError for the first cell that is not well-formed text (a byte that is not UTF-8,
 * NUL, a control character), naming its line and column; `readTable` reports every such cell instead.
 */
export function parseCsv(bytes: Uint8Array): CsvTable {
  const table = parseLoose(bytes);
  const [first] = illFormedCells(table);
  if (first) throw new CsvError(first.line, first.message);
  return table;
}

// A file that is not UTF-8 is parsed once more with each bad byte as one of the last 128 private-use code
// points (csv-parse reads bytes, so the lone surrogates of decodeUtf8Escaped would come back as U+FFFD), and
// the cells get the lone surrogates back for illFormedCells to report. Only for files refused anyway.
const PRIVATE_BASE = 0x10ff00;
const ESCAPED = /[\udc80-\udcff]/gu;
const PRIVATE = /[\u{10ff80}-\u{10ffff}]/gu;

/** The table with ill-formed cells left in (as decoded); callers must run `illFormedCells` on it. */
function parseLoose(bytes: Uint8Array): CsvTable {
  const valid = isUtf8(bytes);
  const input = valid
    ? bytes
    : Buffer.from(decodeUtf8Escaped(bytes).replace(ESCAPED, (c) => String.fromCodePoint(PRIVATE_BASE + c.charCodeAt(0) - ESCAPE_BASE)));
  const lines = new RecordLines();
  const records: CsvRow[] = [];
  const blankLines: number[] = [];
  const buffer = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  try {
    parse(buffer, {
      ...PARSE_OPTIONS,
      on_record: (values: string[], context) => {
        const row = lines.row(valid ? values : values.map(unescapePrivate), context);
        if (isBlank(row.values)) blankLines.push(row.line);
        else records.push(row);
        return null;
      },
    });
  } catch (err) {
    throw lines.error(err, buffer);
  }
  const [head, ...rows] = records;
  if (!head) throw new CsvError(null, "the file is empty (no header row)");
  return { header: head.values.map((h) => h.trim()), headerLine: head.line, rows, blankLines };
}

function unescapePrivate(value: string): string {
  return value.replace(PRIVATE, (c) => String.fromCharCode(ESCAPE_BASE + c.codePointAt(0)! - PRIVATE_BASE));
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

// ---------------------------------------------------------------------------------------------------------
// A table with its columns

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
