"use server";

import { defineAction } from "@/lib/actions";
import { ActionError, type ActionResult } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import { enterBookMember } from "@/lib/members/book";
import { translateFieldErrors } from "@/lib/members/messages";
import { BookMember } from "@/lib/members/validation";

export interface BookEntrySaved {
  membershipNo: string;
  name: string;
}

const create = defineAction({
  permission: "members.create",
  schema: BookMember,
  handler: async ({ viewer, db, input }): Promise<ActionResult<BookEntrySaved>> => {
    const outcome = await enterBookMember(db, viewer, input);
    const { t } = await getT();
    switch (outcome.kind) {
      case "created":
        return { ok: true, data: { membershipNo: outcome.membershipNo, name: input.name } };
      case "invalid":
        throw new ActionError("invalid", t("members.book.invalid"), { [outcome.field]: t(outcome.message.key, outcome.message.vars) });
      case "busy":
        throw new ActionError("conflict", t("members.book.busy"));
      case "forbidden":
        throw new ActionError("forbidden", t("action.forbidden"));
    }
  },
});

/** One paper-book entry: validated like the API, saved with its counters and audit event in one transaction. */
export async function createBookEntry(prev: ActionResult<BookEntrySaved> | null, form: FormData): Promise<ActionResult<BookEntrySaved>> {
  return translateFieldErrors(await create(prev, form), (await getT()).t);
}
