import { describe, expect, it } from "vitest";
import { setTargetSchema, TARGET_MAX } from "@/lib/targets/schema";

const parse = (members: unknown, level: unknown = "block", unitId: unknown = "12") => setTargetSchema.safeParse({ level, unitId, members });
const error = (members: unknown) => {
  const r = parse(members);
  return r.success ? null : r.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
};

describe("the target form", () => {
  it("takes whole positive numbers, also typed with separators", () => {
    expect(parse("1500").data).toEqual({ level: "block", unitId: 12, members: 1500 });
    expect(parse(" 12,500 ").data?.members).toBe(12_500);
    expect(parse("1,00,000").data?.members).toBe(100_000);
    expect(parse(String(TARGET_MAX)).success).toBe(true);
  });
  it("refuses anything else with one clear message for the field", () => {
    expect(error("")).toEqual(["members:progress.targets.errRequired"]);
    expect(error("12.5")).toEqual(["members:progress.targets.errWhole"]);
    expect(error("-3")).toEqual(["members:progress.targets.errWhole"]);
    expect(error("abc")).toEqual(["members:progress.targets.errWhole"]);
    expect(error("0")).toEqual(["members:progress.targets.errPositive"]);
    expect(error(String(TARGET_MAX + 1))).toEqual(["members:progress.targets.errTooLarge"]);
    expect(error(undefined)).toEqual(["members:progress.targets.errRequired"]);
  });
  it("refuses an unknown level or unit", () => {
    expect(parse("10", "village").success).toBe(false);
    expect(parse("10", "block", "x").success).toBe(false);
    expect(parse("10", "block", "-1").success).toBe(false);
  });
});
