import { z } from "zod";
import { SCOPE_LEVELS, USER_ROLES, type ScopeLevel, type UserRole } from "@/db/schema/users";
import { isWellFormedText } from "@/lib/validation/text";

/** Which scope levels each role may have (the users_role_scope CHECK says the same in the database). */
export const ROLE_SCOPES = {
  leadership: ["state"],
  admin: ["state"],
  district_president: ["district"],
  it_head: ["state", "pc", "ac", "district"],
} as const satisfies Record<UserRole, readonly ScopeLevel[]>;

export function roleMayHold(role: UserRole, level: ScopeLevel): boolean {
  return (ROLE_SCOPES[role] as readonly ScopeLevel[]).includes(level);
}

/**
 * An area is sent as `<level>:<id>` (e.g. `district:7`), never as a bare id: district 7 and Lok Sabha seat 7
 * are different places, and a form whose list still held the other level's units must be refused, not saved
 * as whatever has that id in the chosen level's table.
 */
export function unitValue(level: ScopeLevel, id: number): string {
  return `${level}:${id}`;
}

const UNIT_VALUE = /^(pc|ac|district):([0-9]{1,9})$/;

export function parseUnitValue(value: string | undefined): { level: Exclude<ScopeLevel, "state">; id: number } | null {
  const m = UNIT_VALUE.exec(value ?? "");
  return m ? { level: m[1] as Exclude<ScopeLevel, "state">, id: Number(m[2]) } : null;
}

const text = (max: number, key: "users.invalid.name") =>
  z
    .string({ error: key })
    .trim()
    .min(1, { error: key })
    .max(max, { error: key })
    .refine(isWellFormedText, { error: "users.invalid.text" });

const email = z
  .string({ error: "users.invalid.email" })
  .trim()
  .toLowerCase()
  .max(200, { error: "users.invalid.email" })
  .email({ error: "users.invalid.email" });

const scopeShape = {
  role: z.enum(USER_ROLES, { error: "users.invalid.role" }),
  scopeLevel: z.enum(SCOPE_LEVELS, { error: "users.invalid.scope" }),
  unitId: z.string().optional(),
};

/** The role may hold the level, and a non-state level names a unit of that same level. */
function checkScope(v: { role: UserRole; scopeLevel: ScopeLevel; unitId?: string }, ctx: z.RefinementCtx) {
  if (!roleMayHold(v.role, v.scopeLevel)) {
    ctx.addIssue({ code: "custom", path: ["scopeLevel"], message: "users.invalid.scopeForRole" });
    return;
  }
  if (v.scopeLevel === "state") return;
  const unit = parseUnitValue(v.unitId);
  if (!unit) ctx.addIssue({ code: "custom", path: ["unitId"], message: "users.invalid.unit" });
  else if (unit.level !== v.scopeLevel) ctx.addIssue({ code: "custom", path: ["unitId"], message: "users.invalid.unitLevel" });
}

export const PASSWORD_MIN = 10;
const password = z
  .string({ error: "users.invalid.password" })
  .min(PASSWORD_MIN, { error: "users.invalid.password" })
  .max(200, { error: "users.invalid.password" })
  .refine(isWellFormedText, { error: "users.invalid.text" });

export const NewUser = z
  .object({ email, name: text(100, "users.invalid.name"), ...scopeShape, password })
  .superRefine(checkScope);
export type NewUserInput = z.infer<typeof NewUser>;

/** A user id from a form: a user that does not exist is refused like one outside the viewer's reach. */
const userId = z.coerce.number({ error: "users.notFound" }).int({ error: "users.notFound" }).positive({ error: "users.notFound" });

export const EditUser = z.object({ userId, ...scopeShape }).superRefine(checkScope);
export type EditUserInput = z.infer<typeof EditUser>;

export const SetActive = z.object({
  userId,
  active: z.enum(["true", "false"], { error: "action.field.invalid" }).transform((v) => v === "true"),
});
export type SetActiveInput = z.infer<typeof SetActive>;

/** Password reset and "sign out everywhere" name only the user. */
export const UserRef = z.object({ userId });
export type UserRefInput = z.infer<typeof UserRef>;
