import { describe, expect, it } from "vitest";
import { likeEscape, parseMemberQuery } from "@/lib/members/query";

describe("parseMemberQuery", () => {
  it.each([
    ["", { kind: "all" }],
    ["   ", { kind: "all" }],
    ["CG26-0004711", { kind: "membershipNo", value: "CG26-0004711" }],
    [" cg26-0004711 ", { kind: "membershipNo", value: "CG26-0004711" }],
    ["4711", { kind: "sequence", value: "0004711" }],
    ["0004711", { kind: "sequence", value: "0004711" }],
    ["9876543210", { kind: "phone", value: "9876543210" }],
    ["+91 98765 43210", { kind: "phone", value: "9876543210" }],
    ["abc1234567", { kind: "epic", value: "ABC1234567" }],
    ["CG/12/123/123456", { kind: "epic", value: "CG/12/123/123456" }],
    ["049-123", { kind: "booth", code: "049-123" }],
    ["Ramesh", { kind: "name", value: "Ramesh" }],
    ["रमेश  साहू", { kind: "name", value: "रमेश साहू" }],
    ["कि", { kind: "tooShort" }],
    ["R", { kind: "tooShort" }],
  ])("%j", (q, expected) => {
    expect(parseMemberQuery(q)).toEqual(expected);
  });

  it("treats LIKE wildcards in names literally", () => {
    expect(likeEscape("50%_a\\b")).toBe("50\\%\\_a\\\\b");
  });
});
