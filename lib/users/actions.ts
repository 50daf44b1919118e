"use server";

import { defineAction } from "@/lib/actions";
import { EditUser, NewUser, SetActive, UserRef } from "@/lib/users/schema";
import * as service from "@/lib/users/service";

/*
 * Thin wrappers: defineAction authenticates, checks `users.manage` and parses; the service checks the
 * permission again, scopes everything to the administrator's state and writes with its audit event.
 */

const USERS_PAGE = ["/admin/users"];

export const createUser = defineAction({
  permission: "users.manage",
  schema: NewUser,
  revalidate: USERS_PAGE,
  handler: async ({ viewer, db, input, t }) => {
    const created = await service.createUser(db, viewer, input);
    return { ok: true, message: t("users.created", { email: created.email }) };
  },
});

export const updateUserScope = defineAction({
  permission: "users.manage",
  schema: EditUser,
  handler: async ({ viewer, db, input, t }) => {
    const r = await service.updateUserScope(db, viewer, input);
    return { ok: true, data: { changed: r.changed }, message: r.changed ? t("users.saved", { email: r.email }) : t("users.unchanged") };
  },
  revalidate: (data) => (data?.changed ? USERS_PAGE : null),
});

export const setUserActive = defineAction({
  permission: "users.manage",
  schema: SetActive,
  revalidate: USERS_PAGE,
  handler: async ({ viewer, db, input, t }) => {
    const r = await service.setUserActive(db, viewer, input);
    return { ok: true, message: t(input.active ? "users.activated" : "users.deactivated", { email: r.email }) };
  },
});

/** The temporary password travels only in this result, to be shown once; it is never echoed or logged. */
export const resetUserPassword = defineAction<typeof UserRef, { temporaryPassword: string }>({
  permission: "users.manage",
  schema: UserRef,
  handler: async ({ viewer, db, input, t }) => {
    const r = await service.resetPassword(db, viewer, input);
    return { ok: true, data: { temporaryPassword: r.temporaryPassword }, message: t("users.resetDone", { email: r.email }) };
  },
});

export const signUserOutEverywhere = defineAction({
  permission: "users.manage",
  schema: UserRef,
  handler: async ({ viewer, db, input, t }) => {
    const r = await service.signOutEverywhere(db, viewer, input);
    return { ok: true, message: t("users.signedOut", { email: r.email, count: r.sessionsEnded }) };
  },
});
