/**
 * User administration: create, change role and area, (de)activate, reset a password, sign out everywhere.
 * Each function takes the database, the actor and already-parsed input, checks the permission itself and
 * scopes every read and write to the actor's state (a user of another state is "not found"), so the server
 * actions and `npm run user:create` share one set of rules and the tests need no Next.js.
 *
 * Every change that alters what a user may see (role, area, active, password) ends all their sessions in the
 * same transaction: a cookie captured before the change is worthless after it.
 *
 * Not `server-only`: the command-line tool imports it.
 */
import { randomInt } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { PG, pgError } from "@/db/errors";
import { assemblySeats, districts, lokSabhaSeats, states, users, type ScopeLevel, type UserRole } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { hashPassword } from "@/lib/auth/credentials";
import { can } from "@/lib/auth/permissions";
import { endUserSessions } from "@/lib/auth/sessions";
import type { Viewer } from "@/lib/auth/viewer";
import { ActionError } from "@/lib/errors";
import { parseUnitValue, roleMayHold, type EditUserInput, type NewUserInput, type SetActiveInput, type UserRefInput } from "@/lib/users/schema";

/** A signed-in administrator, or a trusted tool with database access (`cli:user-create`) acting in one state. */
export type UserAdminActor = Viewer | { label: string; stateId: number };

/** The area a user holds, as the audit trail records it: level and unit (id, name, and the URL key). */
export interface ScopeRecord {
  level: ScopeLevel;
  /** The unit's id in its level's table (the state's id at state level). */
  id: number;
  name: string;
  /** State code, Lok Sabha or assembly seat number, or district slug. */
  key: string;
}


function isViewer(actor: UserAdminActor): actor is Viewer {
  return "role" in actor;
}

function stateOf(actor: UserAdminActor): number {
  return isViewer(actor) ? actor.scope.stateId : actor.stateId;
}

function authorize(actor: UserAdminActor): void {
  if (isViewer(actor) && !can(actor, "users.manage")) throw new ActionError("forbidden", "action.forbidden");
}

/**
 * The unit of `level` with this id in the state, or null. The table is chosen by the level, so an id of
 * another level, or of another state, is not found rather than read as some other place.
 */
export async function resolveScope(db: DbOrTx, stateId: number, level: ScopeLevel, id: number | null): Promise<ScopeRecord | null> {
  if (level === "state") {
    const [s] = await db.select({ id: states.id, name: states.name, code: states.code }).from(states).where(eq(states.id, stateId));
    return s ? { level, id: s.id, name: s.name, key: s.code } : null;
  }
  if (id === null) return null;
  if (level === "district") {
    const [d] = await db
      .select({ id: districts.id, name: districts.name, slug: districts.slug })
      .from(districts)
      .where(and(eq(districts.id, id), eq(districts.stateId, stateId)));
    return d ? { level, id: d.id, name: d.name, key: d.slug } : null;
  }
  const table = level === "pc" ? lokSabhaSeats : assemblySeats;
  const [u] = await db
    .select({ id: table.id, name: table.name, no: table.no })
    .from(table)
    .where(and(eq(table.id, id), eq(table.stateId, stateId)));
  return u ? { level, id: u.id, name: u.name, key: String(u.no) } : null;
}

/** The input's area, checked against the database; a field error when it is not a unit of that level here. */
async function scopeFromInput(
  db: DbOrTx,
  stateId: number,
  input: { role: UserRole; scopeLevel: ScopeLevel; unitId?: string },
): Promise<ScopeRecord> {
  // The schema checks this too; checked again because the service is also called without the schema's parse.
  if (!roleMayHold(input.role, input.scopeLevel)) {
    throw new ActionError("invalid", "action.invalid", undefined, { scopeLevel: "users.invalid.scopeForRole" });
  }
  let id: number | null = null;
  if (input.scopeLevel !== "state") {
    const unit = parseUnitValue(input.unitId);
    if (!unit) throw new ActionError("invalid", "action.invalid", undefined, { unitId: "users.invalid.unit" });
    if (unit.level !== input.scopeLevel) throw new ActionError("invalid", "action.invalid", undefined, { unitId: "users.invalid.unitLevel" });
    id = unit.id;
  }
  const scope = await resolveScope(db, stateId, input.scopeLevel, id);
  if (!scope) throw new ActionError("invalid", "action.invalid", undefined, { unitId: "users.invalid.unit" });
  return scope;
}

function scopeColumns(scope: ScopeRecord) {
  return {
    scopeLevel: scope.level,
    pcId: scope.level === "pc" ? scope.id : null,
    acId: scope.level === "ac" ? scope.id : null,
    districtId: scope.level === "district" ? scope.id : null,
  };
}

interface TargetUser {
  id: number;
  email: string;
  role: UserRole;
  active: boolean;
  scope: ScopeRecord;
}

/** The user, locked for this transaction, if they belong to the actor's state; otherwise not found. */
async function lockUser(tx: Tx, actor: UserAdminActor, userId: number): Promise<TargetUser> {
  const stateId = stateOf(actor);
  const [row] = await tx
    .select({
      id: users.id,
      email: users.email,
      role: users.role,
      active: users.active,
      scopeLevel: users.scopeLevel,
      pcId: users.pcId,
      acId: users.acId,
      districtId: users.districtId,
    })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.stateId, stateId)))
    .for("update");
  if (!row) throw new ActionError("not_found", "users.notFound");
  const level = row.scopeLevel as ScopeLevel;
  const unitId = level === "pc" ? row.pcId : level === "ac" ? row.acId : level === "district" ? row.districtId : null;
  const scope = (await resolveScope(tx, stateId, level, unitId)) ?? { level, id: unitId ?? stateId, name: "?", key: "?" };
  return { id: row.id, email: row.email, role: row.role as UserRole, active: row.active, scope };
}

export interface CreatedUser {
  id: number;
  email: string;
  role: UserRole;
  scope: ScopeRecord;
}

/** Creates a user in the actor's state with the given password (hashed; never stored or audited in clear). */
export async function createUser(db: DbOrTx, actor: UserAdminActor, input: NewUserInput): Promise<CreatedUser> {
  authorize(actor);
  const stateId = stateOf(actor);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const scope = await scopeFromInput(tx, stateId, input);
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, input.email.toLowerCase()));
      if (taken) throw new ActionError("conflict", "action.invalid", undefined, { email: "users.invalid.emailTaken" });
      const [created] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, passwordHash, role: input.role, stateId, ...scopeColumns(scope) })
        .returning({ id: users.id });
      await writeAudit(tx, actor, {
        action: "user.create",
        entityType: "user",
        entityId: created!.id,
        after: { email: input.email, name: input.name, role: input.role, scope },
      });
      return { id: created!.id, email: input.email, role: input.role, scope };
    });
  } catch (err) {
    // Two administrators adding the same email at once: the unique index decides, reported like the check above.
    if (pgError(err)?.code === PG.uniqueViolation) throw new ActionError("conflict", "action.invalid", undefined, { email: "users.invalid.emailTaken" });
    throw err;
  }
}

export interface EditedUser {
  changed: boolean;
  email: string;
  sessionsEnded: number;
}

/** Changes role and area; any change ends every session of the user (they sign in again with the new rights). */
export async function updateUserScope(db: DbOrTx, actor: UserAdminActor, input: EditUserInput): Promise<EditedUser> {
  authorize(actor);
  return db.transaction(async (tx) => {
    const user = await lockUser(tx, actor, input.userId);
    if (isViewer(actor) && user.id === actor.id && input.role !== "admin") {
      throw new ActionError("invalid", "users.cannotDemoteSelf", undefined, { role: "users.cannotDemoteSelf" });
    }
    const scope = await scopeFromInput(tx, stateOf(actor), input);
    const same = user.role === input.role && user.scope.level === scope.level && user.scope.id === scope.id;
    if (same) return { changed: false, email: user.email, sessionsEnded: 0 };
    await tx
      .update(users)
      .set({ role: input.role, ...scopeColumns(scope) })
      .where(eq(users.id, user.id));
    const sessionsEnded = await endUserSessions(tx, user.id, "role_scope");
    await writeAudit(tx, actor, {
      action: "user.update",
      entityType: "user",
      entityId: user.id,
      before: { role: user.role, scope: user.scope },
      after: { role: input.role, scope, sessionsEnded },
    });
    return { changed: true, email: user.email, sessionsEnded };
  });
}

/**
 * Deactivates (ending every session) or reactivates. Reactivation opens nothing: sessions ended at
 * deactivation stay ended, the user signs in anew.
 */
export async function setUserActive(db: DbOrTx, actor: UserAdminActor, input: SetActiveInput): Promise<{ email: string; sessionsEnded: number }> {
  authorize(actor);
  if (isViewer(actor) && input.userId === actor.id && !input.active) throw new ActionError("invalid", "users.cannotDeactivateSelf");
  return db.transaction(async (tx) => {
    const user = await lockUser(tx, actor, input.userId);
    if (user.active === input.active) throw new ActionError("not_found", "users.notFound");
    await tx.update(users).set({ active: input.active }).where(eq(users.id, user.id));
    const sessionsEnded = input.active ? 0 : await endUserSessions(tx, user.id, "deactivated");
    await writeAudit(tx, actor, {
      action: input.active ? "user.activate" : "user.deactivate",
      entityType: "user",
      entityId: user.id,
      before: { active: user.active },
      after: input.active ? { active: true } : { active: false, sessionsEnded },
    });
    return { email: user.email, sessionsEnded };
  });
}

// No 0/O, 1/l/I: the temporary password is read out over the phone.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/** 20 characters of a 57-letter alphabet: about 116 bits, from the operating system's CSPRNG. */
export function temporaryPassword(length = 20): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  // Groups of five are easier to read aloud and type; the dashes are part of the password.
  return out.match(/.{1,5}/g)!.join("-");
}

/**
 * Sets a new temporary password and ends every session. The password is returned to be shown once; the
 * audit event records that a reset happened, never the password or its hash.
 */
export async function resetPassword(
  db: DbOrTx,
  actor: UserAdminActor,
  input: UserRefInput,
): Promise<{ email: string; temporaryPassword: string; sessionsEnded: number }> {
  authorize(actor);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const user = await lockUser(tx, actor, input.userId);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    const sessionsEnded = await endUserSessions(tx, user.id, "password");
    await writeAudit(tx, actor, { action: "user.password_reset", entityType: "user", entityId: user.id, after: { sessionsEnded } });
    return { email: user.email, temporaryPassword: password, sessionsEnded };
  });
}

/** Ends every open session of the user (a lost phone, a shared computer), audited. */
export async function signOutEverywhere(db: DbOrTx, actor: UserAdminActor, input: UserRefInput): Promise<{ email: string; sessionsEnded: number }> {
  authorize(actor);
  return db.transaction(async (tx) => {
    const user = await lockUser(tx, actor, input.userId);
    const sessionsEnded = await endUserSessions(tx, user.id, "everywhere");
    await writeAudit(tx, actor, { action: "user.sign_out_everywhere", entityType: "user", entityId: user.id, after: { sessionsEnded } });
    return { email: user.email, sessionsEnded };
  });
}
