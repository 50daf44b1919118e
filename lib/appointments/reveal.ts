import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { appointmentInScope } from "@/lib/auth/scope";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { writeAudit } from "@/lib/audit/write";
import { ROLE_SLUGS, type Section } from "@/lib/appointments/posts";

export interface RevealedWorker {
  workerId: number;
  phone: string;
  epic: string | null;
  /** The audit event that records this reveal. */
  auditId: number;
}

const SECTION_PERMISSION = { enrollers: "enrollers.manage", itcell: "itcell.manage" } as const;

/**
 * A worker's full phone and EPIC, for a viewer who manages the section (enrollers or IT cell) and could act on
 * a post of that section the worker holds or held (write scope: the post's unit lies wholly inside the viewer's
 * area; seeing a post that only overlaps it is not a reason to see its holder's contact details). The audit event is written in the
 * transaction that reads the values, so nothing is shown that was not recorded; it names the fields, never
 * their values. Null for an unknown worker, one outside the scope or section, or a viewer without the right.
 */
export async function revealWorker(db: Db, viewer: Viewer, section: Section, workerId: number): Promise<RevealedWorker | null> {
  if (!can(viewer, SECTION_PERMISSION[section])) return null;
  const roles = Object.values(ROLE_SLUGS[section]);
  return db.transaction(async (tx) => {
    const [w] = await queryRows<{ id: number; phone: string; epic: string | null }>(
      tx,
      sql`SELECT w.id, w.phone, w.epic FROM workers w
        WHERE w.id = ${workerId} AND w.state_id = ${viewer.scope.stateId}
          AND EXISTS (SELECT 1 FROM appointments a WHERE a.worker_id = w.id
                        AND a.role IN (${sql.join(roles.map((r) => sql`${r}`), sql`, `)}) AND ${appointmentInScope(viewer, "write")})`,
    );
    if (!w) return null;
    await writeAudit(tx, viewer, { action: "workers.reveal", entityType: "worker", entityId: w.id, after: { section, fields: ["phone", "epic"] } });
    const [event] = await queryRows<{ id: number }>(
      tx,
      sql`SELECT id FROM audit_events WHERE action = 'workers.reveal' AND entity_type = 'worker' AND entity_id = ${String(w.id)}
        AND actor_user_id = ${viewer.id} ORDER BY id DESC LIMIT 1`,
    );
    return { workerId: w.id, phone: w.phone, epic: w.epic, auditId: Number(event?.id ?? 0) };
  });
}
