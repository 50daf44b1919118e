"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions";
import { ActionError } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import { issueToken, revokeToken } from "@/lib/members/tokens";

const errorKeys = {
  not_found: "members.tokens.error.notFound",
  ended: "members.tokens.error.ended",
  forbidden: "members.tokens.error.forbidden",
  already_revoked: "members.tokens.error.alreadyRevoked",
} as const;

/** Issues a token; the plain token goes back to the issuer once, in this answer only (it is never stored). */
export const issueTokenAction = defineAction({
  permission: "tokens.manage",
  schema: z.object({
    appointmentId: z.coerce.number().int().positive(),
    label: z.string().max(80).optional(),
  }),
  handler: async ({ viewer, db, input }) => {
    const r = await issueToken(db, viewer, input);
    const { t } = await getT();
    if (!r.ok) throw new ActionError(r.code === "forbidden" ? "forbidden" : "not_found", t(errorKeys[r.code]));
    revalidatePath("/members/tokens");
    return { ok: true, data: { token: r.token, prefix: r.prefix } };
  },
});

export const revokeTokenAction = defineAction({
  permission: "tokens.manage",
  schema: z.object({ tokenId: z.coerce.number().int().positive() }),
  handler: async ({ viewer, db, input }) => {
    const r = await revokeToken(db, viewer, input.tokenId);
    const { t } = await getT();
    if (!r.ok) throw new ActionError(r.code === "already_revoked" ? "conflict" : r.code, t(errorKeys[r.code]));
    // No revalidatePath here: the revoked row would vanish from the active list before the form could say so;
    // the client navigates to the list with the confirmation instead, which renders it afresh.
    return { ok: true, message: t("members.tokens.revoked", { prefix: r.prefix }) };
  },
});
