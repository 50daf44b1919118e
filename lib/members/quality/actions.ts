"use server";

import { defineAction } from "@/lib/actions";
import { ActionError, type ActionResult } from "@/lib/errors";
import type { Translate } from "@/lib/i18n";
import { decideSchema, restoreSchema } from "@/lib/members/quality/schema";
import { decide, restore, type DecideResult, type QualityDecision } from "@/lib/members/quality/service";

/** What a decision changes: the queue, and every count a void or restore moves. */
const REVALIDATE = ["/quality", "/", "/districts", "/assembly", "/lok-sabha", "/members"] as const;

function answer(t: Translate, decision: QualityDecision, r: DecideResult): ActionResult<{ decided: number; asked: number }> {
  // Nothing in the viewer's area to decide: unknown, out of scope and already decided look the same.
  if (r.decided === 0) throw new ActionError("not_found", "quality.decided.none");
  const message =
    r.decided < r.asked ? t("quality.decided.some", { n: r.decided, asked: r.asked }) : t(`quality.decided.${decision}`, { n: r.decided });
  return { ok: true, data: { decided: r.decided, asked: r.asked }, message };
}

/** Confirm the selected members as genuine, or void them (out of every count, personal data erased). */
export const decideAction = defineAction({
  permission: "quality.decide",
  schema: decideSchema,
  revalidate: REVALIDATE,
  handler: async ({ viewer, db, input, t }) => {
    const r = await decide(db, viewer, { memberIds: input.memberId, decision: input.decision, note: input.note || null, asOf: input.asOf ?? null });
    return answer(t, input.decision, r);
  },
});

/** Bring voided members back into the count (leadership). */
export const restoreAction = defineAction({
  permission: "quality.restore",
  schema: restoreSchema,
  revalidate: REVALIDATE,
  handler: async ({ viewer, db, input, t }) => answer(t, "restore", await restore(db, viewer, { memberIds: input.memberId, note: input.note })),
});
