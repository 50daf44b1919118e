"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions";
import { ActionError } from "@/lib/errors";
import { suspendEnrollerToken } from "@/lib/members/quality/scorecards";

const suspendSchema = z.object({
  tokenId: z.coerce.number({ error: "action.field.invalid" }).int({ error: "action.field.invalid" }).positive({ error: "action.field.invalid" }),
});

const errorKeys = {
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
    if (!r.ok) throw new ActionError(r.code === "already_revoked" ? "conflict" : r.code, errorKeys[r.code]);
    return { ok: true, data: { prefix: r.prefix }, message: t("scorecards.suspended", { prefix: r.prefix }) };
  },
});
