import { and, desc, eq, lte } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { campaigns, type Campaign } from "@/db/schema";

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
