import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, members } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { writeAudit } from "@/lib/audit/write";
import { memberScope } from "@/lib/members/search";

/** The sensitive fields a reveal shows; lists and the detail page show them masked or not at all. */
export const REVEALED_FIELDS = ["epic", "phone", "relativeName", "address", "religion", "caste"] as const;

export interface RevealedMember {
  membershipNo: string;
  epic: string;
  phone: string | null;
  relativeName: string | null;
  address: string | null;
  religion: string | null;
  caste: string | null;
  /** The audit event that records this reveal. */
  auditId: number;
}

/**
 * Full personal data of one member, for roles allowed to see it, inside the viewer's scope. The audit event
 * is written in the same transaction that reads the values, so nothing is shown that was not recorded; the
 * event names the fields, never their values (the audit trail must not become a copy of the data).
 * Returns null for a member that does not exist, is erased or lies outside the scope (one answer for all).
 */
export async function revealMember(db: Db, viewer: Viewer, membershipNo: string): Promise<RevealedMember | null> {
  if (!can(viewer, "members.reveal")) return null;
  return db.transaction(async (tx) => {
    const [m] = await tx
      .select({
        id: members.id,
        membershipNo: members.membershipNo,
        epic: members.epic,
        phone: members.phone,
        relativeName: members.relativeName,
        address: members.address,
        religion: members.religion,
        caste: members.caste,
      })
      .from(members)
      .where(and(eq(members.membershipNo, membershipNo), isNull(members.erasedAt), memberScope(viewer)))
      .limit(1);
    if (!m) return null;
    await writeAudit(tx, viewer, {
      action: "members.reveal",
      entityType: "member",
      entityId: m.id,
      after: { membershipNo: m.membershipNo, fields: REVEALED_FIELDS },
    });
    const [event] = await tx
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "member"), eq(auditEvents.entityId, String(m.id)), eq(auditEvents.actorUserId, viewer.id), eq(auditEvents.action, "members.reveal")))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    const { id: _id, ...values } = m;
    return { ...values, auditId: event?.id ?? 0 };
  });
}
