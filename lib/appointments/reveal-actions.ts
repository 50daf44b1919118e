"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions";
import type { Action } from "@/lib/auth/permissions";
import { ActionError, type ActionResult } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import { revealWorker, type RevealedWorker } from "./reveal";

const RevealWorker = z.object({ section: z.enum(["enrollers", "itcell"]), workerId: z.coerce.number().int().positive() });

/** A worker's full phone and EPIC on a post page: a deliberate, audited act (see reveal.ts). */
export async function revealWorkerAction(prev: ActionResult<RevealedWorker> | null, form: FormData): Promise<ActionResult<RevealedWorker>> {
  const { t } = await getT();
  const permission: Action = form.get("section") === "itcell" ? "itcell.manage" : "enrollers.manage";
  return defineAction({
    permission,
    schema: RevealWorker,
    handler: async ({ viewer, db, input }) => {
      const data = await revealWorker(db, viewer, input.section, input.workerId);
      if (!data) throw new ActionError("not_found", t("appointments.reveal.notFound"));
      return { ok: true, data };
    },
  })(prev, form);
}
