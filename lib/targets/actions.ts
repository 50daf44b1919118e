"use server";

import { refresh } from "next/cache";
import { defineAction } from "@/lib/actions";
import { ActionError } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import { setTargetSchema } from "./schema";
import { saveTarget, TargetRefused } from "./write";

/** The /targets form: sets one unit's target (see `saveTarget`), then refreshes the page's numbers. */
export const setTarget = defineAction({
  permission: "targets.set",
  schema: setTargetSchema,
  handler: async ({ viewer, db, input }) => {
    const { t } = await getT();
    try {
      const outcome = await saveTarget(db, viewer, input);
      if (outcome === "saved") refresh();
      return { ok: true, message: outcome === "saved" ? t("progress.targets.saved") : t("progress.targets.unchanged") };
    } catch (err) {
      if (!(err instanceof TargetRefused)) throw err;
      switch (err.reason) {
        case "forbidden":
          throw new ActionError("forbidden", t("action.forbidden"));
        case "not_in_scope":
          throw new ActionError("not_found", t("action.notInScope"));
        case "no_campaign":
          throw new ActionError("conflict", t("progress.targets.noCampaign"));
        case "conflict":
          throw new ActionError("conflict", t("progress.targets.conflict"));
      }
    }
  },
});
