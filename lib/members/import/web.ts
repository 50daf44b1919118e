import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db, type DbOrTx } from "@/db/client";
import { writeAudit } from "@/lib/audit/write";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import type { Locale } from "@/lib/i18n";
import {
  cancelImport,
  ImportSuperseded,
  outcomeCsvChunks,
  runImport,
  scanFile,
  startImport,
  STALE_AFTER_MS,
  tryLockImport,
  type ImportProgress,
  type StartResult,
} from "@/lib/members/import/import";

/**
 * The upload page's side of the member import. The upload is streamed to a file under `.data/` while it is
 * hashed (never held in memory whole), then imported in the background by this server process with the same
 * chunked, resumable runner as the CLI. Rows outside the uploader's scope are rejected line by line. Which
 * imports a user sees: leadership (state scope) all of the state's; anyone else only their own.
 */

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

function uploadDir(): string {
  return process.env.MEMBER_IMPORT_DIR ?? path.join(process.cwd(), ".data", "member-imports");
}
const fileFor = (sha256: string) => path.join(uploadDir(), `${sha256}.csv`);

function visible(viewer: Viewer): SQL {
  return viewer.scope.level === "state"
    ? sql`i.state_id = ${viewer.scope.stateId}`
    : sql`i.state_id = ${viewer.scope.stateId} AND i.created_by = ${viewer.id}`;
}

export interface ImportView extends ImportProgress {
  /** Running, but no chunk committed for a while: the server stopped; uploading the same file resumes it. */
  stalled: boolean;
  byName: string | null;
}

const VIEW_COLUMNS = sql.raw(`i.id, i.file_name AS "fileName", i.status, i.total_rows AS "totalRows", i.created, i.duplicates,
  i.rejected, i.next_line AS "nextLine", (extract(epoch FROM i.started_at) * 1000)::float8 AS "startedAt",
  (extract(epoch FROM i.updated_at) * 1000)::float8 AS "updatedAt", (extract(epoch FROM i.finished_at) * 1000)::float8 AS "finishedAt", coalesce(u.name, i.actor_label) AS "byName",
  (i.status = 'running' AND i.updated_at < now() - make_interval(secs => ${STALE_AFTER_MS / 1000})) AS stalled`);

export async function listImports(db: DbOrTx, viewer: Viewer, limit = 20): Promise<ImportView[]> {
  if (!can(viewer, "members.create")) return [];
  return queryRows<ImportView>(
    db,
    sql`SELECT ${VIEW_COLUMNS} FROM member_imports i LEFT JOIN users u ON u.id = i.created_by
        WHERE ${visible(viewer)} ORDER BY i.id DESC LIMIT ${limit}`,
  );
}

export async function getImport(db: DbOrTx, viewer: Viewer, id: number): Promise<ImportView | null> {
  if (!can(viewer, "members.create") || !Number.isSafeInteger(id)) return null;
  const [row] = await queryRows<ImportView>(
    db,
    sql`SELECT ${VIEW_COLUMNS} FROM member_imports i LEFT JOIN users u ON u.id = i.created_by WHERE i.id = ${id} AND ${visible(viewer)}`,
  );
  return row ?? null;
}

/** Imports running in this process: a second upload of the same file shows the running one. */
const running = new Map<number, { stop: boolean }>();

export type UploadResult =
  | { ok: true; start: Exclude<StartResult, { kind: "rejected" } | { kind: "unknown_state" }>; run: (() => Promise<void>) | null }
  | { ok: false; status: 400 | 413; problems: { line: number | null; message: string }[] };

/**
 * Stores the request body (the CSV file itself) and starts or resumes its import. The returned `run`, when
 * set, is the background work (the route hands it to `after()`).
 */
export async function acceptUpload(db: Db, viewer: Viewer, body: ReadableStream<Uint8Array> | null, fileName: string): Promise<UploadResult> {
  if (!body) return { ok: false, status: 400, problems: [{ line: null, message: "the file is empty (no header row)" }] };
  await mkdir(uploadDir(), { recursive: true });
  const temp = path.join(uploadDir(), `upload-${randomBytes(8).toString("hex")}.part`);
  const hash = createHash("sha256");
  const file = await open(temp, "w");
  let bytes = 0;
  try {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      if (bytes > MAX_UPLOAD_BYTES) {
        await reader.cancel().catch(() => {});
        await file.close();
        await rm(temp, { force: true });
        return { ok: false, status: 413, problems: [{ line: null, message: "the file is larger than 50 MB; split it and upload the parts" }] };
      }
      hash.update(value);
      await file.write(value);
    }
  } catch (err) {
    await file.close().catch(() => {});
    await rm(temp, { force: true });
    throw err;
  }
  await file.close();
  const sha = hash.digest("hex");
  const stored = fileFor(sha);

  // The upload is checked in its own file: two people may send the same bytes at once (the same empty file, say),
  // and the shared, content-named file must not be replaced or removed under the other's scan. It takes that
  // name only when an import is going to read it (a later upload of the same file resumes from it).
  let kept = false;
  try {
    const scan = await scanFile(() => createReadStream(temp, { highWaterMark: 256 * 1024 }));
    let release: (() => Promise<void>) | null = null;
    const start = await startImport(db, {
      fileName: fileName.replace(/[^\p{L}\p{N} ._()-]+/gu, "_").slice(0, 120) || "members.csv",
      scan,
      actor: { viewer },
      isFree: async (id) => !running.has(id) && (release = await tryLockImport(db, id)) !== null,
    });
    if (start.kind === "rejected") return { ok: false, status: 400, problems: start.problems };
    if (start.kind === "unknown_state") return { ok: false, status: 400, problems: [{ line: null, message: "unknown state" }] };
    if (start.kind === "started") release = await tryLockImport(db, start.progress.id);
    if ((start.kind !== "started" && start.kind !== "resumed") || !release) return { ok: true, start, run: null };
    await rename(temp, stored);
    kept = true;
    return { ok: true, start, run: importRun(db, viewer, start.progress.id, stored, release) };
  } finally {
    if (!kept) await rm(temp, { force: true });
  }
}

/** The background work of a started or resumed import: read the stored file, then remove it and unlock. */
function importRun(db: Db, viewer: Viewer, id: number, stored: string, unlock: () => Promise<void>): () => Promise<void> {
  const source = () => createReadStream(stored, { highWaterMark: 256 * 1024 });
  const flag = { stop: false };
  running.set(id, flag);
  return async () => {
    try {
      await runImport(db, id, source, { actor: { viewer }, shouldStop: () => flag.stop });
      await rm(stored, { force: true });
    } catch (err) {
      if (!(err instanceof ImportSuperseded)) console.error(`member import #${id} failed:`, err);
    } finally {
      running.delete(id);
      await unlock();
    }
  };
}

/** Cancels a visible running import; the runner stops before its next chunk commits. */
/** Stops an import the viewer can see: not found (not theirs, or no such import), not running, or cancelled. */
export async function cancelVisibleImport(db: Db, viewer: Viewer, id: number): Promise<"not_found" | "not_running" | "cancelled"> {
  if (!(await getImport(db, viewer, id))) return "not_found";
  const flag = running.get(id);
  if (flag) flag.stop = true;
  return (await cancelImport(db, id, { viewer })) ? "cancelled" : "not_running";
}

/** The per-line outcome as CSV (BOM, CRLF, reasons in the viewer's language), streamed page by page; audited. */
export async function outcomeCsv(db: Db, viewer: Viewer, id: number, locale: Locale): Promise<{ name: string; body: ReadableStream<Uint8Array> } | null> {
  const imp = await getImport(db, viewer, id);
  if (!imp) return null;
  await db.transaction((tx) =>
    writeAudit(tx, viewer, { action: "members.import.download", entityType: "member_import", entityId: id, after: { fileName: imp.fileName } }),
  );
  const enc = new TextEncoder();
  const chunks = outcomeCsvChunks(db, id, locale);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(enc.encode(next.value));
    },
  });
  return { name: `${imp.fileName.replace(/\.csv$/i, "")}-outcome-${id}.csv`, body };
}
