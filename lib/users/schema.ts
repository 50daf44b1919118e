import { z } from "zod";

/** Which scope levels each role may have (the users_role_scope CHECK says the same in the database). */
export const ROLE_SCOPES = {
  leadership: ["state"],
  admin: ["state"],
  district_president: ["district"],
  it_head: ["state", "pc", "ac", "district"],
} as const;

export const NewUser = z
  .object({
    email: z.string().trim().toLowerCase().email({ error: "users.invalid.email" }).max(200, { error: "users.invalid.email" }),
    name: z.string().trim().min(1, { error: "users.invalid.name" }).max(100, { error: "users.invalid.name" }),
    role: z.enum(["leadership", "admin", "district_president", "it_head"], { error: "users.invalid.role" }),
    scopeLevel: z.enum(["state", "pc", "ac", "district"], { error: "users.invalid.scope" }),
    unitId: z.string().optional(),
    password: z.string().min(10, { error: "users.invalid.password" }).max(200, { error: "users.invalid.password" }),
  })
  .superRefine((v, ctx) => {
    if (!(ROLE_SCOPES[v.role] as readonly string[]).includes(v.scopeLevel)) {
      ctx.addIssue({ code: "custom", path: ["scopeLevel"], message: "users.invalid.scopeForRole" });
    }
    if (v.scopeLevel !== "state" && !/^[0-9]{1,9}$/.test(v.unitId ?? "")) {
      ctx.addIssue({ code: "custom", path: ["unitId"], message: "users.invalid.unit" });
    }
  });
export type NewUserInput = z.infer<typeof NewUser>;

export const SetActive = z.object({
  userId: z.coerce.number().int().positive(),
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});
