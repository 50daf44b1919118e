/**
 * The terminal side of `npm run import -- members FILE.csv`: scans the file, starts or resumes its import,
 * shows progress, stops cleanly on Ctrl-C (resumable: run the same command again), and writes the per-line
 * outcome next to the file as FILE.outcome.csv.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import type { Db } from "@/db/client";
import { formatProblem } from "@/lib/csv/problems";
import type { ImportOptions } from "@/lib/csv/import-result";
import {
  DEFAULT_CHUNK_ROWS,
  describeReason,
  ImportSuperseded,
  outcomeCsvChunks,
  outcomeRows,
  runImport,
  scanFile,
  startImport,
  tryLockImport,
  type ImportProgress,
} from "@/lib/members/import/import";
import { formatNumber } from "@/lib/format";

const n = formatNumber;

export function outcomeFileFor(file: string): string {
  return `${file.replace(/\.csv$/i, "")}.outcome.csv`;
}

function progressLine(p: ImportProgress, startedAt: number, doneAtStart: number): string {
  const done = p.created + p.duplicates + p.rejected;
  const pct = p.totalRows > 0 ? Math.min(100, Math.floor((done / p.totalRows) * 100)) : 100;
  const bar = "#".repeat(Math.floor(pct / 5)).padEnd(20, ".");
  const rate = (done - doneAtStart) / Math.max(0.001, (Date.now() - startedAt) / 1000);
  return `[${bar}] ${String(pct).padStart(3)}%  ${n(done)} / ${n(p.totalRows)} rows · ${n(p.created)} created · ${n(p.duplicates)} duplicate · ${n(p.rejected)} rejected · ${n(Math.round(rate))} rows/s`;
}

/** Writes every outcome row (line, outcome, reason in English, membership number) as CSV. */
export async function writeOutcomeCsv(db: Db, importId: number, path: string): Promise<void> {
  const out = createWriteStream(path);
  for await (const chunk of outcomeCsvChunks(db, importId)) {
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

export async function importMembersCli(db: Db, file: string, opts: ImportOptions): Promise<number> {
  const source = () => createReadStream(file, { highWaterMark: 256 * 1024 });
  const scan = await scanFile(source);
  let release: (() => Promise<void>) | null = null;
  const start = await startImport(db, {
    stateCode: opts.stateCode,
    fileName: file.split(/[\\/]/).pop() ?? file,
    scan,
    actor: { label: opts.actorLabel ?? "import-cli" },
    isFree: async (id) => (release = await tryLockImport(db, id)) !== null,
  });
  switch (start.kind) {
    case "rejected":
      console.error(`${file}: rejected, nothing was imported (${start.problems.length} problem(s))`);
      for (const p of start.problems) console.error(formatProblem(p));
      return 1;
    case "unknown_state":
      console.error(`unknown state ${opts.stateCode ?? "CG"}`);
      return 1;
    case "busy":
      console.error(`${file}: import #${start.progress.id} of this file is running in another process; wait for it or cancel it first`);
      return 1;
    case "done_before": {
      const p = start.progress;
      console.log(`members: ${file} was imported completely before (import #${p.id}); nothing to do`);
      console.log(`  created ${n(p.created)}, duplicate ${n(p.duplicates)}, rejected ${n(p.rejected)}`);
      return 0;
    }
    case "started":
      release = await tryLockImport(db, start.progress.id);
      if (!release) {
        console.error(`${file}: import #${start.progress.id} was taken over by another process`);
        return 1;
      }
      console.log(`members: importing ${file} as import #${start.progress.id} (${n(scan.totalRows)} rows)`);
      break;
    case "resumed":
      console.log(`members: resuming import #${start.progress.id} of ${file} from line ${n(start.progress.nextLine)}`);
      break;
  }
  const importId = start.progress.id;
  const tty = Boolean(process.stdout.isTTY);
  let stop = false;
  const onSigint = () => {
    if (stop) process.exit(130);
    stop = true;
    console.error("\nstopping after the chunk in hand… (Ctrl-C again to quit at once; the import resumes either way)");
  };
  process.on("SIGINT", onSigint);
  const startedAt = Date.now();
  const doneAtStart = start.progress.created + start.progress.duplicates + start.progress.rejected;
  let lastDecile = -1;
  try {
    const final = await runImport(db, importId, source, {
      actor: { label: opts.actorLabel ?? "import-cli" },
      chunkRows: Number(process.env.MEMBER_IMPORT_CHUNK) || DEFAULT_CHUNK_ROWS,
      shouldStop: () => stop,
      onProgress: (p) => {
        const line = progressLine(p, startedAt, doneAtStart);
        if (tty) process.stdout.write(`\r${line}`);
        else {
          const decile = Math.floor(((p.created + p.duplicates + p.rejected) / Math.max(1, p.totalRows)) * 10);
          if (decile !== lastDecile) console.log(line);
          lastDecile = decile;
        }
      },
    });
    if (tty) process.stdout.write("\n");
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    const outcomeFile = outcomeFileFor(file);
    await writeOutcomeCsv(db, importId, outcomeFile);
    if (final.status === "cancelled") {
      console.log(`members: stopped at line ${n(final.nextLine)} after ${seconds} s; run the same command again to resume`);
    } else {
      console.log(`members: import #${importId} done in ${seconds} s`);
    }
    console.log(`  created:   ${n(final.created)}`);
    console.log(`  duplicate: ${n(final.duplicates)}`);
    console.log(`  rejected:  ${n(final.rejected)}`);
    console.log(`  outcome of every line: ${outcomeFile}`);
    if (final.rejected > 0) {
      const rejected = await outcomeRows(db, importId, 0, 20, "rejected");
      for (const r of rejected) console.log(`  line ${r.line}: ${describeReason(r.reason)}`);
      if (final.rejected > rejected.length) console.log(`  … and ${n(final.rejected - rejected.length)} more in the outcome file`);
    }
    return final.status === "done" ? 0 : 1;
  } catch (err) {
    if (tty) process.stdout.write("\n");
    if (err instanceof ImportSuperseded) {
      console.error(`members: import #${importId} was cancelled or continued by another process; stopped`);
      return 1;
    }
    console.error(`members: import #${importId} failed and can be resumed by running the same command: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    process.off("SIGINT", onSigint);
    await (release as (() => Promise<void>) | null)?.();
  }
}
