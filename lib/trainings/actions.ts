"use server";

import { refresh } from "next/cache";
import { defineAction } from "@/lib/actions";
import type { ActionResult } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import { attendanceSchema, createTraining, setAttendance, trainingSchema } from "./service";

export async function createTrainingAction(prev: ActionResult<{ id: number }> | null, form: FormData): Promise<ActionResult<{ id: number }>> {
  const { t } = await getT();
  const result = await defineAction({
    permission: "trainings.manage",
    schema: trainingSchema(t),
    handler: async ({ viewer, db, input }) => {
      const data = await createTraining({ db, viewer, t }, input);
      return { ok: true, data, message: t("trainings.done.created") };
    },
  })(prev, form);
  if (result.ok) refresh();
  return result;
}

export async function attendanceAction(prev: ActionResult<{ changed: number }> | null, form: FormData): Promise<ActionResult<{ changed: number }>> {
  const { t } = await getT();
  const result = await defineAction({
    permission: "trainings.manage",
    schema: attendanceSchema(t),
    handler: async ({ viewer, db, input }) => {
      const data = await setAttendance({ db, viewer, t }, input);
      return { ok: true, data, message: t("trainings.done.saved", { count: data.changed }) };
    },
  })(prev, form);
  if (result.ok) refresh();
  return result;
}
