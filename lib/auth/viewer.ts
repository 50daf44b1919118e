import { and, eq } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import { assemblySeats, districts, lokSabhaSeats, states, users, type ScopeLevel, type UserRole } from "@/db/schema";
import { liveSession } from "@/lib/auth/sessions";

/** The unit a user's scope is: the whole state, or one PC, AC or district of it. */
export interface ScopeUnit {
  level: ScopeLevel;
  stateId: number;
  /** Id of the PC, AC or district; the state's id at state level. */
  id: number;
  name: string;
  nameHi: string | null;
  /** District slug, PC or AC number: what the unit's page URL uses. */
  key: string;
}

/** Who is asking: re-read from the database on every request, never taken from the client. */
export interface Viewer {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  scope: ScopeUnit;
}

/**
 * A select from users (made `$dynamic()`) joined to the unit their scope names: the PC, AC or district, at
 * most one of which is set (none at state level), so each join is a left join.
 */
export function joinScopeUnit<T extends PgSelect>(qb: T) {
  return qb
    .leftJoin(lokSabhaSeats, eq(lokSabhaSeats.id, users.pcId))
    .leftJoin(assemblySeats, eq(assemblySeats.id, users.acId))
    .leftJoin(districts, eq(districts.id, users.districtId));
}

/**
 * The active user with their scope, or null (unknown or deactivated users have no viewer). With `sessionId`,
 * also null unless that session is the user's, open and unexpired (`sessionIsLive`, in the same query).
 */
export async function loadViewer(db: DbOrTx, userId: number, opts: { sessionId?: string } = {}): Promise<Viewer | null> {
  const query = db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      scopeLevel: users.scopeLevel,
      stateId: users.stateId,
      stateCode: states.code,
      stateName: states.name,
      stateNameHi: states.nameHi,
      pcId: lokSabhaSeats.id,
      pcNo: lokSabhaSeats.no,
      pcName: lokSabhaSeats.name,
      pcNameHi: lokSabhaSeats.nameHi,
      acId: assemblySeats.id,
      acNo: assemblySeats.no,
      acName: assemblySeats.name,
      acNameHi: assemblySeats.nameHi,
      districtId: districts.id,
      districtSlug: districts.slug,
      districtName: districts.name,
      districtNameHi: districts.nameHi,
    })
    .from(users)
    .innerJoin(states, eq(states.id, users.stateId))
    .$dynamic();
  const live = opts.sessionId === undefined ? undefined : liveSession(opts.sessionId, userId);
  const [row] = await joinScopeUnit(query).where(and(eq(users.id, userId), live)).limit(1);
  if (!row || !row.active) return null;
  const level = row.scopeLevel as ScopeLevel;
  const base = { level, stateId: row.stateId };
  let scope: ScopeUnit;
  if (level === "pc" && row.pcId !== null) {
    scope = { ...base, id: row.pcId, name: row.pcName!, nameHi: row.pcNameHi, key: String(row.pcNo) };
  } else if (level === "ac" && row.acId !== null) {
    scope = { ...base, id: row.acId, name: row.acName!, nameHi: row.acNameHi, key: String(row.acNo) };
  } else if (level === "district" && row.districtId !== null) {
    scope = { ...base, id: row.districtId, name: row.districtName!, nameHi: row.districtNameHi, key: row.districtSlug! };
  } else if (level === "state") {
    scope = { ...base, id: row.stateId, name: row.stateName, nameHi: row.stateNameHi, key: row.stateCode };
  } else {
    // The users_scope_unit CHECK makes this unreachable; refuse rather than widen the scope.
    return null;
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role as UserRole, scope };
}
