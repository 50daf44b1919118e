import "server-only";
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberFingerprints, members } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { writeAudit } from "@/lib/audit/write";
import { memberScope } from "@/lib/members/search";

export interface ErasureResult {
  membershipNo: string;
  erasedAt: Date;
}

/**
 * The SET list that erases a member's personal data: name, relative's name, EPIC (`ERASED-<id>`), phone,
 * address, religion, caste and photo, and the time of erasure (`erasedAt`, now unless given). Shared by
 * erasure on request and by a quality void (lib/members/quality/service.ts), so both erase exactly the same.
 */
export function erasedPersonalData(erasedAt: SQL = sql`now()`) {
  return {
    name: null,
    relativeName: null,
    epic: sql`'ERASED-' || ${members.id}::text`,
    phone: null,
    address: null,
    religion: null,
    caste: null,
    photo: null,
    erasedAt,
  };
}

/**
 * Erases a member's personal data on request: name, relative's name, EPIC, phone, address, religion, caste
 * and photo go; the row stays with its booth, AC, district, day, channel and caste category, so every
 * counter and the anonymous count on the dashboard are unchanged (the members trigger moves counters only
 * when those columns change). The EPIC is NOT NULL and unique per state, so it becomes `ERASED-<id>`: unique,
 * within the EPIC CHECK, and it frees the voter's real EPIC should they join again. Consent version, language
 * and time stay as the record of what had been agreed.
 *
 * Leadership (state) and a district president (their district) may erase; the scope is in the WHERE clause,
 * so a member elsewhere, unknown or already erased is "not found" (null) and nothing is written.
 * The audit event carries the reason and the counted attributes, never the erased values.
 */
export async function eraseMember(db: Db, viewer: Viewer, input: { membershipNo: string; reason: string }): Promise<ErasureResult | null> {
  if (!can(viewer, "members.erase")) return null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(members)
      .set(erasedPersonalData())
      .where(and(eq(members.membershipNo, input.membershipNo), isNull(members.erasedAt), memberScope(viewer)))
      .returning({
        id: members.id,
        membershipNo: members.membershipNo,
        boothId: members.boothId,
        channel: members.channel,
        enrolledOn: members.enrolledOn,
        erasedAt: members.erasedAt,
      });
    if (!row) return null;
    // The name key is derived from the name: it goes with the personal data (void does the same).
    await tx.delete(memberFingerprints).where(eq(memberFingerprints.memberId, row.id));
    await writeAudit(tx, viewer, {
      action: "members.erase",
      entityType: "member",
      entityId: row.id,
      before: { membershipNo: row.membershipNo, boothId: row.boothId, channel: row.channel, enrolledOn: row.enrolledOn },
      after: { erased: true, reason: input.reason },
    });
    return { membershipNo: row.membershipNo, erasedAt: row.erasedAt ?? new Date() };
  });
}
