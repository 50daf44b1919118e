import { describe, expect, it } from "vitest";
import { navItemsFor } from "@/components/shell/nav";
import type { UserRole } from "@/db/schema";

const hrefs = (role: UserRole, level: "state" | "pc" | "ac" | "district") => navItemsFor({ role, scope: { level } }).map((i) => i.href);

describe("the menu shows only what a role can open", () => {
  it("a district president has no Lok Sabha seats (their role has no seat level), but their own pages", () => {
    const menu = hrefs("district_president", "district");
    expect(menu).not.toContain("/lok-sabha");
    expect(menu).toEqual(expect.arrayContaining(["/", "/assembly", "/districts", "/coverage", "/members", "/targets", "/quality"]));
    expect(menu).not.toContain("/admin/users");
    expect(menu).not.toContain("/audit");
  });

  it("Lok Sabha seats are listed for a state or seat scope, not for an IT head of an assembly seat or a district", () => {
    expect(hrefs("leadership", "state")).toContain("/lok-sabha");
    expect(hrefs("it_head", "state")).toContain("/lok-sabha");
    expect(hrefs("it_head", "pc")).toContain("/lok-sabha");
    expect(hrefs("it_head", "ac")).not.toContain("/lok-sabha");
    expect(hrefs("it_head", "district")).not.toContain("/lok-sabha");
  });

  it("each role's menu, in full", () => {
    expect(hrefs("admin", "state")).toEqual(["/", "/lok-sabha", "/assembly", "/districts", "/coverage", "/admin/users", "/audit"]);
    expect(hrefs("it_head", "state")).toEqual(["/", "/lok-sabha", "/assembly", "/districts", "/coverage", "/it-cell"]);
    expect(hrefs("district_president", "district")).toEqual([
      "/",
      "/assembly",
      "/districts",
      "/coverage",
      "/enrollers",
      "/members",
      "/members/import",
      "/members/tokens",
      "/quality",
      "/targets",
    ]);
  });
});
