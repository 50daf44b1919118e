"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions";
import type { ActionResult } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import { applyImport, previewImport, type ImportReport } from "./import";

const schema = z.object({
  section: z.enum(["enrollers", "itcell"]).default("enrollers"),
  intent: z.enum(["preview", "apply"]).default("preview"),
  fingerprint: z.string().max(64).default(""),
  file: z.instanceof(File),
});

/** Preview (writes nothing) or apply an appointments CSV; the report lists every row's outcome. */
export async function importAppointmentsAction(prev: ActionResult<ImportReport> | null, form: FormData): Promise<ActionResult<ImportReport>> {
  const { t } = await getT();
  const result = await defineAction({
    permission: form.get("section") === "itcell" ? "itcell.manage" : "enrollers.manage",
    schema: schema.extend({ file: z.instanceof(File, { error: t("appointments.import.noFile") }) }),
    handler: async ({ viewer, db, input }) => {
      const bytes = new Uint8Array(await input.file.arrayBuffer());
      const ctx = { db, viewer, t };
      const data = input.intent === "apply" ? await applyImport(ctx, bytes, input.fingerprint, input.file.name) : await previewImport(ctx, bytes);
      return { ok: true, data };
    },
  })(prev, form);
  if (result.ok && result.data?.status === "applied") refresh();
  return result;
}
