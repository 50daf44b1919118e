/** The membership campaign a dashboard judges against, shared by progress and targets. */
import { cache } from "react";
import { and, desc, eq, lte } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { campaigns, type Campaign } from "@/db/schema";
import { istDate } from "@/lib/dates";
import { sharedRollup } from "@/lib/rollups";

/** A campaign as pages show it (plain, serialisable). */
export interface CampaignInfo {
  id: number;
  name: string;
  nameHi: string | null;
  startsOn: string;
  endsOn: string;
}

/** The campaign a dashboard judges against: the latest one that has started by `today` (India time). */
export async function currentCampaign(db: DbOrTx, stateId: number, today: string): Promise<Campaign | null> {
  const [row] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.stateId, stateId), lte(campaigns.startsOn, today)))
    .orderBy(desc(campaigns.startsOn), desc(campaigns.id))
    .limit(1);
  return row ?? null;
}

export function campaignInfo(c: Campaign | null): CampaignInfo | null {
  return c ? { id: c.id, name: c.name, nameHi: c.nameHi, startsOn: c.startsOn, endsOn: c.endsOn } : null;
}

/**
 * Today (India time) and the campaign running, as the page frame's print header names them: once per request
 * (React `cache`) however many parts of the page ask, and shared across requests like a rollup (it names no one).
 */
export const campaignToday = cache(async (stateId: number): Promise<{ day: string; campaign: CampaignInfo | null }> => {
  const day = istDate(new Date());
  const campaign = await sharedRollup(`campaign|${stateId}|${day}`, async () => campaignInfo(await currentCampaign(await getDb(), stateId, day)));
  return { day, campaign };
});
