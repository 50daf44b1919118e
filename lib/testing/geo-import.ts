/**
 * Shared by the geography and booth import tests (lib/geo/import*.db.test.ts): the real assembly-constituency
 * file and its seats, what importing it creates, CSV cells, the imported booths read back, and the proof that
 * a refused import wrote nothing (not even a row rewritten unchanged).
 */
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { queryRows, type Db } from "@/db/client";
import type { CsvProblem } from "@/lib/csv/problems";
import type { ImportResult } from "@/lib/csv/import-result";
import { sharedDataPath } from "@/lib/testing/db";

/** The real file: 90 assembly seats of Chhattisgarh in 11 Lok Sabha seats and 33 districts. */
export const REAL_GEOGRAPHY_CSV = readFileSync(sharedDataPath("cg-assembly-constituencies.csv"));
export const REAL_GEOGRAPHY_LINES = REAL_GEOGRAPHY_CSV.toString("utf8").replace(/\n$/, "").split("\n");

export interface Seat {
  no: string;
  name: string;
  reserved: string;
  pcNo: string;
  pcName: string;
  district: string;
}

/** The real file has one quoted field at most (the district list): enough of a parser to build fixtures. */
export function parseSeatLine(line: string): Seat {
  const m = /^([^,]*),([^,]*),([^,]*),([^,]*),([^,]*),"?([^"]*)"?$/.exec(line);
  if (!m) throw new Error(`unexpected line: ${line}`);
  const [, no = "", name = "", reserved = "", pcNo = "", pcName = "", district = ""] = m;
  return { no, name, reserved, pcNo, pcName, district };
}

/** The real file's seats, in its order. */
export const REAL_SEATS: Seat[] = REAL_GEOGRAPHY_LINES.slice(1).map(parseSeatLine);

/** The tables' row counts after the real file is imported. */
export const REAL_GEOGRAPHY_COUNTS = { lok_sabha_seats: 11, districts: 33, assembly_seats: 90, assembly_seat_districts: 94 };

/** What importing the real file answers on a database without its geography (`states`: whether it created the state). */
export function realGeographyCreated({ states, blankLines }: { states: number; blankLines: number }) {
  const none = { states: 0, pcs: 0, districts: 0, acs: 0, acDistricts: 0 };
  return {
    ok: true,
    changed: true,
    created: { states, pcs: 11, districts: 33, acs: 90, acDistricts: 94 },
    updated: none,
    removed: none,
    unchanged: 0,
    blankLines,
  };
}

/** One CSV cell, quoted when it must be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  const rows = (result as { rows?: unknown }).rows;
  if (!Array.isArray(rows)) throw new Error("query result without rows");
  return rows as Record<string, unknown>[];
}

/** Each table's row count. The names are the test's own, never input. */
export async function rowCounts(db: Db, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = Number(rowsOf(await db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${t}`)))[0]?.n);
  return counts;
}

/** Every row with its xmin: equal snapshots mean no row was inserted, deleted or even rewritten unchanged. */
export async function rowSnapshot(db: Db, tables: readonly string[]): Promise<Record<string, unknown[]>> {
  const snap: Record<string, unknown[]> = {};
  for (const t of tables) {
    snap[t] = rowsOf(await db.execute(sql.raw(`SELECT xmin::text AS xmin, to_jsonb(t)::text AS row FROM ${t} t ORDER BY 2`)));
  }
  return snap;
}

export function problemsOf<K extends string>(result: ImportResult<K>): CsvProblem[] {
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result)}`);
  return result.problems;
}

/** Runs an import that must be refused: its problems, after checking that none of `tables` changed. */
export async function refusedUnchanged<K extends string>(
  db: Db,
  tables: readonly string[],
  run: () => Promise<ImportResult<K>>,
): Promise<CsvProblem[]> {
  const before = await rowSnapshot(db, tables);
  const problems = problemsOf(await run());
  expect(await rowSnapshot(db, tables)).toEqual(before);
  return problems;
}

export interface ImportedBooth {
  code: string;
  name: string;
  pcNo: number;
  district: string;
  block: string | null;
  state: string;
  synthetic: boolean;
}

/** The booths as imported, with their Lok Sabha seat, district slug, block and state (all of them, or those of `codes`). */
export async function importedBooths(db: Db, codes?: readonly string[]): Promise<ImportedBooth[]> {
  return queryRows<ImportedBooth>(
    db,
    sql`SELECT b.code, b.name, pc.no AS "pcNo", d.slug AS district, bl.name AS block, s.code AS state, b.synthetic
      FROM booths b
      JOIN lok_sabha_seats pc ON pc.id = b.pc_id
      JOIN districts d ON d.id = b.district_id
      JOIN states s ON s.id = b.state_id
      LEFT JOIN blocks bl ON bl.id = b.block_id
      WHERE ${codes ? sql`b.code = ANY(${sql.param([...codes])}::text[])` : sql`TRUE`}
      ORDER BY b.code`,
  );
}
