"use server";

import { defineAction } from "@/lib/actions";
import { ActionError, type ActionResult } from "@/lib/errors";
import type { Translate } from "@/lib/i18n";
import { decideSchema, restoreSchema, suspendSchema } from "@/lib/members/quality/schema";
import { suspendEnrollerToken } from "@/lib/members/quality/scorecards";
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

const suspendErrorKeys = {
  not_found: "scorecards.error.notFound",
  forbidden: "scorecards.error.forbidden",
  already_revoked: "scorecards.error.alreadySuspended",
} as const;

/**
 * Suspends an enroller's token from the scorecards (the token's revocation, audited as `tokens.revoke`). Not
 * revalidated here: the client navigates to the list with the confirmation, which renders it afresh.
 */
export const suspendEnrollerAction = defineAction({
  permission: "tokens.manage",
  schema: suspendSchema,
  handler: async ({ viewer, db, input, t }) => {
    const r = await suspendEnrollerToken(db, viewer, input.tokenId);
    if (!r.ok) throw new ActionError(r.code === "already_revoked" ? "conflict" : r.code, suspendErrorKeys[r.code]);
    return { ok: true, data: { prefix: r.prefix }, message: t("scorecards.suspended", { prefix: r.prefix }) };
  },
});
