import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { acDayCounters, appointments, boothCounters, boothDayCounters, booths, targets, type Campaign } from "@/db/schema";
import { inScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/viewer";
import { istDate } from "@/lib/dates";
import { currentCampaign } from "./campaign";

export interface OverviewTotals {
  members: number;
  today: number;
  target: number | null;
  booths: number;
  boothsCovered: number;
  syntheticBooths: boolean;
  campaign: Campaign | null;
  day: string;
}

const boothScope = (viewer: Viewer) =>
  inScope(viewer, { stateId: booths.stateId, pcId: booths.pcId, acId: booths.acId, districtId: booths.districtId });

/**
 * Headline numbers for the viewer's scope, all from counters and booth rows (never by counting members):
 * a booth-level rollup is one GROUP BY over ~25,000 booth rows however many members there are.
 */
export async function overviewTotals(db: DbOrTx, viewer: Viewer, now = new Date()): Promise<OverviewTotals> {
  const day = istDate(now);
  const campaign = await currentCampaign(db, viewer.scope.stateId, day);
  const [boothRow] = await db
    .select({
      booths: sql<number>`count(*)::int`,
      members: sql<number>`coalesce(sum(${boothCounters.members}), 0)::int`,
      synthetic: sql<boolean>`coalesce(bool_or(${booths.synthetic}), false)`,
    })
    .from(booths)
    .leftJoin(boothCounters, eq(boothCounters.boothId, booths.id))
    .where(boothScope(viewer));
  const [covered] = await db
    .select({ n: sql<number>`count(DISTINCT ${appointments.boothId})::int` })
    .from(appointments)
    .innerJoin(booths, eq(booths.id, appointments.boothId))
    .where(and(eq(appointments.role, "it_member"), isNull(appointments.endedAt), boothScope(viewer)));
  return {
    members: boothRow?.members ?? 0,
    today: await signupsOn(db, viewer, day),
    target: campaign ? await scopeTarget(db, viewer, campaign.id) : null,
    booths: boothRow?.booths ?? 0,
    boothsCovered: covered?.n ?? 0,
    syntheticBooths: boothRow?.synthetic ?? false,
    campaign,
    day,
  };
}

/** Sign-ups on one day in the viewer's scope: per-AC day counters, or per-booth ones for a district. */
async function signupsOn(db: DbOrTx, viewer: Viewer, day: string): Promise<number> {
  if (viewer.scope.level === "district") {
    const [r] = await db
      .select({ n: sql<number>`coalesce(sum(${boothDayCounters.members}), 0)::int` })
      .from(boothDayCounters)
      .where(
        and(
          eq(boothDayCounters.day, day),
          inScope(viewer, { stateId: boothDayCounters.stateId, districtId: boothDayCounters.districtId }),
        ),
      );
    return r?.n ?? 0;
  }
  const [r] = await db
    .select({ n: sql<number>`coalesce(sum(${acDayCounters.members}), 0)::int` })
    .from(acDayCounters)
    .where(and(eq(acDayCounters.day, day), inScope(viewer, { stateId: acDayCounters.stateId, acId: acDayCounters.acId })));
  return r?.n ?? 0;
}

/** The target set for exactly the viewer's scope unit in this campaign (null when none is set). */
async function scopeTarget(db: DbOrTx, viewer: Viewer, campaignId: number): Promise<number | null> {
  const { level, id } = viewer.scope;
  const unit =
    level === "state"
      ? eq(targets.level, "state")
      : level === "pc"
        ? eq(targets.pcId, id)
        : level === "ac"
          ? eq(targets.acId, id)
          : eq(targets.districtId, id);
  const [row] = await db
    .select({ members: targets.members })
    .from(targets)
    .where(and(eq(targets.campaignId, campaignId), eq(targets.stateId, viewer.scope.stateId), unit))
    .limit(1);
  return row?.members ?? null;
}
