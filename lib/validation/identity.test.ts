import { describe, expect, it } from "vitest";
import { normaliseEpic, parseEpic, parsePhone } from "@/lib/validation/identity";

describe("parseEpic", () => {
  it("accepts both formats on every card, normalised", () => {
    expect(parseEpic(" abc1234567 ")).toBe("ABC1234567");
    expect(parseEpic("ＡＢＣ１２３４５６７")).toBe("ABC1234567");
    expect(parseEpic("cg/12/123/123456")).toBe("CG/12/123/123456");
  });
  it("refuses what is neither", () => {
    for (const bad of ["AB1234567", "ABC123456", "ABCD123456", "1234567890", "ABC12345678", "CG/1/123/1", ""]) expect(parseEpic(bad), bad).toBeNull();
    expect(normaliseEpic("a b c")).toBe("ABC");
  });
});

describe("parsePhone", () => {
  it.each([
    ["9876543210", "9876543210"],
    ["+91 98765 43210", "9876543210"],
    ["0091-9876543210", "9876543210"],
    ["919876543210", "9876543210"],
    ["09876543210", "9876543210"],
    ["(98765) 43210", "9876543210"],
  ])("accepts %s", (raw, phone) => expect(parsePhone(raw)).toBe(phone));
  it.each(["5876543210", "98765", "98765432101", "abcdefghij", ""])("refuses %s", (raw) => expect(parsePhone(raw)).toBeNull());
});
