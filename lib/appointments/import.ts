/**
 * Bulk appointments from a CSV file: `role, unit_level, unit_code, name, phone, epic` (columns by header name,
 * any order; epic may be empty). `unit_code` is, by level:
 *   booth     its code, `049-123` (`49-123` is read the same);
 *   block     the block's name (`Dharsiwa`) when only one district of your area has a block of that name,
 *             else `district-slug/Block name` (`raipur/Dharsiwa`); the block's number (id) is accepted too;
 *   district  its slug (`raipur`, `janjgir-champa`);
 *   ac / pc   the seat number.
 *
 * Every row gets an outcome — appointed, replaced (a single-holder post held by someone else), skipped
 * (this person already holds this post: re-importing a file appoints nobody twice) or rejected with the
 * reason. The same planning runs for the preview and, inside the writing transaction, again for the apply;
 * a file with any rejected row is refused whole and writes nothing, and so does a file whose outcomes changed
 * since the preview (someone appointed in between). Writes are set-based (unnest), a handful of statements
 * whatever the file's size, with one audit event per appointment plus one for the import.
 */
import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx, type Tx } from "@/db/client";
import { PG, pgError } from "@/db/errors";
import type { AppointmentRole, UnitLevel } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { ActionError } from "@/lib/errors";
import type { Translate } from "@/lib/i18n";
import { cell, findColumns, widthProblem } from "@/lib/csv/columns";
import { CsvError } from "@/lib/csv/problems";
import { parseCsv } from "@/lib/csv/parse";
import type { CsvRow } from "@/lib/csv/records";
import { parseEpic, parsePhone } from "@/lib/validation/identity";
import { holderLimit, normalizeName, permissionFor, postRule, sameName, type PostRule } from "@/lib/appointments/posts";
import type { ServiceCtx } from "@/lib/appointments/service";

/** The import report speaks the reader's language: its row reasons are text, built with `t`. */
export type ImportCtx = ServiceCtx & { t: Translate };
import { unitIdsInScope } from "@/lib/auth/scope";

export const IMPORT_COLUMNS = ["role", "unit_level", "unit_code", "name", "phone", "epic"] as const;
const REQUIRED = ["role", "unit_level", "unit_code", "name", "phone"] as const;
const OPTIONAL = ["epic"] as const;
/** Rows per file: a district has a few thousand booths, a file of the whole state ~25,000 posts in 3 files. */
export const IMPORT_MAX_ROWS = 10_000;
/** Under the 1 MB body limit of server actions (the file travels in the form). */
export const IMPORT_MAX_BYTES = 950_000;

export type RowOutcome = "appointed" | "replaced" | "skipped" | "rejected";

export interface ImportRowResult {
  line: number;
  role: string;
  level: string;
  unitCode: string;
  name: string;
  phone: string;
  outcome: RowOutcome;
  /** Why it was rejected or skipped, or whom it replaces. */
  reason: string | null;
}

export interface ImportReport {
  /** preview: nothing written yet; applied: written; rejected: the file has problems and nothing was written;
   *  changed: outcomes differ from the preview's, nothing was written (preview again). */
  status: "preview" | "applied" | "rejected" | "changed";
  fileProblems: string[];
  rows: ImportRowResult[];
  counts: Record<RowOutcome, number>;
  /** Identifies the planned outcomes; the apply must be for the same plan as the preview. */
  fingerprint: string;
  elapsedMs: number;
}

const ROLE_ALIASES: Record<string, AppointmentRole> = {
  chief_enroller: "chief_enroller",
  enroller: "enroller",
  it_president: "it_president",
  it_member: "it_member",
};
const LEVELS: readonly UnitLevel[] = ["pc", "ac", "district", "block", "booth"];

interface ParsedRow {
  line: number;
  raw: { role: string; level: string; unitCode: string; name: string; phone: string; epic: string };
  role?: AppointmentRole;
  level?: UnitLevel;
  rule?: PostRule;
  name?: string;
  phone?: string;
  epic?: string | null;
  unitId?: number;
  reject?: string;
}

interface PlannedRow extends ParsedRow {
  outcome: RowOutcome;
  reason: string | null;
  /** Existing worker (by phone), if any. */
  workerId?: number;
  /** The active appointment a replacement ends. */
  replacesId?: number;
}

function postKey(role: AppointmentRole, level: UnitLevel, unitId: number): string {
  return `${role}|${level}|${unitId}`;
}

/** `49-123` → `049-123`; null when it is not a booth code. */
export function normalizeBoothCode(raw: string): string | null {
  const m = /^([0-9]{1,3})-([0-9]{1,4})$/.exec(raw.trim());
  if (!m) return null;
  const part = Number(m[2]);
  if (part < 1) return null;
  return `${m[1]!.padStart(3, "0")}-${String(part).padStart(3, "0")}`;
}

export function normalizeRole(raw: string): AppointmentRole | null {
  return ROLE_ALIASES[raw.trim().toLowerCase().replace(/[\s-]+/g, "_")] ?? null;
}

function roleLabel(t: Translate, role: AppointmentRole) {
  return t(`appointments.role.${role}`);
}
function levelLabel(t: Translate, level: UnitLevel) {
  return t(`appointments.level.${level}`);
}

// ---------------------------------------------------------------------------------------------------------
// Reading the file

type Read = { ok: true; rows: ParsedRow[] } | { ok: false; problems: string[] };

/** Parses and checks each row on its own (no database): role, level, post, permission, name, phone, EPIC. */
export function readImportFile(bytes: Uint8Array, viewer: Viewer, t: Translate): Read {
  if (bytes.byteLength > IMPORT_MAX_BYTES) return { ok: false, problems: [t("appointments.import.tooLarge", { max: IMPORT_MAX_ROWS })] };
  let table;
  try {
    table = parseCsv(bytes);
  } catch (err) {
    if (err instanceof CsvError) {
      return { ok: false, problems: [t("appointments.import.unreadable", { detail: err.line === null ? err.message : `line ${err.line}: ${err.message}` })] };
    }
    throw err;
  }
  const lookup = findColumns(table.header, REQUIRED, OPTIONAL, table.headerLine);
  if (!lookup.ok) {
    const missing = REQUIRED.filter((c) => !table.header.some((h) => h.trim().toLowerCase() === c));
    return {
      ok: false,
      problems: missing.length
        ? missing.map((column) => t("appointments.import.missingColumn", { column }))
        : lookup.problems.map((p) => t("appointments.import.unreadable", { detail: p.message })),
    };
  }
  if (table.rows.length === 0) return { ok: false, problems: [t("appointments.import.empty")] };
  if (table.rows.length > IMPORT_MAX_ROWS) return { ok: false, problems: [t("appointments.import.tooLarge", { max: IMPORT_MAX_ROWS })] };
  const c = lookup.columns;
  const rows = table.rows.map((row: CsvRow): ParsedRow => {
    const raw = {
      role: cell(row, c.role),
      level: cell(row, c.unit_level),
      unitCode: cell(row, c.unit_code),
      name: cell(row, c.name),
      phone: cell(row, c.phone),
      epic: cell(row, c.epic),
    };
    const parsed: ParsedRow = { line: row.line, raw };
    const width = widthProblem(row, table.header.length);
    if (width) return { ...parsed, reject: t("appointments.import.reason.width", { header: table.header.length }) };
    const role = normalizeRole(raw.role);
    if (!role) return { ...parsed, reject: t("appointments.import.reason.role", { value: raw.role }) };
    const level = LEVELS.find((l) => l === raw.level.trim().toLowerCase());
    if (!level) return { ...parsed, role, reject: t("appointments.import.reason.level", { value: raw.level }) };
    const rule = postRule(role, level);
    if (!rule) return { ...parsed, role, level, reject: t("appointments.import.reason.post", { role: roleLabel(t, role), level: levelLabel(t, level) }) };
    if (!can(viewer, permissionFor(role), level)) return { ...parsed, role, level, reject: t("appointments.import.reason.forbidden") };
    const name = normalizeName(raw.name);
    if (!name) return { ...parsed, role, level, reject: t("appointments.import.reason.name") };
    const phone = parsePhone(raw.phone);
    if (!phone) return { ...parsed, role, level, reject: t("appointments.import.reason.phone", { value: raw.phone }) };
    const epic = raw.epic === "" ? null : parseEpic(raw.epic);
    if (raw.epic !== "" && !epic) return { ...parsed, role, level, reject: t("appointments.import.reason.epic", { value: raw.epic }) };
    if (raw.unitCode === "") return { ...parsed, role, level, reject: t("appointments.import.reason.unit", { level: levelLabel(t, level), code: "" }) };
    return { ...parsed, role, level, rule, name, phone, epic };
  });
  return { ok: true, rows };
}

// ---------------------------------------------------------------------------------------------------------
// Resolving units (set-based, inside the viewer's scope)

async function resolveUnits(db: DbOrTx, viewer: Viewer, rows: ParsedRow[], t: Translate): Promise<void> {
  const stateId = viewer.scope.stateId;
  const want = (level: UnitLevel) => rows.filter((r) => !r.reject && r.level === level);

  const boothRows = want("booth");
  if (boothRows.length) {
    const codes = [...new Set(boothRows.map((r) => normalizeBoothCode(r.raw.unitCode)).filter((c): c is string => c !== null))];
    const found = codes.length
      ? await queryRows<{ id: number; code: string }>(
          db,
          sql`SELECT id, code FROM booths WHERE state_id = ${stateId} AND code = ANY(${sql.param(codes)}::text[])
            AND id IN (${unitIdsInScope(viewer, "booth", "write")})`,
        )
      : [];
    const byCode = new Map(found.map((b) => [b.code, b.id]));
    for (const r of boothRows) {
      const code = normalizeBoothCode(r.raw.unitCode);
      const id = code ? byCode.get(code) : undefined;
      if (id) r.unitId = id;
      else r.reject = t("appointments.import.reason.unit", { level: levelLabel(t, "booth"), code: r.raw.unitCode });
    }
  }

  const blockRows = want("block");
  if (blockRows.length) {
    const blocks = await queryRows<{ id: number; name: string; slug: string }>(
      db,
      sql`SELECT bl.id, bl.name, d.slug FROM blocks bl JOIN districts d ON d.id = bl.district_id
        WHERE bl.id IN (${unitIdsInScope(viewer, "block", "write")})`,
    );
    const key = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();
    const byId = new Map(blocks.map((b) => [String(b.id), b.id]));
    const bySlugName = new Map(blocks.map((b) => [`${b.slug}/${key(b.name)}`, b.id]));
    const byName = new Map<string, number[]>();
    for (const b of blocks) byName.set(key(b.name), [...(byName.get(key(b.name)) ?? []), b.id]);
    for (const r of blockRows) {
      const code = r.raw.unitCode.trim();
      const slash = code.indexOf("/");
      const id =
        byId.get(code) ??
        (slash > 0 ? bySlugName.get(`${code.slice(0, slash).trim().toLowerCase()}/${key(code.slice(slash + 1))}`) : undefined);
      const named = slash > 0 ? [] : (byName.get(key(code)) ?? []);
      if (id) r.unitId = id;
      else if (named.length === 1) r.unitId = named[0];
      else if (named.length > 1) r.reject = t("appointments.import.reason.ambiguousBlock", { code });
      else r.reject = t("appointments.import.reason.unit", { level: levelLabel(t, "block"), code });
    }
  }

  const simple: { level: UnitLevel; sqlText: ReturnType<typeof sql> }[] = [
    { level: "district", sqlText: sql`SELECT id, slug AS key FROM districts WHERE id IN (${unitIdsInScope(viewer, "district", "write")})` },
    { level: "ac", sqlText: sql`SELECT id, no::text AS key FROM assembly_seats WHERE id IN (${unitIdsInScope(viewer, "ac", "write")})` },
    { level: "pc", sqlText: sql`SELECT id, no::text AS key FROM lok_sabha_seats WHERE id IN (${unitIdsInScope(viewer, "pc", "write")})` },
  ];
  for (const { level, sqlText } of simple) {
    const list = want(level);
    if (!list.length) continue;
    const units = await queryRows<{ id: number; key: string }>(db, sqlText);
    const byKey = new Map(units.map((u) => [u.key, u.id]));
    for (const r of list) {
      const code = r.raw.unitCode.trim().toLowerCase();
      const id = byKey.get(level === "district" ? code : String(Number(code)));
      if (id) r.unitId = id;
      else r.reject = t("appointments.import.reason.unit", { level: levelLabel(t, level), code: r.raw.unitCode });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Planning

interface Holder {
  appointmentId: number;
  workerId: number;
  name: string;
}

async function plan(db: DbOrTx, ctx: ImportCtx, parsed: ParsedRow[]): Promise<PlannedRow[]> {
  const { viewer, t } = ctx;
  const rows = parsed.map((r) => ({ ...r }));
  await resolveUnits(db, viewer, rows, t);

  // Within the file: one person once per post, one holder per single-holder post, one name per phone.
  const firstByPost = new Map<string, ParsedRow[]>();
  const nameByPhone = new Map<string, ParsedRow>();
  for (const r of rows) {
    if (r.reject || !r.role || !r.level || r.unitId === undefined || !r.phone || !r.name) continue;
    const earlierPhone = nameByPhone.get(r.phone);
    if (earlierPhone && !sameName(earlierPhone.name!, r.name)) {
      r.reject = t("appointments.import.reason.phoneNameFile", { line: earlierPhone.line });
      continue;
    }
    const key = postKey(r.role, r.level, r.unitId);
    const earlier = firstByPost.get(key) ?? [];
    const same = earlier.find((e) => e.phone === r.phone);
    if (same) {
      r.reject = t("appointments.import.reason.duplicate", { line: same.line });
      continue;
    }
    if (r.rule?.single && earlier.length > 0) {
      r.reject = t("appointments.import.reason.twoHolders", { line: earlier[0]!.line });
      continue;
    }
    if (!earlierPhone) nameByPhone.set(r.phone, r);
    firstByPost.set(key, [...earlier, r]);
  }

  const live = rows.filter((r) => !r.reject);
  const phones = [...new Set(live.map((r) => r.phone!))];
  const workers = phones.length
    ? await queryRows<{ id: number; name: string; phone: string }>(
        db,
        sql`SELECT DISTINCT ON (phone) id, name, phone FROM workers
          WHERE state_id = ${viewer.scope.stateId} AND phone = ANY(${sql.param(phones)}::text[]) ORDER BY phone, id`,
      )
    : [];
  const workerByPhone = new Map(workers.map((w) => [w.phone, w]));

  const ids = (level: UnitLevel) => [...new Set(live.filter((r) => r.level === level).map((r) => r.unitId!))];
  const holders = await queryRows<{
    id: number;
    role: AppointmentRole;
    level: UnitLevel;
    unit_id: number;
    worker_id: number;
    name: string;
  }>(
    db,
    sql`SELECT a.id, a.role,
        CASE WHEN a.booth_id IS NOT NULL THEN 'booth' WHEN a.block_id IS NOT NULL THEN 'block'
             WHEN a.district_id IS NOT NULL THEN 'district' WHEN a.ac_id IS NOT NULL THEN 'ac' ELSE 'pc' END AS level,
        coalesce(a.booth_id, a.block_id, a.district_id, a.ac_id, a.pc_id) AS unit_id, a.worker_id, w.name
      FROM appointments a JOIN workers w ON w.id = a.worker_id
      WHERE a.ended_at IS NULL AND a.state_id = ${viewer.scope.stateId} AND (
        a.booth_id = ANY(${sql.param(ids("booth"))}::int[]) OR a.block_id = ANY(${sql.param(ids("block"))}::int[])
        OR a.district_id = ANY(${sql.param(ids("district"))}::int[]) OR a.ac_id = ANY(${sql.param(ids("ac"))}::int[])
        OR a.pc_id = ANY(${sql.param(ids("pc"))}::int[]))
      ORDER BY a.appointed_at`,
  );
  const holdersByPost = new Map<string, Holder[]>();
  for (const h of holders) {
    const key = postKey(h.role, h.level, h.unit_id);
    holdersByPost.set(key, [...(holdersByPost.get(key) ?? []), { appointmentId: h.id, workerId: h.worker_id, name: h.name }]);
  }

  const added = new Map<string, number>();
  return rows.map((r): PlannedRow => {
    if (r.reject) return { ...r, outcome: "rejected", reason: r.reject };
    const existing = workerByPhone.get(r.phone!);
    if (existing && !sameName(existing.name, r.name!)) {
      return { ...r, outcome: "rejected", reason: t("appointments.import.reason.phoneName", { phone: r.phone! }) };
    }
    const key = postKey(r.role!, r.level!, r.unitId!);
    const current = holdersByPost.get(key) ?? [];
    if (existing && current.some((h) => h.workerId === existing.id)) {
      return { ...r, outcome: "skipped", reason: t("appointments.import.reason.identical"), workerId: existing.id };
    }
    if (r.rule!.single) {
      const holder = current[0];
      if (!holder) return { ...r, outcome: "appointed", reason: null, workerId: existing?.id };
      return {
        ...r,
        outcome: "replaced",
        reason: t("appointments.import.reason.replaces", { name: holder.name }),
        workerId: existing?.id,
        replacesId: holder.appointmentId,
      };
    }
    const limit = holderLimit(r.rule!);
    const count = current.length + (added.get(key) ?? 0);
    if (count >= limit) return { ...r, outcome: "rejected", reason: t("appointments.import.reason.limit", { limit }) };
    added.set(key, (added.get(key) ?? 0) + 1);
    return { ...r, outcome: "appointed", reason: null, workerId: existing?.id };
  });
}

function report(status: ImportReport["status"], rows: PlannedRow[], started: number, fileProblems: string[] = []): ImportReport {
  const counts: Record<RowOutcome, number> = { appointed: 0, replaced: 0, skipped: 0, rejected: 0 };
  for (const r of rows) counts[r.outcome] += 1;
  const fingerprint = createHash("sha256")
    .update(JSON.stringify(rows.map((r) => [r.line, r.outcome, r.unitId ?? null, r.workerId ?? null, r.replacesId ?? null])))
    .digest("hex");
  return {
    status: status === "preview" && counts.rejected > 0 ? "rejected" : status,
    fileProblems,
    rows: rows.map((r) => ({
      line: r.line,
      role: r.raw.role,
      level: r.raw.level,
      unitCode: r.raw.unitCode,
      name: r.raw.name,
      phone: r.phone ?? r.raw.phone,
      outcome: r.outcome,
      reason: r.reason,
    })),
    counts,
    fingerprint,
    elapsedMs: Date.now() - started,
  };
}

function rejectedFile(problems: string[], started: number): ImportReport {
  return {
    status: "rejected",
    fileProblems: problems,
    rows: [],
    counts: { appointed: 0, replaced: 0, skipped: 0, rejected: 0 },
    fingerprint: "",
    elapsedMs: Date.now() - started,
  };
}

/** What the file would do, without writing anything. */
export async function previewImport(ctx: ImportCtx, bytes: Uint8Array): Promise<ImportReport> {
  const started = Date.now();
  const read = readImportFile(bytes, ctx.viewer, ctx.t);
  if (!read.ok) return rejectedFile(read.problems, started);
  return report("preview", await plan(ctx.db, ctx, read.rows), started);
}

/**
 * Plans again inside one transaction (after locking the units of multi-holder posts, so that limits hold
 * against concurrent appointments) and writes only when no row is rejected and the outcomes are those of
 * the preview the user saw (`fingerprint`).
 */
export async function applyImport(ctx: ImportCtx, bytes: Uint8Array, fingerprint: string, fileName = "upload.csv"): Promise<ImportReport> {
  const started = Date.now();
  const { db, viewer, t } = ctx;
  const read = readImportFile(bytes, viewer, t);
  if (!read.ok) return rejectedFile(read.problems, started);
  try {
    return await db.transaction(async (tx) => {
      const parsed = read.rows;
      await lockMultiHolderUnits(tx, viewer, parsed);
      const planned = await plan(tx, ctx, parsed);
      const preview = report("preview", planned, started);
      if (preview.counts.rejected > 0) return { ...preview, status: "rejected" as const };
      if (preview.fingerprint !== fingerprint) return { ...preview, status: "changed" as const };
      await writePlan(tx, viewer, planned, t);
      const done = report("applied", planned, started);
      if (done.counts.appointed + done.counts.replaced > 0) {
        await writeAudit(tx, viewer, {
          action: "appointment.import",
          entityType: "appointment_import",
          entityId: fileName.slice(0, 200),
          after: { rows: planned.length, ...done.counts },
        });
      }
      return { ...done, elapsedMs: Date.now() - started };
    });
  } catch (err) {
    if (err instanceof ActionError) throw err;
    const pg = pgError(err);
    if (pg?.code === PG.uniqueViolation || pg?.code === PG.serializationFailure || pg?.code === PG.deadlockDetected) {
      throw new ActionError("conflict", "appointments.import.raced");
    }
    throw err;
  }
}

/** Locks booth and block rows that gain holders of multi-holder posts, in id order (no deadlocks). */
async function lockMultiHolderUnits(tx: Tx, viewer: Viewer, rows: ParsedRow[]): Promise<void> {
  const boothCodes = [
    ...new Set(rows.filter((r) => r.rule && !r.rule.single && r.level === "booth").map((r) => normalizeBoothCode(r.raw.unitCode)).filter((c): c is string => !!c)),
  ];
  if (boothCodes.length) {
    await tx.execute(
      sql`SELECT id FROM booths WHERE state_id = ${viewer.scope.stateId} AND code = ANY(${sql.param(boothCodes)}::text[]) ORDER BY id FOR NO KEY UPDATE`,
    );
  }
  if (rows.some((r) => r.rule && !r.rule.single && r.level === "block")) {
    await tx.execute(sql`SELECT id FROM blocks WHERE id IN (${unitIdsInScope(viewer, "block", "write")}) ORDER BY id FOR NO KEY UPDATE`);
  }
}

async function writePlan(tx: Tx, viewer: Viewer, rows: PlannedRow[], t: Translate): Promise<void> {
  const todo = rows.filter((r) => r.outcome === "appointed" || r.outcome === "replaced");
  if (todo.length === 0) return;
  const stateId = viewer.scope.stateId;

  // New workers, one per phone (rows sharing a phone share the worker).
  const newByPhone = new Map<string, PlannedRow>();
  for (const r of todo) if (r.workerId === undefined && !newByPhone.has(r.phone!)) newByPhone.set(r.phone!, r);
  const workerIds = new Map<string, number>();
  if (newByPhone.size) {
    const list = [...newByPhone.values()];
    const created = await queryRows<{ id: number; phone: string }>(
      tx,
      sql`INSERT INTO workers (state_id, name, phone, epic)
        SELECT ${stateId}, n, p, e FROM unnest(${sql.param(list.map((r) => r.name!))}::text[], ${sql.param(list.map((r) => r.phone!))}::text[],
          ${sql.param(list.map((r) => r.epic ?? null))}::text[]) AS t(n, p, e)
        RETURNING id, phone`,
    );
    for (const w of created) workerIds.set(w.phone, w.id);
  }

  const replaced = todo.filter((r) => r.replacesId !== undefined).map((r) => r.replacesId!);
  if (replaced.length) {
    const ended = await queryRows<{ id: number }>(
      tx,
      sql`UPDATE appointments SET ended_at = now(), ended_by = ${viewer.id}, ended_reason = ${t("appointments.import.endedReason")}
        WHERE id = ANY(${sql.param(replaced)}::int[]) AND ended_at IS NULL RETURNING id`,
    );
    if (ended.length !== replaced.length) throw new ActionError("conflict", "appointments.import.raced");
  }

  const col = (level: UnitLevel) => sql.param(todo.map((r) => (r.level === level ? r.unitId! : null)));
  // The appointments and their audit events in one statement; each event names the file line it came from.
  await tx.execute(sql`
    WITH input AS (
      SELECT * FROM unnest(
        ${sql.param(todo.map((r) => r.workerId ?? workerIds.get(r.phone!)!))}::int[],
        ${sql.param(todo.map((r) => r.role!))}::text[],
        ${sql.param(todo.map((r) => r.level!))}::text[],
        ${col("pc")}::int[], ${col("ac")}::int[], ${col("district")}::int[], ${col("block")}::int[], ${col("booth")}::int[],
        ${sql.param(todo.map((r) => r.line))}::int[],
        ${sql.param(todo.map((r) => r.replacesId ?? null))}::int[]
      ) AS t(worker_id, role, level, pc_id, ac_id, district_id, block_id, booth_id, line, replaces)
    ), ins AS (
      INSERT INTO appointments (state_id, worker_id, role, pc_id, ac_id, district_id, block_id, booth_id, appointed_by)
      SELECT ${stateId}, worker_id, role, pc_id, ac_id, district_id, block_id, booth_id, ${viewer.id} FROM input
      RETURNING id, worker_id, role, coalesce(pc_id, ac_id, district_id, block_id, booth_id) AS unit_id,
        CASE WHEN booth_id IS NOT NULL THEN 'booth' WHEN block_id IS NOT NULL THEN 'block'
             WHEN district_id IS NOT NULL THEN 'district' WHEN ac_id IS NOT NULL THEN 'ac' ELSE 'pc' END AS level
    )
    INSERT INTO audit_events (state_id, actor_user_id, action, entity_type, entity_id, before, after)
    SELECT ${stateId}, ${viewer.id},
      CASE WHEN i.replaces IS NULL THEN 'appointment.appoint' ELSE 'appointment.replace' END,
      'appointment', ins.id::text,
      CASE WHEN i.replaces IS NULL THEN NULL ELSE jsonb_build_object('appointmentId', i.replaces) END,
      jsonb_build_object('appointmentId', ins.id, 'role', ins.role, 'level', ins.level, 'unitId', ins.unit_id,
        'workerId', ins.worker_id, 'via', 'import', 'line', i.line)
    FROM ins JOIN input i ON i.worker_id = ins.worker_id AND i.role = ins.role AND i.level = ins.level
      AND coalesce(i.pc_id, i.ac_id, i.district_id, i.block_id, i.booth_id) = ins.unit_id`);
}
