import "server-only";
import { and, eq, inArray, lte, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberFingerprints, memberFlags, members } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { writeAudit } from "@/lib/audit/write";
import { currentCampaign } from "@/lib/campaign";
import { istDate } from "@/lib/dates";
import { DECIDE_MAX } from "@/lib/members/quality/schema";
import { memberScope } from "@/lib/members/search";
import { erasedPersonalData } from "@/lib/members/service";

/**
 * The review's decisions on flagged members, in bulk, each in one transaction with an audit event per member:
 *
 * - **confirm** (genuine): the member's open flags are closed as `confirmed` (dated, by whom, with the note);
 *   the flags' trigger then puts the member back to `counted`.
 * - **void** (not a member): `standing = 'void'`, `voided_at`, the personal data erased exactly as erasure on
 *   request does (`erasedPersonalData`), its fingerprint (name key, photo hash) deleted, and every flag not
 *   cleared marked `voided`. The members trigger moves every counter in the same statement: out of members,
 *   under review and the day counts, into `voided`.
 * - **restore** (leadership): a void member counts again (`standing = 'counted'`, `voided_at` null; the erased
 *   data stays gone), its voided flags become `confirmed` with the note.
 *
 * Scope is in the WHERE clause (`memberScope`): a member outside the viewer's area, unknown, already decided
 * (no open flag to confirm; already void; not void to restore) is not touched and not counted. The answer says
 * how many were decided. The audit events carry the membership number, booth, reasons and note, never
 * personal data.
 */
export type Decision = "confirm" | "void";
export type QualityDecision = Decision | "restore";

export interface DecideInput {
  memberIds?: number[];
  membershipNos?: string[];
  note?: string | null;
  /**
   * When the reviewer's page read the queue (ISO time). A confirm closes only flags opened (or reopened) by
   * then: one that arrived since — a disown, a new signal — stays open, and the member stays under review.
   */
  asOf?: string | null;
  /** Now (tests pass the seed's): a restore is refused once the campaign of that day has ended. */
  now?: Date;
}

export interface DecideResult {
  /** How many members were asked for (distinct). */
  asked: number;
  /** How many were decided (the rest: out of scope, unknown or already decided). */
  decided: number;
  membershipNos: string[];
}

const PERMISSION = { confirm: "quality.decide", void: "quality.decide", restore: "quality.restore" } as const;

function target(input: DecideInput): { cond: SQL; asked: number } | null {
  const ids = [...new Set((input.memberIds ?? []).filter((n) => Number.isSafeInteger(n) && n > 0))];
  const nos = [...new Set(input.membershipNos ?? [])];
  if (ids.length > 0 && nos.length > 0) throw new Error("decide: give member ids or membership numbers, not both");
  if (ids.length > 0) return { cond: inArray(members.id, ids), asked: ids.length };
  if (nos.length > 0) return { cond: inArray(members.membershipNo, nos), asked: nos.length };
  return null;
}

const cleanNote = (note: string | null | undefined) => {
  const s = (note ?? "").normalize("NFC").trim().replace(/\s+/g, " ");
  return s ? s.slice(0, 500) : null;
};

/** Confirm or void members (see above). Void requires a note; a role without `quality.decide` decides nothing. */
export async function decide(db: Db, viewer: Viewer, input: DecideInput & { decision: Decision }): Promise<DecideResult> {
  return run(db, viewer, input.decision, input);
}

/** Brings void members back into the count (leadership, `quality.restore`); requires a note. */
export async function restore(db: Db, viewer: Viewer, input: DecideInput): Promise<DecideResult> {
  return run(db, viewer, "restore", input);
}

async function run(db: Db, viewer: Viewer, decision: QualityDecision, input: DecideInput): Promise<DecideResult> {
  const t = target(input);
  const none: DecideResult = { asked: t?.asked ?? 0, decided: 0, membershipNos: [] };
  if (!t || !can(viewer, PERMISSION[decision])) return none;
  if (t.asked > DECIDE_MAX) throw new Error(`decide: at most ${DECIDE_MAX} members at a time`);
  const note = cleanNote(input.note);
  if (decision !== "confirm" && !note) throw new Error(`decide: a note is required to ${decision}`);

  return db.transaction(async (tx) => {
    // Restoring is for the campaign under way: once it has ended its count stands.
    if (decision === "restore") {
      const today = istDate(input.now ?? new Date());
      const campaign = await currentCampaign(tx, viewer.scope.stateId, today);
      if (!campaign || today > campaign.endsOn) return none;
    }
    // The members this decision may touch, locked: in scope, and with something to decide.
    const seen = input.asOf ? sql`f.updated_at <= ${input.asOf}::timestamptz` : sql`TRUE`;
    const eligible =
      decision === "confirm"
        ? sql`${members.standing} <> 'void' AND EXISTS (SELECT 1 FROM member_flags f WHERE f.member_id = ${members.id} AND f.status = 'open' AND ${seen})`
        : decision === "void"
          ? sql`${members.standing} <> 'void' AND EXISTS (SELECT 1 FROM member_flags f WHERE f.member_id = ${members.id} AND f.status <> 'cleared')`
          : sql`${members.standing} = 'void'`;
    const rows = await tx
      .select({ id: members.id, membershipNo: members.membershipNo, boothId: members.boothId, standing: members.standing })
      .from(members)
      .where(and(t.cond, memberScope(viewer), eligible))
      .orderBy(members.id)
      .for("update");
    if (rows.length === 0) return none;
    const ids = rows.map((r) => r.id);
    const decided = { decidedAt: sql`now()`, decidedBy: viewer.id, decisionNote: note, updatedAt: sql`now()` };

    let flagRows: { memberId: number; reason: string }[];
    if (decision === "confirm") {
      flagRows = await tx
        .update(memberFlags)
        .set({ status: "confirmed", ...decided })
        .where(
          and(
            inArray(memberFlags.memberId, ids),
            eq(memberFlags.status, "open"),
            input.asOf ? lte(memberFlags.updatedAt, sql`${input.asOf}::timestamptz`) : undefined,
          ),
        )
        .returning({ memberId: memberFlags.memberId, reason: memberFlags.reason });
    } else if (decision === "void") {
      // Void first (counters move with the standing), then the flags: the flags' trigger leaves a void member void.
      await tx
        .update(members)
        .set({ ...erasedPersonalData(sql`coalesce(${members.erasedAt}, now())`), standing: "void", voidedAt: sql`now()` })
        .where(inArray(members.id, ids));
      await tx.delete(memberFingerprints).where(inArray(memberFingerprints.memberId, ids));
      flagRows = await tx
        .update(memberFlags)
        .set({ status: "voided", ...decided })
        .where(and(inArray(memberFlags.memberId, ids), ne(memberFlags.status, "cleared")))
        .returning({ memberId: memberFlags.memberId, reason: memberFlags.reason });
    } else {
      await tx.update(members).set({ standing: "counted", voidedAt: null }).where(inArray(members.id, ids));
      // An open flag (a later scan's) would put the member under review again: the flags' trigger decides.
      flagRows = await tx
        .update(memberFlags)
        .set({ status: "confirmed", ...decided })
        .where(and(inArray(memberFlags.memberId, ids), eq(memberFlags.status, "voided")))
        .returning({ memberId: memberFlags.memberId, reason: memberFlags.reason });
    }

    const reasons = new Map<number, string[]>();
    for (const f of flagRows) reasons.set(f.memberId, [...(reasons.get(f.memberId) ?? []), f.reason].sort());
    for (const r of rows) {
      await writeAudit(tx, viewer, {
        action: `quality.${decision}`,
        entityType: "member",
        entityId: r.id,
        before: { membershipNo: r.membershipNo, boothId: r.boothId, standing: r.standing },
        after: {
          standing: decision === "void" ? "void" : "counted",
          reasons: reasons.get(r.id) ?? [],
          note,
          ...(decision === "void" ? { erased: true } : {}),
        },
      });
    }
    return { asked: t.asked, decided: rows.length, membershipNos: rows.map((r) => r.membershipNo) };
  });
}
