"use server";

import { defineAction } from "@/lib/actions";
import { ActionError, type ActionResult } from "@/lib/errors";
import { issueToken, revokeToken } from "@/lib/members/api/tokens";
import { enterBookMember } from "@/lib/members/enrol/book";
import { BookMember } from "@/lib/members/enrol/validation";
import { revealMember, type RevealedMember } from "@/lib/members/reveal";
import { eraseSchema, issueTokenSchema, revealSchema, revokeTokenSchema } from "@/lib/members/schema";
import { eraseMember } from "@/lib/members/service";

export interface BookEntrySaved {
  membershipNo: string;
  name: string;
}

/** One paper-book entry: validated like the API, saved with its counters and audit event in one transaction. */
export const createBookEntry = defineAction({
  permission: "members.create",
  schema: BookMember,
  handler: async ({ viewer, db, input }): Promise<ActionResult<BookEntrySaved>> => {
    const outcome = await enterBookMember(db, viewer, input);
    switch (outcome.kind) {
      case "created":
        return { ok: true, data: { membershipNo: outcome.membershipNo, name: input.name } };
      case "invalid":
        throw new ActionError("invalid", "members.book.invalid", undefined, { [outcome.field]: { key: outcome.message.key, values: outcome.message.vars } });
      case "busy":
        throw new ActionError("conflict", "members.book.busy");
      case "forbidden":
        throw new ActionError("forbidden", "action.forbidden");
    }
  },
});

/** Shows one member's full personal data; the audit event is written before the values leave the server. */
export const revealAction = defineAction({
  permission: "members.reveal",
  schema: revealSchema,
  handler: async ({ viewer, db, input }): Promise<ActionResult<RevealedMember>> => {
    const revealed = await revealMember(db, viewer, input.membershipNo);
    if (!revealed) throw new ActionError("not_found", "members.reveal.notFound");
    return { ok: true, data: revealed };
  },
});

/** Erases a member's personal data (with a reason), keeping the anonymous count. */
export const eraseAction = defineAction({
  permission: "members.erase",
  schema: eraseSchema,
  handler: async ({ viewer, db, input }): Promise<ActionResult<{ membershipNo: string }>> => {
    const done = await eraseMember(db, viewer, input);
    if (!done) throw new ActionError("not_found", "members.erase.notFound");
    return { ok: true, data: { membershipNo: done.membershipNo } };
  },
});

const tokenErrorKeys = {
  not_found: "members.tokens.error.notFound",
  ended: "members.tokens.error.ended",
  forbidden: "members.tokens.error.forbidden",
  already_revoked: "members.tokens.error.alreadyRevoked",
} as const;

/** Issues a token; the plain token goes back to the issuer once, in this answer only (it is never stored). */
export const issueTokenAction = defineAction({
  permission: "tokens.manage",
  schema: issueTokenSchema,
  revalidate: ["/members/tokens"],
  handler: async ({ viewer, db, input }) => {
    const r = await issueToken(db, viewer, input);
    if (!r.ok) throw new ActionError(r.code === "forbidden" ? "forbidden" : "not_found", tokenErrorKeys[r.code]);
    return { ok: true, data: { token: r.token, prefix: r.prefix } };
  },
});

/**
 * No revalidation here: the revoked row would vanish from the active list before the form could say so;
 * the client navigates to the list with the confirmation instead, which renders it afresh.
 */
export const revokeTokenAction = defineAction({
  permission: "tokens.manage",
  schema: revokeTokenSchema,
  handler: async ({ viewer, db, input, t }) => {
    const r = await revokeToken(db, viewer, input.tokenId);
    if (!r.ok) throw new ActionError(r.code === "already_revoked" ? "conflict" : r.code, tokenErrorKeys[r.code]);
    return { ok: true, message: t("members.tokens.revoked", { prefix: r.prefix }) };
  },
});
