import { describe, expect, it } from "vitest";
import { illFormedField, isWellFormedText } from "@/lib/validation/text";

describe("isWellFormedText", () => {
  it("accepts Devanagari, emoji pairs, tabs and line ends", () => {
    expect(isWellFormedText("सुनीता ध्रुव")).toBe(true);
    expect(isWellFormedText("Ramesh 🙏\tline\r\nnext")).toBe(true);
  });
  it("refuses lone surrogates, NUL and other controls", () => {
    expect(isWellFormedText("a\uD800b")).toBe(false);
    expect(isWellFormedText("a\uDC00")).toBe(false);
    expect(isWellFormedText("\uDC00\uD800")).toBe(false);
    expect(isWellFormedText("a\u0000b")).toBe(false);
    expect(isWellFormedText("bell\u0007")).toBe(false);
  });
  it("names the first bad field", () => {
    expect(illFormedField({ name: "ok", address: "x\u0000" })).toBe("address");
    expect(illFormedField({ name: "ok", tags: ["a", "\uD83D"] })).toBe("tags");
    expect(illFormedField({ name: "ok", age: 3 })).toBeNull();
  });
});
