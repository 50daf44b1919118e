"use server";

import { and, eq, sql } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { PG, pgError } from "@/db/errors";
import { assemblySeats, districts, lokSabhaSeats, users } from "@/db/schema";
import { defineAction } from "@/lib/actions";
import { writeAudit } from "@/lib/audit/write";
import { hashPassword } from "@/lib/auth/credentials";
import { ActionError } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import { NewUser, SetActive } from "./schema";

/** Creates a user; the unit must exist in the administrator's own state. Audited without the password. */
export const createUser = defineAction({
  permission: "users.manage",
  schema: NewUser,
  handler: async ({ viewer, db, input }) => {
    const { t } = await getT();
    const stateId = viewer.scope.stateId;
    const unitId = input.scopeLevel === "state" ? null : Number(input.unitId);
    if (unitId !== null) {
      const table = input.scopeLevel === "pc" ? lokSabhaSeats : input.scopeLevel === "ac" ? assemblySeats : districts;
      const [unit] = await db.select({ id: table.id }).from(table).where(and(eq(table.id, unitId), eq(table.stateId, stateId)));
      if (!unit) throw new ActionError("invalid", t("action.invalid"), { unitId: t("users.invalid.unit") });
    }
    const passwordHash = await hashPassword(input.password);
    try {
      await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(users)
          .values({
            email: input.email,
            name: input.name,
            passwordHash,
            role: input.role,
            stateId,
            scopeLevel: input.scopeLevel,
            pcId: input.scopeLevel === "pc" ? unitId : null,
            acId: input.scopeLevel === "ac" ? unitId : null,
            districtId: input.scopeLevel === "district" ? unitId : null,
          })
          .returning({ id: users.id });
        await writeAudit(tx, viewer, {
          action: "user.create",
          entityType: "user",
          entityId: created!.id,
          after: { email: input.email, name: input.name, role: input.role, scopeLevel: input.scopeLevel, unitId },
        });
      });
    } catch (err) {
      if (pgError(err)?.code === PG.uniqueViolation) throw new ActionError("conflict", t("action.invalid"), { email: t("users.invalid.emailTaken") });
      throw err;
    }
    revalidatePath("/admin/users");
    return { ok: true, message: t("users.created", { email: input.email }) };
  },
});

/** Deactivates or reactivates a user; takes effect on their next request (the viewer is re-read each time). */
export const setUserActive = defineAction({
  permission: "users.manage",
  schema: SetActive,
  handler: async ({ viewer, db, input }) => {
    const { t } = await getT();
    if (input.userId === viewer.id && !input.active) throw new ActionError("invalid", t("users.cannotDeactivateSelf"));
    const changed = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(users)
        .set({ active: input.active })
        .where(and(eq(users.id, input.userId), eq(users.stateId, viewer.scope.stateId), sql`${users.active} <> ${input.active}`))
        .returning({ id: users.id, email: users.email });
      if (row) {
        await writeAudit(tx, viewer, {
          action: input.active ? "user.activate" : "user.deactivate",
          entityType: "user",
          entityId: row.id,
          before: { active: !input.active },
          after: { active: input.active },
        });
      }
      return row;
    });
    if (!changed) throw new ActionError("not_found", t("users.notFound"));
    revalidatePath("/admin/users");
    return { ok: true, message: t(input.active ? "users.activated" : "users.deactivated", { email: changed.email }) };
  },
});
