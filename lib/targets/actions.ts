"use server";

import { defineAction } from "@/lib/actions";
import { setTargetSchema } from "@/lib/targets/schema";
import { saveTarget } from "@/lib/targets/service";

/** The /targets form: sets one unit's target (see `saveTarget`), then refreshes the page's numbers if it changed. */
export const setTarget = defineAction({
  permission: "targets.set",
  schema: setTargetSchema,
  handler: async ({ viewer, db, input, t }) => {
    const outcome = await saveTarget(db, viewer, input);
    const saved = outcome === "saved";
    return { ok: true, data: { saved }, message: saved ? t("progress.targets.saved") : t("progress.targets.unchanged") };
  },
  revalidate: (data) => (data?.saved ? "refresh" : null),
});
