/**
 * `npm run import -- <kind> FILE [--state CG] [--actor LABEL]`
 * `npm run import -- geography FILE --state CG --state-name Chhattisgarh [--state-name-hi छत्तीसगढ़]`
 *
 * The geography import creates its state when the database does not have it yet (a fresh deployment):
 * from --state and --state-name, or from the file's `state` column.
 *
 * Imports a CSV file into the database named by DATABASE_URL, or the embedded PGlite database in `.data/`
 * when it is unset. Exit codes: 0 imported (or nothing to change), 1 file rejected or import failed,
 * 2 usage error.
 *
 * PGlite does not lock its data folder: do not run this while another process (e.g. `npm run demo` on
 * PGlite) has the same database open, or both may corrupt it. Stop the server, import, start it again.
 */
import { readFile } from "node:fs/promises";
import { getDbHandle, migrateDb, type Db } from "@/db/client";
import { importBooths } from "@/lib/geo/import-booths";
import { importBoundaries } from "@/lib/coverage/boundaries";
import { formatProblem } from "@/lib/csv/problems";
import type { ImportOptions, ImportResult } from "@/lib/csv/import-result";
import { importGeography } from "@/lib/geo/import-geography";
import { importMembersCli } from "@/lib/members/import/cli";

type Importer = (db: Db, bytes: Uint8Array, opts: ImportOptions) => Promise<ImportResult<string>>;
/** Importers that read the file themselves (streamed, chunked, resumable) and print their own result; the exit code. */
type StreamImporter = (db: Db, file: string, opts: ImportOptions) => Promise<number>;

/** One entry per kind; `members` and `boundaries` join here as their own modules. */
const IMPORTERS: Record<string, { importer: Importer; describe: string } | { stream: StreamImporter; describe: string }> = {
  geography: { importer: importGeography, describe: "PCs, districts and assembly seats (ac_no, ac_name, …)" },
  booths: { importer: importBooths, describe: "polling booths (ac_no, part_no, name, district, block)" },
  members: { stream: importMembersCli, describe: "members (epic, name, gender, age, phone, …, booth_code, consent); resumable" },
  boundaries: { importer: importBoundaries, describe: "assembly-seat boundaries (GeoJSON; features keyed by AC_NO)" },
};

interface Args {
  kind: string;
  file: string;
  opts: ImportOptions;
}

function usage(): string {
  const kinds = Object.entries(IMPORTERS)
    .map(([kind, { describe }]) => `  ${kind.padEnd(10)} ${describe}`)
    .join("\n");
  return [
    "usage: npm run import -- <kind> FILE [--state CODE] [--actor LABEL]",
    "       npm run import -- geography FILE --state CODE --state-name NAME [--state-name-hi NAME]",
    "",
    "On an empty database the geography import creates the state: from --state with --state-name",
    "(--state-name-hi optional), or from a \"state\" column in the file.",
    "",
    "kinds:",
    kinds,
    "",
    "The file is CSV (UTF-8, with or without BOM; LF or CRLF), columns found by header name.",
    "Do not run beside a server that has the same PGlite database open.",
  ].join("\n");
}

/** Null when the arguments do not make sense. */
function parseArgs(argv: readonly string[]): Args | null {
  const positional: string[] = [];
  const opts: ImportOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === "--state" && value) {
      opts.stateCode = value.toUpperCase();
      i++;
    } else if (arg === "--actor" && value) {
      opts.actorLabel = value;
      i++;
    } else if (arg === "--state-name" && value !== undefined) {
      opts.stateName = value;
      i++;
    } else if (arg === "--state-name-hi" && value !== undefined) {
      opts.stateNameHi = value;
      i++;
    } else if (arg === undefined || arg.startsWith("--")) return null;
    else positional.push(arg);
  }
  const [kind, file, ...rest] = positional;
  if (!kind || !file || rest.length > 0 || !(kind in IMPORTERS)) return null;
  // Only the geography import creates a state; elsewhere the names would be silently ignored.
  if (kind !== "geography" && (opts.stateName !== undefined || opts.stateNameHi !== undefined)) return null;
  return { kind, file, opts };
}

function describeCounts(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`);
  return parts.length > 0 ? parts.join(", ") : "none";
}

function printResult(kind: string, file: string, result: ImportResult<string>): number {
  if (!result.ok) {
    console.error(`${file}: rejected, nothing was imported (${result.problems.length} problem(s))`);
    for (const p of result.problems) console.error(formatProblem(p));
    return 1;
  }
  const blank = result.blankLines ? ` (${result.blankLines} blank line(s) skipped)` : "";
  if (!result.changed) {
    console.log(`${kind}: ${file} matches the database; nothing changed (${result.unchanged} rows unchanged)${blank}`);
    return 0;
  }
  console.log(`${kind}: imported ${file}`);
  console.log(`  created:   ${describeCounts(result.created)}`);
  console.log(`  updated:   ${describeCounts(result.updated)}`);
  console.log(`  removed:   ${describeCounts(result.removed)}`);
  console.log(`  unchanged: ${result.unchanged}`);
  if (result.blankLines !== undefined) console.log(`  blank lines skipped: ${result.blankLines}`);
  return 0;
}

async function run(args: Args): Promise<number> {
  const entry = IMPORTERS[args.kind];
  if (!entry) return 2;
  if ("stream" in entry) {
    const handle = await getDbHandle();
    try {
      console.log(`database: ${handle.engine} (${handle.location})`);
      await migrateDb(handle);
      return await entry.stream(handle.db, args.file, args.opts);
    } finally {
      await handle.close();
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(args.file);
  } catch (err) {
    console.error(`cannot read ${args.file}: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  const handle = await getDbHandle();
  try {
    console.log(`database: ${handle.engine} (${handle.location})`);
    await migrateDb(handle);
    const result = await entry.importer(handle.db, bytes, args.opts);
    return printResult(args.kind, args.file, result);
  } finally {
    await handle.close();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    console.error(usage());
    process.exitCode = 2;
    return;
  }
  try {
    process.exitCode = await run(args);
  } catch (err) {
    console.error(`import failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}

await main();
