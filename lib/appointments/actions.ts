"use server";

import { refresh } from "next/cache";
import { defineAction } from "@/lib/actions";
import type { Action } from "@/lib/auth/permissions";
import type { ActionResult } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import { appointSchema, endSchema, replaceSchema } from "./schemas";
import { appoint, endAppointment, replace, type AppointResult } from "./service";

/**
 * The form names its section (enrollers or IT cell) only to pick the coarse permission checked before parsing;
 * the service then checks the permission of the post's actual role at its level and the unit's scope, so a
 * form that lies about its section gains nothing.
 */
function sectionPermission(form: FormData): Action {
  return form.get("section") === "itcell" ? "itcell.manage" : "enrollers.manage";
}

export async function appointAction(prev: ActionResult<AppointResult> | null, form: FormData): Promise<ActionResult<AppointResult>> {
  const { t } = await getT();
  const result = await defineAction({
    permission: sectionPermission(form),
    schema: appointSchema(t),
    handler: async ({ viewer, db, input }) => {
      const data = await appoint({ db, viewer, t }, input);
      return { ok: true, data, message: t("appointments.done.appointed", { name: data.workerName }) };
    },
  })(prev, form);
  if (result.ok) refresh();
  return result;
}

export async function replaceAction(prev: ActionResult<AppointResult> | null, form: FormData): Promise<ActionResult<AppointResult>> {
  const { t } = await getT();
  const result = await defineAction({
    permission: sectionPermission(form),
    schema: replaceSchema(t),
    handler: async ({ viewer, db, input }) => {
      const data = await replace({ db, viewer, t }, input);
      return { ok: true, data, message: t("appointments.done.replaced", { name: data.workerName }) };
    },
  })(prev, form);
  if (result.ok) refresh();
  return result;
}

export async function endAction(prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { t } = await getT();
  const result = await defineAction({
    permission: sectionPermission(form),
    schema: endSchema(t),
    handler: async ({ viewer, db, input }) => {
      const data = await endAppointment({ db, viewer, t }, input);
      return { ok: true, message: t("appointments.done.ended", { name: data.workerName }) };
    },
  })(prev, form);
  if (result.ok) refresh();
  return result;
}
