/**
 * Quality test helpers: open a flag or void a member with plain SQL, the way the review's writes leave the
 * rows (the triggers keep `members.standing` and every counter). Tests only; the real writes are in
 * lib/members/quality.
 */
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { FlagReason } from "@/db/schema";

/**
 * A detail of the right shape for each reason (lib/members/quality/detail.ts: FlagDetails, which shared lib/
 * may not import), with made-up but plausible facts.
 */
export function sampleDetail(reason: FlagReason): Record<string, unknown> {
  const details: Record<FlagReason, Record<string, unknown>> = {
    shared_phone: { phone: "98•••••210", count: 7, others: ["CG26-0000001"] },
    near_duplicate: { count: 2, others: ["CG26-0000002"] },
    photo_reuse: { count: 2, others: ["CG26-0000003"], distance: 2 },
    burst: { count: 25, limit: 20, minutes: 10, token: "sdy_abcd", from: "2026-11-27T04:00:00.000Z", to: "2026-11-27T04:08:00.000Z" },
    epic_pattern: { rule: "serial", epic: "ABC•••4567" },
    disowned: { at: "2026-11-27T06:00:00.000Z" },
  };
  return details[reason];
}

/** Opens a flag on a member (its standing becomes 'review' through the flags' trigger). */
export async function openFlag(db: DbOrTx, memberId: number, reason: FlagReason, detail: object = sampleDetail(reason)): Promise<void> {
  await db.execute(sql`INSERT INTO member_flags (state_id, member_id, reason, status, detail)
                       SELECT state_id, id, ${reason}, 'open', ${JSON.stringify(detail)}::jsonb FROM members WHERE id = ${memberId}`);
}

/**
 * Voids a member as a reviewer's decision does: its open flags closed as 'voided', the standing 'void', the
 * personal data erased (void ⇒ erased), all in one transaction-free pair of statements.
 */
export async function voidMember(db: DbOrTx, memberId: number, decidedBy: number | null = null): Promise<void> {
  await db.execute(sql`UPDATE members SET standing = 'void', voided_at = now(), erased_at = coalesce(erased_at, now()),
                         name = NULL, relative_name = NULL, phone = NULL, address = NULL, religion = NULL, caste = NULL, photo = NULL,
                         epic = 'ERASED-' || id::text
                       WHERE id = ${memberId}`);
  await db.execute(sql`UPDATE member_flags SET status = 'voided', decided_at = now(), decided_by = ${decidedBy}, decision_note = 'test', updated_at = now()
                       WHERE member_id = ${memberId} AND status = 'open'`);
}
