import { isUtf8 } from "node:buffer";
import { CsvError } from "@/lib/csv/problems";

/**
 * UTF-8 for the CSV readers: csv-parse splits bytes and decodes them leniently (a bad byte becomes U+FFFD), so
 * strictness — a byte that is not UTF-8 refused with its line — is kept here.
 */

export const NOT_UTF8 = "the file is not UTF-8 text";
export const NOT_UTF8_HINT =
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
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    if (!isUtf8(bytes.subarray(start, i))) return line;
    line++;
    start = i + 1;
  }
  return null;
}

function countLf(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

/**
 * Passes a byte stream on unchanged, refusing it at the first byte that is not UTF-8 with that byte's line.
 * Checked a run of whole lines at a time (a LF never occurs inside a multi-byte sequence), before the chunk
 * goes on; the part after a chunk's last LF is checked with the next chunk.
 */
export async function* strictUtf8(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let line = 1;
  let tail: Uint8Array = new Uint8Array(0);
  const check = (bytes: Uint8Array) => {
    if (!isUtf8(bytes)) throw new CsvError(line + firstInvalidUtf8Line(bytes)! - 1, `${NOT_UTF8} ${NOT_UTF8_HINT}`);
    line += countLf(bytes);
  };
  for await (const chunk of chunks) {
    const lastLf = chunk.lastIndexOf(0x0a);
    if (lastLf < 0) {
      tail = concat(tail, chunk);
    } else {
      check(concat(tail, chunk.subarray(0, lastLf + 1)));
      tail = chunk.slice(lastLf + 1);
    }
    yield chunk;
  }
  check(tail);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Where a byte that is not UTF-8 lands in the decoded text: U+DC80..U+DCFF, one per bad byte. */
export const ESCAPE_BASE = 0xdc00;

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
