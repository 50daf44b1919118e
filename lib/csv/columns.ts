import type { CsvProblem } from "@/lib/csv/problems";
import type { CsvRow } from "@/lib/csv/records";

/** Columns by header name, and the cells of a row. */

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

/** A whole number written with digits only ("007" is 7); null for anything else. */
export function parseWholeNumber(raw: string): number | null {
  return /^[0-9]{1,9}$/.test(raw) ? Number(raw) : null;
}
