import type { Db, DbOrTx } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer";

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one audit event. Call it with the transaction that makes the change, so the change and its
 * record commit together or not at all. `actor` is the signed-in viewer, or a label (`import-cli`, `api:token:7`).
 */
export async function writeAudit(tx: DbOrTx, actor: Viewer | { label: string; stateId?: number }, entry: AuditEntry): Promise<void> {
  const isViewer = "role" in actor;
  await tx.insert(auditEvents).values({
    stateId: isViewer ? actor.scope.stateId : (actor.stateId ?? null),
    actorUserId: isViewer ? actor.id : null,
    actorLabel: isViewer ? null : actor.label,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

/** Records a file download (the progress and targets CSVs): what was asked for, and how many rows left. */
export async function auditExport(
  db: Db,
  viewer: Viewer,
  entityType: string,
  query: unknown,
  file: { fileName: string; rows: number },
): Promise<void> {
  await db.transaction((tx) =>
    writeAudit(tx, viewer, { action: "export", entityType, entityId: file.fileName, after: { query, rows: file.rows } }),
  );
}
