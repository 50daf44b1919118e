"use server";

import { defineAction } from "@/lib/actions";
import { attendanceSchema, trainingSchema } from "@/lib/trainings/schema";
import { createTraining, setAttendance } from "@/lib/trainings/service";

export const createTrainingAction = defineAction({
  permission: "trainings.manage",
  schema: trainingSchema,
  revalidate: "refresh",
  handler: async ({ viewer, db, input, t }) => {
    const data = await createTraining({ db, viewer }, input);
    return { ok: true, data, message: t("trainings.done.created") };
  },
});

export const attendanceAction = defineAction({
  permission: "trainings.manage",
  schema: attendanceSchema,
  revalidate: "refresh",
  handler: async ({ viewer, db, input, t }) => {
    const data = await setAttendance({ db, viewer }, input);
    return { ok: true, data, message: t("trainings.done.saved", { count: data.changed }) };
  },
});
