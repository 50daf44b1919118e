import { describe, expect, it } from "vitest";
import { USER_ROLES, type UserRole } from "@/db/schema";
import { can, PERMISSIONS, type Action } from "@/lib/auth/permissions";
import { GEO_LEVELS, type GeoLevel } from "@/lib/geo/levels";

/**
 * The permissions table itself, written out: every role × action × level. A change to lib/auth/permissions.ts
 * (an action added, a level granted or taken away) fails here until this matrix says the same, so the change
 * is made on purpose. Columns follow GEO_LEVELS: state, pc, ac, district, block, booth; `x` = allowed.
 * Derived from DESIGN.md (the roles and what each may do) and the table as it stands.
 */
//                                   state pc ac district block booth
const EXPECTED: Record<Action, Record<UserRole, string>> = {
  "progress.view": {
    leadership: "x x x x x x",
    district_president: ". . x x x x",
    it_head: "x x x x x x",
    admin: "x x x x x x",
  },
  "composition.view": {
    leadership: "x x x x x x",
    district_president: ". . . . . .",
    it_head: ". . . . . .",
    admin: ". . . . . .",
  },
  "targets.set": {
    leadership: "x x x x . .",
    district_president: ". . . . x x",
    it_head: ". . . . . .",
    admin: ". . . . . .",
  },
  "enrollers.manage": {
    leadership: ". . . x x x",
    district_president: ". . . x x x",
    it_head: ". . . . . .",
    admin: ". . . . . .",
  },
  "trainings.manage": {
    leadership: "x . . x x .",
    district_president: ". . . x x .",
    it_head: ". . . . . .",
    admin: ". . . . . .",
  },
  "itcell.manage": {
    leadership: ". x x x x x",
    district_president: ". . . . . .",
    it_head: ". x x x x x",
    admin: ". . . . . .",
  },
  "coverage.view": {
    leadership: "x x x x x x",
    district_president: ". . . x x x",
    it_head: "x x x x x x",
    admin: "x x x x x x",
  },
  "members.view": {
    leadership: "x x x x x x",
    district_president: ". . . x x x",
    it_head: ". . . . . .",
    admin: ". . . . . .",
  },
  "members.create": {
    leadership: ". . . . . x",
    district_president: ". . . . . x",
    it_head: ". . . . . .",
    admin: ". . . . . .",
  },
  "members.reveal": {
    leadership: ". . . . . x",
    district_president: ". . . . . x",
    it_head: ". . . . . .",
    admin: ". . . . . .",
  },
  "members.export": {
    leadership: "x x x x . .",
    district_president: ". . . . . .",
    it_head: ". . . . . .",
    admin: ". . . . . .",
  },
  "members.erase": {
    leadership: ". . . . . x",
    district_president: ". . . . . x",
    it_head: ". . . . . .",
    admin: ". . . . . .",
  },
  "quality.view": {
    leadership: "x x x x x x",
    district_president: ". . . x x x",
    it_head: ". . . . . .",
    admin: ". . . . . .",
  },
  "quality.decide": {
    leadership: ". . . . . x",
    district_president: ". . . . . x",
    it_head: ". . . . . .",
    admin: ". . . . . .",
  },
  "quality.restore": {
    leadership: ". . . . . x",
    district_president: ". . . . . .",
    it_head: ". . . . . .",
    admin: ". . . . . .",
  },
  "tokens.manage": {
    leadership: ". . . x x x",
    district_president: ". . . x x x",
    it_head: ". . . . . .",
    admin: ". . . . . .",
  },
  "exports.download": {
    leadership: "x x x x x x",
    district_president: ". . . x x x",
    it_head: "x x x x x x",
    admin: "x x x x x x",
  },
  "users.manage": {
    leadership: ". . . . . .",
    district_president: ". . . . . .",
    it_head: ". . . . . .",
    admin: "x . . . . .",
  },
  "boundaries.import": {
    leadership: ". . . . . .",
    district_president: ". . . . . .",
    it_head: ". . . . . .",
    admin: "x . . . . .",
  },
  "audit.view": {
    leadership: "x . . . . .",
    district_president: ". . . . . .",
    it_head: ". . . . . .",
    admin: "x . . . . .",
  },
};

function allowed(row: string): GeoLevel[] {
  const cells = row.split(" ");
  expect(cells).toHaveLength(GEO_LEVELS.length);
  return GEO_LEVELS.filter((_, i) => cells[i] === "x");
}

describe("the permissions table", () => {
  it("has exactly the actions of the expected matrix", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("knows the four roles and the six levels", () => {
    expect([...USER_ROLES]).toEqual(["leadership", "district_president", "it_head", "admin"]);
    expect([...GEO_LEVELS]).toEqual(["state", "pc", "ac", "district", "block", "booth"]);
  });

  const cases = (Object.keys(EXPECTED) as Action[]).flatMap((action) => USER_ROLES.map((role) => [action, role] as const));

  it.each(cases)("%s for %s: exactly the expected levels", (action, role) => {
    const expected = allowed(EXPECTED[action][role]);
    const granted = GEO_LEVELS.filter((level) => can({ role }, action, level));
    expect(granted).toEqual(expected);
    // Without a level: may the role do it anywhere at all.
    expect(can({ role }, action)).toBe(expected.length > 0);
  });

  it("lists no level twice and no role outside USER_ROLES", () => {
    for (const [action, byRole] of Object.entries(PERMISSIONS)) {
      for (const [role, levels] of Object.entries(byRole)) {
        expect(USER_ROLES, `${action}: ${role}`).toContain(role);
        expect(new Set(levels).size, `${action}: ${role}`).toBe(levels.length);
      }
    }
  });
});
