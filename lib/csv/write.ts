/**
 * CSV for download: UTF-8 with a byte-order mark (so Excel shows Devanagari), CRLF line ends, plain numbers
 * (no Indian grouping inside the file), and cells that start with = + - @ guarded against formula injection.
 * Hand-written rather than csv-stringify: a dozen lines, and it runs in the browser too (the appointments
 * import offers its outcome as a download), where csv-stringify needs a Buffer polyfill.
 */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

export const CSV_BOM = "\uFEFF";

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV built for download: its text, the file name to offer and how many data rows it has. */
export interface CsvFile {
  body: string;
  fileName: string;
  rows: number;
}

/** One record with its CRLF, for files written a page of rows at a time. */
export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(cell).join(",")}\r\n`;
}

export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  let out = CSV_BOM + csvLine(columns.map((c) => c.header));
  for (const row of rows) out += csvLine(columns.map((c) => c.value(row)));
  return out;
}

/**
 * A CSV download as a stream of bytes: the BOM and header first, then each page of rows as the reader asks for
 * more (a keyset-paged query yields them), so a large file is never held whole on the server. The next page is
 * read only when the client has taken the last one; a download the client abandons stops the reading.
 */
export function csvStream<T>(pages: AsyncIterable<readonly T[]>, columns: readonly CsvColumn<T>[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const it = pages[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(columns.map((c) => c.header))));
        return;
      }
      // A pull must enqueue something or close, or the reader waits for ever: empty pages are skipped.
      for (;;) {
        const next = await it.next();
        if (next.done) {
          controller.close();
          return;
        }
        let out = "";
        for (const row of next.value) out += csvLine(columns.map((c) => c.value(row)));
        if (out) {
          controller.enqueue(encoder.encode(out));
          return;
        }
      }
    },
    async cancel() {
      await it.return?.();
    },
  });
}
