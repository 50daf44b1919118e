"use server";

import { defineAction } from "@/lib/actions";
import type { Action } from "@/lib/auth/permissions";
import { ActionError, type ActionResult } from "@/lib/errors";
import { applyImport, previewImport, type ImportReport } from "@/lib/appointments/import";
import { revealWorker, type RevealedWorker } from "@/lib/appointments/reveal";
import { searchWorkers, type WorkerHit } from "@/lib/appointments/queries";
import { appointSchema, endSchema, importAppointmentsSchema, replaceSchema, revealWorkerSchema, workerSearchSchema } from "@/lib/appointments/schema";
import { appoint, endAppointment, replace, type AppointResult } from "@/lib/appointments/service";

/**
 * The form names its section (enrollers or IT cell) only to pick the coarse permission checked before parsing;
 * the service then checks the permission of the post's actual role at its level and the unit's scope, so a
 * form that lies about its section gains nothing.
 */
function sectionPermission(form: FormData): Action {
  return form.get("section") === "itcell" ? "itcell.manage" : "enrollers.manage";
}

export const appointAction = defineAction({
  permission: sectionPermission,
  schema: appointSchema,
  revalidate: "refresh",
  handler: async ({ viewer, db, input, t }): Promise<ActionResult<AppointResult>> => {
    const data = await appoint({ db, viewer }, input);
    return { ok: true, data, message: t("appointments.done.appointed", { name: data.workerName }) };
  },
});

export const replaceAction = defineAction({
  permission: sectionPermission,
  schema: replaceSchema,
  revalidate: "refresh",
  handler: async ({ viewer, db, input, t }): Promise<ActionResult<AppointResult>> => {
    const data = await replace({ db, viewer }, input);
    return { ok: true, data, message: t("appointments.done.replaced", { name: data.workerName }) };
  },
});

export const endAction = defineAction({
  permission: sectionPermission,
  schema: endSchema,
  revalidate: "refresh",
  handler: async ({ viewer, db, input, t }) => {
    const data = await endAppointment({ db, viewer }, input);
    return { ok: true, message: t("appointments.done.ended", { name: data.workerName }) };
  },
});

/** A worker's full phone and EPIC on a post page: a deliberate, audited act (see reveal.ts). */
export const revealWorkerAction = defineAction({
  permission: sectionPermission,
  schema: revealWorkerSchema,
  handler: async ({ viewer, db, input }): Promise<ActionResult<RevealedWorker>> => {
    const data = await revealWorker(db, viewer, input.section, input.workerId);
    if (!data) throw new ActionError("not_found", "appointments.reveal.notFound");
    return { ok: true, data };
  },
});

/**
 * Workers known in the viewer's area matching a name or mobile part, for the appoint and replace forms: they
 * search in place, so the reason typed in a replace form stays. Writes nothing; the scope is searchWorkers'.
 */
export const searchWorkersAction = defineAction({
  permission: sectionPermission,
  schema: workerSearchSchema,
  handler: async ({ viewer, db, input }): Promise<ActionResult<WorkerHit[]>> => ({ ok: true, data: await searchWorkers(db, viewer, input.q) }),
  writes: false,
});

/** Preview (writes nothing) or apply an appointments CSV; the report lists every row's outcome. */
export const importAppointmentsAction = defineAction({
  permission: sectionPermission,
  schema: importAppointmentsSchema,
  handler: async ({ viewer, db, input, t }): Promise<ActionResult<ImportReport>> => {
    const bytes = new Uint8Array(await input.file.arrayBuffer());
    const ctx = { db, viewer, t };
    const data = input.intent === "apply" ? await applyImport(ctx, bytes, input.fingerprint, input.file.name) : await previewImport(ctx, bytes);
    return { ok: true, data };
  },
  revalidate: (data) => (data?.status === "applied" ? "refresh" : null),
});
