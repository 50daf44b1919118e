/**
 * Streaming CSV for the member import, with the same rules as lib/import/csv.ts (RFC 4180, strict UTF-8,
 * byte-order mark dropped, LF / CRLF / CR line ends, blank rows skipped, the physical line of each record)
 * but fed chunk by chunk, so a 100,000-row file is never held in memory whole. Pure: unit-tested alone.
 */
import { CsvError, type CsvRow } from "@/lib/csv/parse";

const NOT_UTF8 =
  'the file is not UTF-8 text (perhaps saved in a legacy encoding such as Windows-1252); ' +
  'in Excel use "Save as → CSV UTF-8 (comma delimited)"';

/**
 * Decodes strict UTF-8 a whole line at a time: a LF byte never occurs inside a multi-byte sequence, so every
 * LF-terminated slice decodes on its own, and a bad byte is reported with its line.
 */
export class Utf8LineDecoder {
  private pending: Uint8Array = new Uint8Array(0);
  private line = 1;
  private first = true;
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

  push(bytes: Uint8Array): string {
    let buf = this.pending.length > 0 ? concat(this.pending, bytes) : bytes;
    if (this.first) {
      if (buf.length < 3 && buf.every((b, i) => b === [0xef, 0xbb, 0xbf][i])) {
        this.pending = buf;
        return "";
      }
      this.first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    const lastLf = buf.lastIndexOf(0x0a);
    if (lastLf < 0) {
      this.pending = buf;
      return "";
    }
    this.pending = buf.slice(lastLf + 1);
    return this.decode(buf.subarray(0, lastLf + 1));
  }

  end(): string {
    this.first = false;
    const rest = this.pending;
    this.pending = new Uint8Array(0);
    return this.decode(rest);
  }

  private decode(bytes: Uint8Array): string {
    try {
      const text = this.decoder.decode(bytes);
      for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) this.line++;
      return text;
    } catch {
      let start = 0;
      for (let i = 0; i <= bytes.length; i++) {
        if (i < bytes.length && bytes[i] !== 0x0a) continue;
        try {
          this.decoder.decode(bytes.subarray(start, i));
        } catch {
          throw new CsvError(this.line, NOT_UTF8);
        }
        this.line++;
        start = i + 1;
      }
      throw new CsvError(this.line, NOT_UTF8);
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

const S = { FieldStart: 0, Unquoted: 1, Quoted: 2, QuoteInQuoted: 3, AfterQuoted: 4 } as const;
type State = (typeof S)[keyof typeof S];
const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;
const SPACE = 32;
const TAB = 9;
const UNQUOTED_RUN = /[^,\r\n]*/y;

/** Records out of text pushed in any pieces; a record split across pieces is completed by the next push. */
export class CsvStreamParser {
  private state: State = S.FieldStart;
  private field = "";
  private values: string[] = [];
  private line = 1;
  private recordLine = 1;
  private inRecord = false;
  /** The last character was a CR: a LF right after it belongs to the same line end. */
  private afterCr = false;
  private out: CsvRow[] = [];

  push(text: string): CsvRow[] {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.afterCr && this.state !== S.Quoted) {
        this.afterCr = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      switch (this.state) {
        case S.FieldStart:
          if (!this.inRecord) {
            this.inRecord = true;
            this.recordLine = this.line;
          }
          if (c === QUOTE) {
            this.state = S.Quoted;
            i++;
          } else {
            this.state = S.Unquoted;
          }
          break;
        case S.Unquoted: {
          UNQUOTED_RUN.lastIndex = i;
          UNQUOTED_RUN.exec(text);
          const end = UNQUOTED_RUN.lastIndex;
          if (end > i) this.field += text.slice(i, end);
          i = end;
          if (i >= n) break;
          if (text.charCodeAt(i) === COMMA) this.endField();
          else this.endRecord(text.charCodeAt(i));
          i++;
          break;
        }
        case S.Quoted: {
          const q = text.indexOf('"', i);
          const end = q < 0 ? n : q;
          if (end > i) {
            const piece = text.slice(i, end);
            this.field += piece;
            this.countLines(piece);
          }
          i = end;
          if (q >= 0) {
            // A CR just before the closing quote does not pair with a LF after it.
            this.afterCr = false;
            this.state = S.QuoteInQuoted;
            i++;
          }
          break;
        }
        case S.QuoteInQuoted:
          if (c === QUOTE) {
            this.field += '"';
            this.state = S.Quoted;
            i++;
          } else {
            this.state = S.AfterQuoted;
          }
          break;
        case S.AfterQuoted:
          // Spaces after the closing quote are a common hand-editing slip and harmless; anything else is ambiguous.
          if (c === SPACE || c === TAB) i++;
          else if (c === COMMA) {
            this.endField();
            i++;
          } else if (c === CR || c === LF) {
            this.endRecord(c);
            i++;
          } else {
            throw new CsvError(this.line, 'text after a closing quote (a " inside a quoted field must be written "")');
          }
          break;
      }
    }
    return this.take();
  }

  /** The last record (a file need not end with a line break); throws on a quote never closed. */
  end(): CsvRow[] {
    if (this.state === S.Quoted) throw new CsvError(this.recordLine, 'a quoted field is never closed (missing ")');
    if (this.inRecord) this.endRecord(null);
    return this.take();
  }

  private take(): CsvRow[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private countLines(s: string) {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === LF) {
        if (!this.afterCr) this.line++;
        this.afterCr = false;
      } else if (c === CR) {
        this.line++;
        this.afterCr = true;
      } else {
        this.afterCr = false;
      }
    }
  }

  private endField() {
    this.values.push(this.field);
    this.field = "";
    this.state = S.FieldStart;
  }

  private endRecord(lineEnd: number | null) {
    this.values.push(this.field);
    // Blank records — empty lines, and rows of only empty cells that Excel writes — are skipped.
    if (!this.values.every((v) => v.trim() === "")) this.out.push({ line: this.recordLine, values: this.values });
    this.values = [];
    this.field = "";
    this.state = S.FieldStart;
    this.inRecord = false;
    if (lineEnd !== null) {
      this.line++;
      this.afterCr = lineEnd === CR;
    }
  }
}

/** Every record of a byte stream, in batches (one per input chunk). */
export async function* csvRecordBatches(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<CsvRow[]> {
  const decoder = new Utf8LineDecoder();
  const parser = new CsvStreamParser();
  for await (const chunk of chunks) {
    const rows = parser.push(decoder.push(chunk));
    if (rows.length > 0) yield rows;
  }
  const rows = [...parser.push(decoder.end()), ...parser.end()];
  if (rows.length > 0) yield rows;
}
