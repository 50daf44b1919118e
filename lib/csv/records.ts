import { CsvError as ParserError, type Options } from "csv-parse";
import { CsvError } from "@/lib/csv/problems";
import { formatNumber } from "@/lib/format";

/**
 * The one csv-parse set-up behind both readers (whole file and stream): RFC 4180 records, quoted fields with
 * doubled quotes and line breaks, LF / CRLF / lone CR line ends in any mix, a byte-order mark dropped, rows of
 * any width (the importers report a shifted row themselves), and blank records kept so that their lines count.
 */

export interface CsvRow {
  /** Physical line where the record starts (a quoted field may span several lines). */
  line: number;
  values: string[];
}

/**
 * A record (quoted line breaks included) may hold this many bytes: far above any real row, low enough that a
 * quote never closed in a 50 MB upload is refused at its line instead of read into memory whole.
 */
export const MAX_RECORD_BYTES = 1024 * 1024;

export const PARSE_OPTIONS = {
  bom: true,
  record_delimiter: ["\r\n", "\n", "\r"],
  relax_column_count: true,
  // A quote inside a value that does not start with one is a plain character (5" tall), as Excel reads it.
  relax_quotes: true,
  // Spaces after a closing quote are a common hand-editing slip and harmless; anything else there is refused.
  // It also trims the end of unquoted cells, which every importer trims anyway.
  rtrim: true,
  max_record_size: MAX_RECORD_BYTES,
} satisfies Options;

/** Line ends inside the values (LF, CRLF or a lone CR, each one line); only quoted values have any. */
function lineEnds(values: readonly string[]): number {
  let n = 0;
  for (const v of values) {
    if (!v.includes("\n") && !v.includes("\r")) continue;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c === 10 || (c === 13 && v.charCodeAt(i + 1) !== 10)) n++;
    }
  }
  return n;
}

/**
 * Gives each record the physical line it starts on. csv-parse's own count (`info.lines`) takes a CRLF inside
 * a quoted field for two lines, so lines are counted here from the values: a record starts on the line after
 * the previous record's last line, and ends as many lines later as its quoted values hold line ends.
 */
export class RecordLines {
  private next = 1;
  /** csv-parse's count where the current record starts, and the record's first byte. */
  private parserNext = 1;
  private startByte = 0;

  row(values: string[], context: { lines: number; bytes: number }): CsvRow {
    const line = this.next;
    this.next = line + 1 + lineEnds(values);
    this.parserNext = context.lines + 1;
    this.startByte = context.bytes;
    return { line, values };
  }

  /**
   * csv-parse's errors as CsvErrors with a line a person can find; anything else unchanged. Given the whole
   * input, the line of an error inside a record is exact; from a stream it counts a CRLF inside quotes of
   * that same record twice, as csv-parse does.
   */
  error(err: unknown, input?: Uint8Array): unknown {
    if (!(err instanceof ParserError)) return err;
    const parserLines = typeof err.lines === "number" ? err.lines : this.parserNext;
    const here = this.next + this.lineEndsBefore(Math.max(0, parserLines - this.parserNext), input);
    switch (err.code) {
      case "CSV_QUOTE_NOT_CLOSED":
        return new CsvError(this.next, 'a quoted field is never closed (missing ")');
      case "CSV_INVALID_CLOSING_QUOTE":
      case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
        return new CsvError(here, 'text after a closing quote (a " inside a quoted field must be written "")');
      case "CSV_MAX_RECORD_SIZE":
        return new CsvError(this.next, `a record longer than ${formatNumber(MAX_RECORD_BYTES)} bytes (a quote never closed?)`);
      default:
        return new CsvError(here, err.message);
    }
  }

  /** Real line ends within the current record among its first `counted` CR or LF bytes (csv-parse counts each). */
  private lineEndsBefore(counted: number, input?: Uint8Array): number {
    if (!input) return counted;
    let seen = 0;
    let ends = 0;
    for (let i = this.startByte; i < input.length && seen < counted; i++) {
      const b = input[i];
      if (b === 13 || b === 10) {
        seen++;
        if (b === 13 || input[i - 1] !== 13) ends++;
      }
    }
    return ends;
  }
}

export function isBlank(values: readonly string[]): boolean {
  return values.every((v) => v.trim() === "");
}
