/**
 * Streaming CSV for the member import, with the same records and lines as lib/csv/parse.ts (the same
 * csv-parse set-up, strict UTF-8, blank rows skipped) but fed chunk by chunk, so a 100,000-row file is never
 * held in memory whole. The first record is the header. Pure: unit-tested alone.
 */
import { Readable } from "node:stream";
import { parse, type Options } from "csv-parse";
import { isBlank, PARSE_OPTIONS, RecordLines, type CsvRow } from "@/lib/csv/records";
import { strictUtf8 } from "@/lib/csv/utf8";

const BATCH_ROWS = 1_000;

/** Every record of a byte stream, in batches; throws a CsvError (with its line) for a file it cannot read. */
export async function* csvRecordBatches(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<CsvRow[]> {
  const lines = new RecordLines();
  const options: Options<CsvRow, string[]> = {
    ...PARSE_OPTIONS,
    on_record: (values, context) => {
      const row = lines.row(values, context);
      // Blank records — empty lines, and rows of only empty cells that Excel writes — are skipped.
      return isBlank(values) ? null : row;
    },
  };
  // The stream's typings know records as string arrays only; on_record makes them CsvRows.
  const parser = parse(options as unknown as Options);
  const source = Readable.from(strictUtf8(chunks), { objectMode: false });
  source.once("error", (err) => parser.destroy(err));
  source.pipe(parser);
  let batch: CsvRow[] = [];
  try {
    for await (const row of parser as AsyncIterable<CsvRow>) {
      batch.push(row);
      if (batch.length >= BATCH_ROWS) {
        yield batch;
        batch = [];
      }
    }
  } catch (err) {
    throw lines.error(err);
  } finally {
    source.destroy();
  }
  if (batch.length > 0) yield batch;
}
