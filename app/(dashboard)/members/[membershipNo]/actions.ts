"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions";
import { ActionError, type ActionResult } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import { eraseMember } from "@/lib/members/erase";
import { translateFieldErrors } from "@/lib/members/messages";
import { MEMBERSHIP_NO_PATTERN } from "@/lib/members/query";
import { revealMember, type RevealedMember } from "@/lib/members/reveal";

const MembershipNo = z.string().trim().regex(MEMBERSHIP_NO_PATTERN, { error: "members.reveal.notFound" });

const reveal = defineAction({
  permission: "members.reveal",
  schema: z.object({ membershipNo: MembershipNo }),
  handler: async ({ viewer, db, input }): Promise<ActionResult<RevealedMember>> => {
    const revealed = await revealMember(db, viewer, input.membershipNo);
    if (!revealed) throw new ActionError("not_found", (await getT()).t("members.reveal.notFound"));
    return { ok: true, data: revealed };
  },
});

/** Shows one member's full personal data; the audit event is written before the values leave the server. */
export async function revealAction(prev: ActionResult<RevealedMember> | null, form: FormData): Promise<ActionResult<RevealedMember>> {
  return reveal(prev, form);
}

const erase = defineAction({
  permission: "members.erase",
  schema: z.object({
    membershipNo: MembershipNo,
    reason: z
      .string({ error: "members.erase.reasonInvalid" })
      .transform((s) => s.normalize("NFC").trim().replace(/\s+/g, " "))
      .pipe(z.string().min(5, { error: "members.erase.reasonInvalid" }).max(500, { error: "members.erase.reasonInvalid" })),
  }),
  handler: async ({ viewer, db, input }): Promise<ActionResult<{ membershipNo: string }>> => {
    const done = await eraseMember(db, viewer, input);
    if (!done) throw new ActionError("not_found", (await getT()).t("members.erase.notFound"));
    return { ok: true, data: { membershipNo: done.membershipNo } };
  },
});

/** Erases a member's personal data (with a reason), keeping the anonymous count. */
export async function eraseAction(
  prev: ActionResult<{ membershipNo: string }> | null,
  form: FormData,
): Promise<ActionResult<{ membershipNo: string }>> {
  return translateFieldErrors(await erase(prev, form), (await getT()).t);
}
