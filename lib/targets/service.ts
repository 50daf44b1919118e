import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Db, type DbOrTx } from "@/db/client";
import { pgError, PG } from "@/db/errors";
import { targets } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { ActionError } from "@/lib/errors";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { istDate } from "@/lib/dates";
import { unitInScope } from "@/lib/auth/scope";
import { currentCampaign } from "@/lib/campaign";
import type { SetTargetInput } from "@/lib/targets/schema";

const unitColumn = {
  pc: targets.pcId,
  ac: targets.acId,
  district: targets.districtId,
  block: targets.blockId,
  booth: targets.boothId,
} as const;
const unitKey = { pc: "pcId", ac: "acId", district: "districtId", block: "blockId", booth: "boothId" } as const;

/**
 * Sets one unit's members target for the running campaign. The role must be allowed the level
 * (leadership: state, seats, districts; district presidents: blocks and booths) and the unit must lie in the
 * viewer's scope. The change and its audit event commit together. A parent's target is never adjusted to
 * match its children's: the targets page shows the difference instead. Refusals are ActionErrors.
 */
export async function saveTarget(db: Db, viewer: Viewer, input: SetTargetInput, now = new Date()): Promise<"saved" | "unchanged"> {
  const { level, unitId, members } = input;
  if (!can(viewer, "targets.set", level)) throw new ActionError("forbidden", "action.forbidden");
  if (!(await unitInScope(db, viewer, { level, id: unitId }, "write"))) throw new ActionError("not_found", "action.notInScope");
  const campaign = await currentCampaign(db, viewer.scope.stateId, istDate(now));
  if (!campaign) throw new ActionError("conflict", "progress.targets.noCampaign");
  const where = and(
    eq(targets.campaignId, campaign.id),
    eq(targets.stateId, viewer.scope.stateId),
    eq(targets.level, level),
    level === "state" ? undefined : eq(unitColumn[level], unitId),
  );
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(targets).where(where).for("update");
      if (before?.members === members) return "unchanged" as const;
      const place = await placeOf(tx, level, unitId);
      const saved = before
        ? await tx.update(targets).set({ members, updatedBy: viewer.id, updatedAt: now }).where(eq(targets.id, before.id)).returning({ id: targets.id })
        : await tx
            .insert(targets)
            .values({
              stateId: viewer.scope.stateId,
              campaignId: campaign.id,
              level,
              ...(level === "state" ? {} : { [unitKey[level]]: unitId }),
              members,
              updatedBy: viewer.id,
              updatedAt: now,
            })
            .returning({ id: targets.id });
      if (saved.length !== 1) throw new Error("target not saved");
      await writeAudit(tx, viewer, {
        action: before ? "target.update" : "target.create",
        entityType: "target",
        entityId: `${campaign.id}:${level}:${unitId}`,
        before: before ? { members: before.members } : null,
        // Where the unit lies travels with the event, so a district's viewer can read their district's history.
        after: { campaignId: campaign.id, level, unitId, members, unitLabel: place.label, districtId: place.districtId },
      });
      return "saved" as const;
    });
  } catch (err) {
    // Two people setting the same unit's first target at once: one insert wins, the other is told.
    if (pgError(err)?.code === PG.uniqueViolation) throw new ActionError("conflict", "progress.targets.conflict");
    throw err;
  }
}

/** A readable label for the audit trail, and the unit's district (null above district level). */
async function placeOf(tx: DbOrTx, level: string, id: number): Promise<{ label: string; districtId: number | null }> {
  const q =
    level === "pc"
      ? sql`SELECT no::text || ' ' || name AS label, NULL::int AS district_id FROM lok_sabha_seats WHERE id = ${id}`
      : level === "ac"
        ? sql`SELECT no::text || ' ' || name AS label, NULL::int AS district_id FROM assembly_seats WHERE id = ${id}`
        : level === "district"
          ? sql`SELECT name AS label, id AS district_id FROM districts WHERE id = ${id}`
          : level === "block"
            ? sql`SELECT name AS label, district_id FROM blocks WHERE id = ${id}`
            : level === "booth"
              ? sql`SELECT code || ' ' || name AS label, district_id FROM booths WHERE id = ${id}`
              : sql`SELECT name AS label, NULL::int AS district_id FROM states WHERE id = ${id}`;
  const [r] = await queryRows<{ label: string; district_id: number | null }>(tx, q);
  return { label: r?.label ?? String(id), districtId: r?.district_id === null || r?.district_id === undefined ? null : Number(r.district_id) };
}
