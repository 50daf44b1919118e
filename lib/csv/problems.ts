/** One thing wrong with an input file. `line` is the physical line (1-based); null for the whole file. */
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

export function sortProblems(problems: readonly CsvProblem[]): CsvProblem[] {
  // Array.prototype.sort is stable, so problems of one line keep the order they were found in.
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** "line 7: message" or just the message for whole-file problems. */
export function formatProblem(p: CsvProblem): string {
  return p.line === null ? p.message : `line ${p.line}: ${p.message}`;
}
