/**
 * Bulk member import: a CSV file (columns found by header name) read as a stream and committed in chunks.
 * Each chunk's members (one set-based INSERT, so the counter trigger aggregates it in one statement), its
 * per-line outcomes and the import's cursor (`next_line`) commit in one transaction: a crash or a cancel leaves
 * every committed chunk counted and never half a chunk, and the same file (by SHA-256) resumes from the cursor.
 *
 * Used by the CLI (`npm run import -- members FILE`) and the upload page, so no `server-only` here.
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows, type Db, type DbOrTx } from "@/db/client";
import { bulkInsert } from "@/db/bulk";
import { writeAudit } from "@/lib/audit/write";
import type { Viewer } from "@/lib/auth/viewer";
import { istDate } from "@/lib/dates";
import { CsvError, type CsvProblem } from "@/lib/csv/problems";
import { findColumns } from "@/lib/csv/columns";
import type { CsvRow } from "@/lib/csv/records";
import { translator, type Locale, type MessageKey } from "@/lib/i18n";
import { en } from "@/lib/i18n/en";
import { csvRecordBatches } from "@/lib/csv/stream";
import { CSV_BOM, csvLine } from "@/lib/csv/write";
import { boothInScope } from "@/lib/auth/scope";
import type { BoothRef } from "@/lib/members/enrol/enrol";
import { maskMembershipNo } from "@/lib/validation/mask";
import { ApiMember } from "@/lib/members/enrol/validation";

export const REQUIRED_COLUMNS = [
  "epic",
  "name",
  "gender",
  "age",
  "phone",
  "address",
  "religion",
  "caste",
  "caste_category",
  "booth_code",
  "consent",
  "consent_version",
] as const;
export const OPTIONAL_COLUMNS = ["relative_name", "consent_lang"] as const;
type Columns = Record<(typeof REQUIRED_COLUMNS)[number], number> & Partial<Record<(typeof OPTIONAL_COLUMNS)[number], number>>;

/** Rows per transaction: big enough that the per-statement costs vanish, small enough to lose little on a crash. */
export const DEFAULT_CHUNK_ROWS = 2_000;
/** A runner that has not committed for this long is gone (crashed, killed): its import may be taken over. */
export const STALE_AFTER_MS = 15_000;

export type ImportActor = { viewer: Viewer } | { label: string };
export type ByteSource = () => AsyncIterable<Uint8Array>;

export interface ImportProgress {
  id: number;
  fileName: string;
  status: "running" | "done" | "failed" | "cancelled";
  totalRows: number;
  created: number;
  duplicates: number;
  rejected: number;
  nextLine: number;
  /** Epoch milliseconds. */
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

// ---------------------------------------------------------------------------------------------------------
// Reading the file

export interface FileScan {
  sha256: string;
  bytes: number;
  totalRows: number;
  problems: CsvProblem[];
}

/**
 * One pass over the file before anything is written: its hash (an import's identity, for resuming), its
 * number of data rows (for the progress bar), and the problems that stop the whole file — not UTF-8, a quote
 * never closed, a missing column — each with its line.
 */
export async function scanFile(source: ByteSource): Promise<FileScan> {
  const hash = createHash("sha256");
  let bytes = 0;
  async function* hashed() {
    for await (const chunk of source()) {
      hash.update(chunk);
      bytes += chunk.length;
      yield chunk;
    }
  }
  let header: CsvRow | null = null;
  let totalRows = 0;
  const problems: CsvProblem[] = [];
  try {
    for await (const batch of csvRecordBatches(hashed())) {
      for (const row of batch) {
        if (!header) header = row;
        else totalRows++;
      }
    }
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    problems.push(err.toProblem());
  }
  if (problems.length === 0) {
    if (!header) problems.push({ line: null, message: "the file is empty (no header row)" });
    else {
      const lookup = findColumns(header.values.map((h) => h.trim()), REQUIRED_COLUMNS, OPTIONAL_COLUMNS, header.line);
      if (!lookup.ok) problems.push(...lookup.problems);
    }
  }
  return { sha256: hash.digest("hex"), bytes, totalRows, problems };
}

// ---------------------------------------------------------------------------------------------------------
// Starting or resuming

export type StartResult =
  | { kind: "started" | "resumed"; progress: ImportProgress }
  /** The same file was imported completely before: nothing to do. */
  | { kind: "done_before"; progress: ImportProgress }
  /** Another runner is importing this file right now. */
  | { kind: "busy"; progress: ImportProgress }
  | { kind: "rejected"; problems: CsvProblem[] }
  | { kind: "unknown_state" };

function actorFields(actor: ImportActor) {
  return "viewer" in actor ? { createdBy: actor.viewer.id, actorLabel: null } : { createdBy: null, actorLabel: actor.label };
}

const PROGRESS_COLUMNS = sql.raw(`id, file_name AS "fileName", status, total_rows AS "totalRows", created, duplicates, rejected,
  next_line AS "nextLine", (extract(epoch FROM started_at) * 1000)::float8 AS "startedAt",
  (extract(epoch FROM updated_at) * 1000)::float8 AS "updatedAt", (extract(epoch FROM finished_at) * 1000)::float8 AS "finishedAt"`);

export async function importProgress(db: DbOrTx, id: number): Promise<ImportProgress | null> {
  const [row] = await queryRows<ImportProgress>(db, sql`SELECT ${PROGRESS_COLUMNS} FROM member_imports WHERE id = ${id}`);
  return row ?? null;
}

/**
 * Finds the unfinished import of this file (same state, same SHA-256) and resumes it, or starts a new one.
 * A file imported completely before is not imported again. `lock` tells whether the import is free to run
 * (no live runner holds it); the caller keeps the lock while it runs.
 */
export async function startImport(
  db: Db,
  opts: { stateCode?: string; fileName: string; scan: FileScan; actor: ImportActor; isFree: (importId: number) => Promise<boolean> },
): Promise<StartResult> {
  if (opts.scan.problems.length > 0) return { kind: "rejected", problems: opts.scan.problems };
  const [state] = await queryRows<{ id: number }>(db, sql`SELECT id FROM states WHERE code = ${opts.stateCode ?? "CG"}`);
  if (!state) return { kind: "unknown_state" };
  if ("viewer" in opts.actor && opts.actor.viewer.scope.stateId !== state.id) return { kind: "unknown_state" };
  const sha = opts.scan.sha256;

  const [open] = await queryRows<{ id: number; status: string }>(
    db,
    sql`SELECT id, status FROM member_imports
        WHERE state_id = ${state.id} AND file_sha256 = ${sha} AND status IN ('running', 'failed', 'cancelled')`,
  );
  if (open) {
    if (!(await opts.isFree(open.id))) return { kind: "busy", progress: (await importProgress(db, open.id))! };
    await db.transaction(async (tx) => {
      await tx.execute(sql`UPDATE member_imports SET status = 'running', updated_at = now(), finished_at = NULL WHERE id = ${open.id}`);
      await writeAudit(tx, auditActor(opts.actor, state.id), {
        action: "members.import.resume",
        entityType: "member_import",
        entityId: open.id,
        before: { status: open.status },
        after: { status: "running" },
      });
    });
    return { kind: "resumed", progress: (await importProgress(db, open.id))! };
  }
  const [done] = await queryRows<{ id: number }>(
    db,
    sql`SELECT id FROM member_imports WHERE state_id = ${state.id} AND file_sha256 = ${sha} AND status = 'done' ORDER BY id DESC LIMIT 1`,
  );
  if (done) return { kind: "done_before", progress: (await importProgress(db, done.id))! };

  const { createdBy, actorLabel } = actorFields(opts.actor);
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await queryRows<{ id: number }>(
        tx,
        sql`INSERT INTO member_imports (state_id, created_by, actor_label, file_name, file_sha256, total_rows, next_line)
            VALUES (${state.id}, ${createdBy}, ${actorLabel}, ${opts.fileName.slice(0, 200)}, ${sha}, ${opts.scan.totalRows}, 2)
            RETURNING id`,
      );
      await writeAudit(tx, auditActor(opts.actor, state.id), {
        action: "members.import.start",
        entityType: "member_import",
        entityId: row!.id,
        after: { fileName: opts.fileName.slice(0, 200), sha256: sha, rows: opts.scan.totalRows, bytes: opts.scan.bytes },
      });
      return row!.id;
    });
    return { kind: "started", progress: (await importProgress(db, id))! };
  } catch (err) {
    // Two starts of one file at the same moment: the partial unique index lets one win; the other waits for it.
    const [other] = await queryRows<{ id: number }>(
      db,
      sql`SELECT id FROM member_imports WHERE state_id = ${state.id} AND file_sha256 = ${sha} AND status = 'running'`,
    );
    if (other) return { kind: "busy", progress: (await importProgress(db, other.id))! };
    throw err;
  }
}

function auditActor(actor: ImportActor, stateId: number): Viewer | { label: string; stateId: number } {
  return "viewer" in actor ? actor.viewer : { label: actor.label, stateId };
}

// ---------------------------------------------------------------------------------------------------------
// Rows

/** A row's outcome reason: catalog keys, each optionally with one argument, separated by ";". */
export type Reason = string;

interface Candidate {
  line: number;
  epic: string;
  name: string;
  relativeName: string | null;
  gender: string;
  age: number;
  phone: string;
  address: string;
  religion: string;
  caste: string;
  casteCategory: string;
  booth: BoothRef;
  consentVersion: string;
  consentLang: string;
}

interface Outcome {
  line: number;
  outcome: "created" | "duplicate" | "rejected";
  reason: Reason | null;
  membershipNo: string | null;
}

const YES = new Set(["yes", "y", "true", "1", "हाँ", "हां", "ha", "haan"]);
const CATEGORY: Record<string, string> = { sc: "SC", st: "ST", obc: "OBC", gen: "GEN", general: "GEN" };

function cellAt(row: CsvRow, i: number | undefined): string {
  return i === undefined ? "" : (row.values[i] ?? "");
}

/** A CSV row as the API's JSON body would carry it, so the one schema judges both. */
function rowToBody(row: CsvRow, c: Columns): Record<string, unknown> {
  const ageText = cellAt(row, c.age).trim();
  const category = cellAt(row, c.caste_category).trim();
  const relative = cellAt(row, c.relative_name).trim();
  const lang = cellAt(row, c.consent_lang).trim().toLowerCase();
  return {
    epic: cellAt(row, c.epic),
    name: cellAt(row, c.name),
    ...(relative ? { relativeName: relative } : {}),
    gender: cellAt(row, c.gender).trim().toUpperCase(),
    age: /^[0-9]{1,3}$/.test(ageText) ? Number(ageText) : ageText,
    phone: cellAt(row, c.phone),
    address: cellAt(row, c.address),
    religion: cellAt(row, c.religion),
    caste: cellAt(row, c.caste),
    casteCategory: CATEGORY[category.toLowerCase()] ?? category,
    boothCode: cellAt(row, c.booth_code).trim(),
    consent: YES.has(cellAt(row, c.consent).trim().toLowerCase()),
    consentVersion: cellAt(row, c.consent_version),
    ...(lang ? { consentLang: lang } : {}),
  };
}

function judgeRow(
  row: CsvRow,
  c: Columns,
  headerWidth: number,
  booths: Map<string, BoothRef>,
  allowed: (b: BoothRef) => boolean,
): Candidate | Outcome {
  const width = row.values.slice(headerWidth).every((v) => v.trim() === "") ? Math.min(row.values.length, headerWidth) : row.values.length;
  if (width !== headerWidth) {
    return { line: row.line, outcome: "rejected", reason: `members.import.width:${width}`, membershipNo: null };
  }
  const parsed = ApiMember.safeParse(rowToBody(row, c));
  if (!parsed.success) {
    const keys = [...new Set(parsed.error.issues.map((i) => i.message))].slice(0, 5);
    return { line: row.line, outcome: "rejected", reason: keys.join(";"), membershipNo: null };
  }
  const m = parsed.data;
  const booth = booths.get(m.boothCode);
  if (!booth) return { line: row.line, outcome: "rejected", reason: "members.invalid.boothUnknown", membershipNo: null };
  if (!allowed(booth)) return { line: row.line, outcome: "rejected", reason: "members.import.boothOutside", membershipNo: null };
  return {
    line: row.line,
    epic: m.epic,
    name: m.name,
    relativeName: m.relativeName ?? null,
    gender: m.gender,
    age: m.age,
    phone: m.phone,
    address: m.address,
    religion: m.religion,
    caste: m.caste,
    casteCategory: m.casteCategory,
    booth,
    consentVersion: m.consentVersion,
    consentLang: m.consentLang ?? "hi",
  };
}

async function loadBooths(db: DbOrTx, stateId: number): Promise<Map<string, BoothRef>> {
  const rows = await queryRows<{ id: number; state_id: number; pc_id: number; ac_id: number; district_id: number; block_id: number | null; code: string }>(
    db,
    sql`SELECT id, state_id, pc_id, ac_id, district_id, block_id, code FROM booths WHERE state_id = ${stateId}`,
  );
  return new Map(
    rows.map((b) => [b.code, { id: b.id, stateId: b.state_id, pcId: b.pc_id, acId: b.ac_id, districtId: b.district_id, blockId: b.block_id, code: b.code }]),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Running

/** The import was cancelled, or another runner moved its cursor: this runner stops, its chunk rolled back. */
export class ImportSuperseded extends Error {
  constructor(readonly status: string) {
    super(`import is ${status} or continued elsewhere`);
    this.name = "ImportSuperseded";
  }
}

export interface RunOptions {
  actor: ImportActor;
  chunkRows?: number;
  onProgress?: (p: ImportProgress) => void | Promise<void>;
  /** Checked between chunks: a cancel (Ctrl-C, the page's button) stops after the chunk in hand. */
  shouldStop?: () => boolean;
  /** Tests: throw inside the chunk's transaction after this many chunks, as a crash would. */
  crashAfterChunks?: number;
  now?: () => Date;
}

/**
 * Imports the file from the import's cursor to its end, chunk by chunk. Returns the final progress; the
 * status is `done` at the end of the file, `cancelled` when stopped. Throws ImportSuperseded when another
 * runner continued the import, and anything unexpected after marking the import `failed` (resumable).
 */
export async function runImport(db: Db, importId: number, source: ByteSource, opts: RunOptions): Promise<ImportProgress> {
  const [imp] = await queryRows<{ state_id: number; next_line: number; status: string; state_code: string }>(
    db,
    sql`SELECT i.state_id, i.next_line, i.status, s.code AS state_code FROM member_imports i JOIN states s ON s.id = i.state_id WHERE i.id = ${importId}`,
  );
  if (!imp) throw new Error(`no import ${importId}`);
  if (imp.status !== "running") throw new ImportSuperseded(imp.status);
  const viewer = "viewer" in opts.actor ? opts.actor.viewer : null;
  const allowed = viewer ? (b: BoothRef) => boothInScope(b, viewer.scope) : () => true;
  const booths = await loadBooths(db, imp.state_id);
  const chunkRows = opts.chunkRows ?? DEFAULT_CHUNK_ROWS;
  let cursor = imp.next_line;
  let chunks = 0;

  let columns: Columns | null = null;
  let headerWidth = 0;
  let pending: CsvRow[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    const now = opts.now?.() ?? new Date();
    const outcomes: Outcome[] = [];
    const candidates: Candidate[] = [];
    const firstLineOfEpic = new Map<string, number>();
    for (const row of rows) {
      const judged = judgeRow(row, columns!, headerWidth, booths, allowed);
      if ("outcome" in judged) {
        outcomes.push(judged);
        continue;
      }
      const first = firstLineOfEpic.get(judged.epic);
      if (first !== undefined) {
        outcomes.push({ line: row.line, outcome: "duplicate", reason: `members.import.duplicateInFile:${first}`, membershipNo: null });
        continue;
      }
      firstLineOfEpic.set(judged.epic, row.line);
      candidates.push(judged);
    }
    const lastLine = rows[rows.length - 1]!.line;
    chunks += 1;
    const crash = opts.crashAfterChunks !== undefined && chunks > opts.crashAfterChunks;
    const progress = await commitChunk(db, importId, imp.state_id, `${imp.state_code}${istDate(now).slice(2, 4)}-`, cursor, lastLine + 1, candidates, outcomes, now, crash);
    cursor = lastLine + 1;
    await opts.onProgress?.(progress);
  };

  try {
    for await (const batch of csvRecordBatches(source())) {
      for (const row of batch) {
        if (!columns) {
          const lookup = findColumns(row.values.map((h) => h.trim()), REQUIRED_COLUMNS, OPTIONAL_COLUMNS, row.line);
          if (!lookup.ok) throw new CsvError(row.line, lookup.problems.map((p) => p.message).join("; "));
          columns = lookup.columns as Columns;
          headerWidth = row.values.length;
          continue;
        }
        if (row.line < cursor) continue;
        pending.push(row);
        if (pending.length >= chunkRows) {
          await flush();
          if (opts.shouldStop?.()) return await finish(db, importId, "cancelled", opts.actor, imp.state_id);
        }
      }
    }
    await flush();
    return await finish(db, importId, "done", opts.actor, imp.state_id);
  } catch (err) {
    if (!(err instanceof ImportSuperseded)) {
      await db.execute(sql`UPDATE member_imports SET status = 'failed', updated_at = now() WHERE id = ${importId} AND status = 'running'`).catch(() => {});
    }
    throw err;
  }
}

async function commitChunk(
  db: Db,
  importId: number,
  stateId: number,
  prefix: string,
  expectedLine: number,
  nextLine: number,
  candidates: Candidate[],
  outcomes: Outcome[],
  now: Date,
  crash: boolean,
): Promise<ImportProgress> {
  return db.transaction(async (tx) => {
    // The row lock serialises this chunk with a cancel and with any other runner; the cursor check makes
    // sure a chunk is committed once, whoever gets there first.
    const [imp] = await queryRows<{ status: string; next_line: number }>(
      tx,
      sql`SELECT status, next_line FROM member_imports WHERE id = ${importId} FOR UPDATE`,
    );
    if (!imp || imp.status !== "running" || imp.next_line !== expectedLine) throw new ImportSuperseded(imp?.status ?? "gone");

    let created = 0;
    let duplicates = outcomes.filter((o) => o.outcome === "duplicate").length;
    if (candidates.length > 0) {
      const col = <T,>(f: (c: Candidate) => T) => sql.param(candidates.map(f));
      // One statement per chunk: the members trigger folds the whole chunk into one counter update.
      const inserted = await queryRows<{ epic: string; membership_no: string }>(
        tx,
        sql`INSERT INTO members (id, state_id, membership_no, epic, name, relative_name, gender, age, phone, address, religion, caste,
                                 caste_category, booth_id, ac_id, district_id, channel, consent_version, consent_lang,
                                 consent_at, created_at, enrolled_on)
            SELECT x.id, ${stateId}, ${prefix} || lpad(x.id::text, 7, '0'), x.epic, x.name, x.relative_name, x.gender, x.age, x.phone,
                   x.address, x.religion, x.caste, x.caste_category, x.booth_id, x.ac_id, x.district_id, 'import',
                   x.consent_version, x.consent_lang, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz,
                   ${istDate(now)}::date
            FROM (SELECT nextval(pg_get_serial_sequence('members', 'id')) AS id, u.*
                  FROM unnest(${col((c) => c.epic)}::text[], ${col((c) => c.name)}::text[], ${col((c) => c.relativeName)}::text[],
                              ${col((c) => c.gender)}::text[], ${col((c) => c.age)}::smallint[], ${col((c) => c.phone)}::text[],
                              ${col((c) => c.address)}::text[], ${col((c) => c.religion)}::text[], ${col((c) => c.caste)}::text[],
                              ${col((c) => c.casteCategory)}::text[], ${col((c) => c.booth.id)}::int[], ${col((c) => c.booth.acId)}::int[],
                              ${col((c) => c.booth.districtId)}::int[], ${col((c) => c.consentVersion)}::text[], ${col((c) => c.consentLang)}::text[])
                       AS u(epic, name, relative_name, gender, age, phone, address, religion, caste, caste_category, booth_id, ac_id,
                            district_id, consent_version, consent_lang)) x
            ON CONFLICT (state_id, epic) DO NOTHING
            RETURNING epic, membership_no`,
      );
      const numbers = new Map(inserted.map((r) => [r.epic, r.membership_no]));
      const missing = candidates.filter((c) => !numbers.has(c.epic)).map((c) => c.epic);
      const existing = new Map<string, string>();
      if (missing.length > 0) {
        const rows = await queryRows<{ epic: string; membership_no: string }>(
          tx,
          sql`SELECT epic, membership_no FROM members WHERE state_id = ${stateId} AND epic = ANY(${sql.param(missing)}::text[])`,
        );
        for (const r of rows) existing.set(r.epic, r.membership_no);
      }
      for (const c of candidates) {
        const no = numbers.get(c.epic);
        if (no) {
          created++;
          outcomes.push({ line: c.line, outcome: "created", reason: null, membershipNo: no });
        } else {
          duplicates++;
          const other = existing.get(c.epic);
          outcomes.push({ line: c.line, outcome: "duplicate", reason: `members.import.duplicateMember:${other ? maskMembershipNo(other) : "?"}`, membershipNo: null });
        }
      }
    }
    const rejected = outcomes.filter((o) => o.outcome === "rejected").length;
    await bulkInsert(tx, "member_import_rows", {
      import_id: ["int", outcomes.map(() => importId)],
      line: ["int", outcomes.map((o) => o.line)],
      outcome: ["text", outcomes.map((o) => o.outcome)],
      reason: ["text", outcomes.map((o) => o.reason)],
      membership_no: ["text", outcomes.map((o) => o.membershipNo)],
    });
    if (crash) throw new Error("simulated crash inside a chunk");
    const [progress] = await queryRows<ImportProgress>(
      tx,
      sql`UPDATE member_imports SET next_line = ${nextLine}, created = created + ${created}, duplicates = duplicates + ${duplicates},
            rejected = rejected + ${rejected}, updated_at = now()
          WHERE id = ${importId}
          RETURNING ${PROGRESS_COLUMNS}`,
    );
    return progress!;
  });
}

async function finish(db: Db, importId: number, status: "done" | "cancelled", actor: ImportActor, stateId: number): Promise<ImportProgress> {
  return db.transaction(async (tx) => {
    const [row] = await queryRows<ImportProgress>(
      tx,
      sql`UPDATE member_imports SET status = ${status}, updated_at = now(), finished_at = CASE WHEN ${status} = 'done' THEN now() END
          WHERE id = ${importId} AND status = 'running'
          RETURNING ${PROGRESS_COLUMNS}`,
    );
    if (!row) throw new ImportSuperseded("not running");
    await writeAudit(tx, auditActor(actor, stateId), {
      action: status === "done" ? "members.import.done" : "members.import.cancel",
      entityType: "member_import",
      entityId: importId,
      after: { status, created: row.created, duplicates: row.duplicates, rejected: row.rejected, nextLine: row.nextLine },
    });
    return row;
  });
}

/** Cancels a running import (the runner stops before its next chunk commits); the file can resume it later. */
export async function cancelImport(db: Db, importId: number, actor: ImportActor): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{ state_id: number }>(
      tx,
      sql`UPDATE member_imports SET status = 'cancelled', updated_at = now() WHERE id = ${importId} AND status = 'running' RETURNING state_id`,
    );
    if (!row) return false;
    await writeAudit(tx, auditActor(actor, row.state_id), {
      action: "members.import.cancel",
      entityType: "member_import",
      entityId: importId,
      after: { status: "cancelled" },
    });
    return true;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Locks: is a runner alive?

const LOCK_CLASS = 0x4d494d50 & 0x7fffffff;
const localLocks = new Set<number>();

/**
 * Takes the import's run lock: a PostgreSQL session advisory lock on a connection held for the run, so a
 * killed runner's lock goes with its connection and a resume can tell a dead runner from a live one. PGlite
 * is one process by construction, so a process-local set does the same there. Null when someone holds it.
 */
export async function tryLockImport(db: Db, importId: number): Promise<(() => Promise<void>) | null> {
  const client = (db as unknown as { $client?: { connect?: () => Promise<PoolClient>; totalCount?: number } }).$client;
  if (client && typeof client.connect === "function" && typeof client.totalCount === "number") {
    const conn = await client.connect();
    try {
      const { rows } = await conn.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS ok", [LOCK_CLASS, importId]);
      if (!rows[0]?.ok) {
        conn.release();
        return null;
      }
    } catch (err) {
      conn.release(err instanceof Error ? err : true);
      throw err;
    }
    return async () => {
      try {
        await conn.query("SELECT pg_advisory_unlock($1, $2)", [LOCK_CLASS, importId]);
        conn.release();
      } catch {
        conn.release(true);
      }
    };
  }
  if (localLocks.has(importId)) return null;
  localLocks.add(importId);
  return async () => {
    localLocks.delete(importId);
  };
}

interface PoolClient {
  query<R>(text: string, values: unknown[]): Promise<{ rows: R[] }>;
  release(err?: Error | boolean): void;
}

// ---------------------------------------------------------------------------------------------------------
// Outcomes

/** The outcome file's columns, the same from the web and from the command line. */
const OUTCOME_HEADER = ["line", "outcome", "reason", "membership_no"] as const;

export interface OutcomeRow {
  line: number;
  outcome: "created" | "duplicate" | "rejected";
  reason: string | null;
  membershipNo: string | null;
}

/** The outcome rows of an import, in line order, a page at a time (the CSV download streams them). */
export async function outcomeRows(db: DbOrTx, importId: number, afterLine = 0, limit = 5_000, only?: OutcomeRow["outcome"]): Promise<OutcomeRow[]> {
  return queryRows<OutcomeRow>(
    db,
    sql`SELECT line, outcome, reason, membership_no AS "membershipNo" FROM member_import_rows
        WHERE import_id = ${importId} AND line > ${afterLine} ${only ? sql`AND outcome = ${only}` : sql``}
        ORDER BY line LIMIT ${limit}`,
  );
}

/** A stored reason in words: each catalog key translated, its argument filled in. */
export function describeReason(reason: string | null, locale: Locale = "en"): string {
  if (!reason) return "";
  const t = translator(locale);
  return reason
    .split(";")
    .map((part) => {
      const [key, arg] = part.split(/:(.*)/s) as [string, string | undefined];
      if (!Object.hasOwn(en, key)) return part;
      return t(key as MessageKey, { arg: arg ?? "" });
    })
    .join("; ");
}

/**
 * The outcome file (BOM and header, then line, outcome, reason in `locale`, membership number; CRLF) as text,
 * one page of rows at a time, for the CLI's file and the upload page's download alike.
 */
export async function* outcomeCsvChunks(db: DbOrTx, importId: number, locale: Locale = "en"): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(OUTCOME_HEADER);
  let after = 0;
  for (;;) {
    const rows = await outcomeRows(db, importId, after);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.line;
    yield rows.map((r) => csvLine([r.line, r.outcome, describeReason(r.reason, locale), r.membershipNo])).join("");
  }
}
