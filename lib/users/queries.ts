import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { assemblySeats, districts, lokSabhaSeats, users } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { joinScopeUnit, type Viewer } from "@/lib/auth/viewer";
import { unitValue } from "@/lib/users/schema";

export interface UserRow {
  id: number;
  email: string;
  name: string;
  role: string;
  scopeLevel: string;
  /** The scope's unit as the forms send it (`district:7`), or null at state level. */
  unitValue: string | null;
  scopeName: string | null;
  /** The scope unit's Hindi name, where it has one. */
  scopeNameHi: string | null;
  active: boolean;
  createdAt: Date;
}

/** Users of the viewer's state (administrators only; null for anyone else). Never the password hash. */
export async function listUsers(db: DbOrTx, viewer: Viewer): Promise<UserRow[] | null> {
  if (!can(viewer, "users.manage")) return null;
  const query = db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      scopeLevel: users.scopeLevel,
      scopeName: sql<string | null>`coalesce(${districts.name}, ${assemblySeats.name}, ${lokSabhaSeats.name})`,
      scopeNameHi: sql<string | null>`coalesce(${districts.nameHi}, ${assemblySeats.nameHi}, ${lokSabhaSeats.nameHi})`,
      unitValue: sql<string | null>`CASE ${users.scopeLevel} WHEN 'state' THEN NULL ELSE ${users.scopeLevel} || ':' || coalesce(${users.districtId}, ${users.acId}, ${users.pcId}) END`,
      active: users.active,
      createdAt: users.createdAt,
    })
    .from(users)
    .$dynamic();
  return joinScopeUnit(query).where(eq(users.stateId, viewer.scope.stateId)).orderBy(asc(users.email));
}

/** The units a user's scope can be set to, for the forms: values carry their level (`pc:3`), see unitValue. */
export async function scopeOptions(db: DbOrTx, viewer: Viewer) {
  const stateId = viewer.scope.stateId;
  const [d, pc, ac] = await Promise.all([
    db.select({ id: districts.id, name: districts.name, nameHi: districts.nameHi }).from(districts).where(eq(districts.stateId, stateId)).orderBy(asc(districts.name)),
    db.select({ id: lokSabhaSeats.id, no: lokSabhaSeats.no, name: lokSabhaSeats.name, nameHi: lokSabhaSeats.nameHi }).from(lokSabhaSeats).where(eq(lokSabhaSeats.stateId, stateId)).orderBy(asc(lokSabhaSeats.no)),
    db.select({ id: assemblySeats.id, no: assemblySeats.no, name: assemblySeats.name, nameHi: assemblySeats.nameHi }).from(assemblySeats).where(eq(assemblySeats.stateId, stateId)).orderBy(asc(assemblySeats.no)),
  ]);
  return {
    district: d.map((x) => ({ value: unitValue("district", x.id), label: x.name, labelHi: x.nameHi })),
    pc: pc.map((x) => ({ value: unitValue("pc", x.id), label: `${x.no} · ${x.name}`, labelHi: x.nameHi ? `${x.no} · ${x.nameHi}` : null })),
    ac: ac.map((x) => ({ value: unitValue("ac", x.id), label: `${x.no} · ${x.name}`, labelHi: x.nameHi ? `${x.no} · ${x.nameHi}` : null })),
  };
}
