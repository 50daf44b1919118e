"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions";
import { getT } from "@/lib/i18n/server";
import { EditUser, NewUser, SetActive, UserRef } from "./schema";
import * as service from "./service";

/*
 * Thin wrappers: defineAction authenticates, checks `users.manage` and parses; the service checks the
 * permission again, scopes everything to the administrator's state and writes with its audit event.
 */

export const createUser = defineAction({
  permission: "users.manage",
  schema: NewUser,
  handler: async ({ viewer, db, input }) => {
    const { t } = await getT();
    const created = await service.createUser(db, viewer, input, t);
    revalidatePath("/admin/users");
    return { ok: true, message: t("users.created", { email: created.email }) };
  },
});

export const updateUserScope = defineAction({
  permission: "users.manage",
  schema: EditUser,
  handler: async ({ viewer, db, input }) => {
    const { t } = await getT();
    const r = await service.updateUserScope(db, viewer, input, t);
    if (r.changed) revalidatePath("/admin/users");
    return { ok: true, message: r.changed ? t("users.saved", { email: r.email }) : t("users.unchanged") };
  },
});

export const setUserActive = defineAction({
  permission: "users.manage",
  schema: SetActive,
  handler: async ({ viewer, db, input }) => {
    const { t } = await getT();
    const r = await service.setUserActive(db, viewer, input, t);
    revalidatePath("/admin/users");
    return { ok: true, message: t(input.active ? "users.activated" : "users.deactivated", { email: r.email }) };
  },
});

/** The temporary password travels only in this result, to be shown once; it is never echoed or logged. */
export const resetUserPassword = defineAction<typeof UserRef, { temporaryPassword: string }>({
  permission: "users.manage",
  schema: UserRef,
  handler: async ({ viewer, db, input }) => {
    const { t } = await getT();
    const r = await service.resetPassword(db, viewer, input, t);
    return { ok: true, data: { temporaryPassword: r.temporaryPassword }, message: t("users.resetDone", { email: r.email }) };
  },
});

export const signUserOutEverywhere = defineAction({
  permission: "users.manage",
  schema: UserRef,
  handler: async ({ viewer, db, input }) => {
    const { t } = await getT();
    const r = await service.signOutEverywhere(db, viewer, input, t);
    return { ok: true, message: t("users.signedOut", { email: r.email, count: r.sessionsEnded }) };
  },
});
