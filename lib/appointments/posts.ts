/**
 * The posts of the organisation and their rules, in one place (pure: no database, safe for client code).
 *
 * Which role can be held at which level is also a CHECK in the database; which posts have a single holder is
 * enforced by partial unique indexes (DESIGN.md §2). What the database cannot know is how many holders a
 * multi-holder post may have: that limit lives here.
 */
import type { AppointmentRole, UnitLevel } from "@/db/schema";
import type { Action } from "@/lib/auth/permissions";

/**
 * Enrollers a booth may have at once. Set ENROLLERS_PER_BOOTH in the environment to change it (the seed gives
 * booths one or two). Read at call time on the server, so a restart with another value applies it.
 */
export const ENROLLERS_PER_BOOTH = 3;
/** IT-cell members a block may have at once (booths have exactly one; see appointments_one_it_member_booth). */
export const IT_MEMBERS_PER_BLOCK = 10;

function envLimit(name: string, fallback: number): number {
  const raw = typeof process !== "undefined" ? process.env[name] : undefined;
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : fallback;
}

export interface PostRule {
  role: AppointmentRole;
  level: UnitLevel;
  /** One active holder at a time (a partial unique index in the database). */
  single: boolean;
}

export const POST_RULES: readonly PostRule[] = [
  { role: "chief_enroller", level: "district", single: true },
  { role: "chief_enroller", level: "block", single: true },
  { role: "enroller", level: "booth", single: false },
  { role: "it_president", level: "pc", single: true },
  { role: "it_president", level: "ac", single: true },
  { role: "it_president", level: "district", single: true },
  { role: "it_member", level: "block", single: false },
  { role: "it_member", level: "booth", single: true },
];

export function postRule(role: string, level: string): PostRule | null {
  return POST_RULES.find((r) => r.role === role && r.level === level) ?? null;
}

/** Holders a post may have at once: 1 for single-holder posts. */
export function holderLimit(rule: PostRule): number {
  if (rule.single) return 1;
  if (rule.role === "enroller") return envLimit("ENROLLERS_PER_BOOTH", ENROLLERS_PER_BOOTH);
  return envLimit("IT_MEMBERS_PER_BLOCK", IT_MEMBERS_PER_BLOCK);
}

/** The permission that governs a role's posts (the levels come from the permissions table). */
export function permissionFor(role: AppointmentRole): Action {
  return role === "chief_enroller" || role === "enroller" ? "enrollers.manage" : "itcell.manage";
}

export type Section = "enrollers" | "itcell";

export function sectionOf(role: AppointmentRole): Section {
  return permissionFor(role) === "enrollers.manage" ? "enrollers" : "itcell";
}

/** URL segments of the post pages: /enrollers/chief-enroller/block/17, /it-cell/member/booth/049-123. */
export const ROLE_SLUGS: Record<Section, Record<string, AppointmentRole>> = {
  enrollers: { "chief-enroller": "chief_enroller", enroller: "enroller" },
  itcell: { president: "it_president", member: "it_member" },
};

export function roleSlug(role: AppointmentRole): string {
  for (const slugs of Object.values(ROLE_SLUGS)) {
    for (const [slug, r] of Object.entries(slugs)) if (r === role) return slug;
  }
  return role;
}

export function sectionPath(section: Section): string {
  return section === "enrollers" ? "/enrollers" : "/it-cell";
}

/** Where a post's page is; `unitKey` is the booth code, block id, district slug, or PC/AC number. */
export function postPath(role: AppointmentRole, level: UnitLevel, unitKey: string): string {
  return `${sectionPath(sectionOf(role))}/${roleSlug(role)}/${level}/${encodeURIComponent(unitKey)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Workers' details as people type them

export const NAME_MAX = 100;

/** Names are kept as typed, with runs of spaces collapsed; null when empty or too long. */
export function normalizeName(raw: string): string | null {
  const s = raw.normalize("NFC").trim().replace(/\s+/g, " ");
  return s.length === 0 || s.length > NAME_MAX ? null : s;
}

/** Two spellings of one name (case and spacing aside). */
export function sameName(a: string, b: string): boolean {
  const key = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
  return key(a) === key(b);
}

export const REASON_MAX = 200;
