import type { UserRole } from "@/db/schema";
import type { GeoLevel } from "@/lib/geo/levels";

/**
 * The one permissions table: role × action → the unit levels (inside the role's own scope) where the role
 * may do it. Pages, server actions, route handlers and exports all consult it through `can()`; a feature adds
 * its actions here instead of writing its own role checks. Scope (which units) is checked separately by
 * `inScope` / `unitInScope`.
 */
export const PERMISSIONS = {
  "progress.view": {
    leadership: ["state", "pc", "ac", "district", "block", "booth"],
    district_president: ["district", "block", "booth", "ac"],
    it_head: ["state", "pc", "ac", "district", "block", "booth"],
    admin: ["state", "pc", "ac", "district", "block", "booth"],
  },
  /** Caste-category composition of sign-ups: leadership only, small counts suppressed. */
  "composition.view": { leadership: ["state", "pc", "ac", "district", "block", "booth"] },
  "targets.set": { leadership: ["state", "pc", "ac", "district"], district_president: ["block", "booth"] },
  "enrollers.manage": { leadership: ["district", "block", "booth"], district_president: ["district", "block", "booth"] },
  "trainings.manage": { leadership: ["state", "district", "block"], district_president: ["district", "block"] },
  "itcell.manage": { leadership: ["pc", "ac", "district", "block", "booth"], it_head: ["pc", "ac", "district", "block", "booth"] },
  "coverage.view": {
    leadership: ["state", "pc", "ac", "district", "block", "booth"],
    district_president: ["district", "block", "booth"],
    it_head: ["state", "pc", "ac", "district", "block", "booth"],
    admin: ["state", "pc", "ac", "district", "block", "booth"],
  },
  "members.view": { leadership: ["state", "pc", "ac", "district", "block", "booth"], district_president: ["district", "block", "booth"] },
  "members.create": { leadership: ["booth"], district_president: ["booth"] },
  "members.reveal": { leadership: ["booth"], district_president: ["booth"] },
  "members.export": { leadership: ["state", "pc", "ac", "district"] },
  "members.erase": { leadership: ["booth"], district_president: ["booth"] },
  /** The quality review queue and enroller scorecards (lib/members/quality). */
  "quality.view": { leadership: ["state", "pc", "ac", "district", "block", "booth"], district_president: ["district", "block", "booth"] },
  /** Confirm a flagged member as genuine, or void it (out of every count, personal data erased). */
  "quality.decide": { leadership: ["booth"], district_president: ["booth"] },
  /** Bring a voided member back into the count during the campaign. */
  "quality.restore": { leadership: ["booth"] },
  "tokens.manage": { leadership: ["district", "block", "booth"], district_president: ["district", "block", "booth"] },
  "exports.download": {
    leadership: ["state", "pc", "ac", "district", "block", "booth"],
    district_president: ["district", "block", "booth"],
    it_head: ["state", "pc", "ac", "district", "block", "booth"],
    admin: ["state", "pc", "ac", "district", "block", "booth"],
  },
  "users.manage": { admin: ["state"] },
  /** Upload the assembly-seat boundary file that draws the coverage map (the same importer as the CLI). */
  "boundaries.import": { admin: ["state"] },
  "audit.view": { admin: ["state"], leadership: ["state"] },
} as const satisfies Record<string, Partial<Record<UserRole, readonly GeoLevel[]>>>;

export type Action = keyof typeof PERMISSIONS;

/** May a role do `action` at all (optionally: at this unit level)? Scope is checked by the caller's query. */
export function can(viewer: { role: UserRole }, action: Action, level?: GeoLevel): boolean {
  const levels = (PERMISSIONS[action] as Partial<Record<UserRole, readonly GeoLevel[]>>)[viewer.role];
  if (!levels || levels.length === 0) return false;
  return level === undefined || levels.includes(level);
}
