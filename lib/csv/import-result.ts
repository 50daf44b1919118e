import { sortProblems, type CsvProblem } from "@/lib/csv/problems";

/** What every file importer (geography, booths, boundaries) takes and returns. */

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

export function rejected(problems: readonly CsvProblem[]): ImportRejection {
  return { ok: false, problems: sortProblems(problems) };
}

export function zeroCounts<K extends string>(kinds: readonly K[]): Record<K, number> {
  return Object.fromEntries(kinds.map((k) => [k, 0])) as Record<K, number>;
}
