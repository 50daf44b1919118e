import { describe, expect, it } from "vitest";
import { translator, type MessageKey } from "@/lib/i18n";
import { normalizeBoothCode, normalizeRole } from "@/lib/appointments/import";
import { parseEpic, parsePhone } from "@/lib/validation/identity";
import { ENROLLERS_PER_BOOTH, holderLimit, normalizeName, postPath, postRule, sameName } from "@/lib/appointments/posts";
import { appointSchema, endSchema, replaceSchema } from "@/lib/appointments/schema";

const t = translator("en");
/** The schemas report catalog keys; defineAction translates them, as `say` does here. */
const say = (issue: { message: string }, tr = t) => tr(issue.message as MessageKey);

describe("Indian mobile numbers", () => {
  it.each([
    ["9876543210", "9876543210"],
    ["+91 98765 43210", "9876543210"],
    ["+919876543210", "9876543210"],
    ["09876543210", "9876543210"],
    ["919876543210", "9876543210"],
    ["0091-98765-43210", "9876543210"],
    ["(987) 654-3210", "9876543210"],
    ["6000000000", "6000000000"],
  ])("accepts %s", (raw, phone) => expect(parsePhone(raw)).toBe(phone));
  it.each(["", "5876543210", "987654321", "98765432101", "+1 9876543210", "98765x3210", "0000000000", "+91 5876543210"])("refuses %s", (raw) =>
    expect(parsePhone(raw)).toBeNull(),
  );
});

describe("EPIC numbers and names", () => {
  it("upper-cases EPICs and refuses other shapes", () => {
    expect(parseEpic(" abc1234567 ")).toBe("ABC1234567");
    for (const bad of ["AB1234567", "ABC123456", "ABCD123456", "1234567890", "ABC12345678"]) expect(parseEpic(bad)).toBeNull();
  });
  it("accepts for a worker every voter card membership accepts, the older state format too", () => {
    expect(parseEpic("cg/12/123/123456")).toBe("CG/12/123/123456");
  });
  it("collapses spaces in names and compares them loosely", () => {
    expect(normalizeName("  राम   कुमार ")).toBe("राम कुमार");
    expect(normalizeName("   ")).toBeNull();
    expect(normalizeName("x".repeat(101))).toBeNull();
    expect(sameName("Sita  Sahu", "sita sahu")).toBe(true);
    expect(sameName("Sita Sahu", "Gita Sahu")).toBe(false);
  });
});

describe("posts", () => {
  it("knows which role is held at which level, and how many at once", () => {
    expect(postRule("enroller", "booth")).toMatchObject({ single: false });
    expect(holderLimit(postRule("enroller", "booth")!)).toBe(ENROLLERS_PER_BOOTH);
    expect(holderLimit(postRule("it_member", "booth")!)).toBe(1);
    expect(postRule("it_member", "block")!.single).toBe(false);
    expect(postRule("chief_enroller", "booth")).toBeNull();
    expect(postRule("it_president", "block")).toBeNull();
  });
  it("builds post page paths", () => {
    expect(postPath("chief_enroller", "block", "17")).toBe("/enrollers/chief-enroller/block/17");
    expect(postPath("it_member", "booth", "049-123")).toBe("/it-cell/member/booth/049-123");
    expect(postPath("it_president", "pc", "4")).toBe("/it-cell/president/pc/4");
  });
  it("reads booth codes and role spellings of import files", () => {
    expect(normalizeBoothCode("49-123")).toBe("049-123");
    expect(normalizeBoothCode("049-1234")).toBe("049-1234");
    expect(normalizeBoothCode("49/123")).toBeNull();
    expect(normalizeBoothCode("049-0")).toBeNull();
    expect(normalizeRole("Chief Enroller")).toBe("chief_enroller");
    expect(normalizeRole("it-member")).toBe("it_member");
    expect(normalizeRole("member")).toBeNull();
  });
});

describe("appointment forms", () => {
  const base = { role: "enroller", level: "booth", unitId: "42" };
  it("turns a new worker's fields into a typed input", () => {
    const r = appointSchema.safeParse({ ...base, mode: "new", name: " Asha ", phone: "+91 98765 43210", epic: "abc1234567" });
    expect(r.success && r.data).toEqual({ role: "enroller", level: "booth", unitId: 42, worker: { name: "Asha", phone: "9876543210", epic: "ABC1234567" } });
  });
  it("puts each problem next to its field", () => {
    const r = appointSchema.safeParse({ ...base, mode: "new", name: "", phone: "12345", epic: "X1" });
    expect(r.success).toBe(false);
    const errors = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), say(i)]));
    expect(errors).toEqual({
      name: "Enter the worker's name (up to 100 characters).",
      phone: "Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9.",
      epic: "An EPIC number is three letters and seven digits, e.g. ABC1234567.",
    });
    const missing = appointSchema.safeParse({ ...base, mode: "existing", workerId: "" });
    expect(missing.error!.issues[0]).toMatchObject({ path: ["workerId"] });
    expect(appointSchema.safeParse({ ...base, role: "mayor", mode: "existing", workerId: "3" }).success).toBe(false);
  });
  it("requires a reason to replace or end", () => {
    expect(say(endSchema.safeParse({ appointmentId: "5", reason: "  " }).error!.issues[0]!)).toBe("Give a reason.");
    const r = replaceSchema.safeParse({ appointmentId: "5", reason: "Moved", mode: "existing", workerId: "9" });
    expect(r.success && r.data).toEqual({ appointmentId: 5, reason: "Moved", worker: { workerId: 9 } });
  });
  it("speaks Hindi to Hindi readers", () => {
    const r = appointSchema.safeParse({ ...base, mode: "new", name: "राम", phone: "1", epic: "" });
    expect(say(r.error!.issues[0]!, translator("hi"))).toMatch(/[\u0900-\u097F]/);
  });
});

describe("appointing a worker with the voter card they joined with", () => {
  it("accepts the older state format that membership accepts (the two normalisers used to disagree)", async () => {
    const { appointSchema } = await import("@/lib/appointments/schema");
    const base = { role: "enroller", level: "booth", unitId: "7", mode: "new", workerId: "", name: "Sunita Dhruv", phone: "9876543210" };
    const older = appointSchema.safeParse({ ...base, epic: "cg/12/123/123456" });
    expect(older.success && "epic" in older.data.worker ? older.data.worker.epic : null).toBe("CG/12/123/123456");
    expect(appointSchema.safeParse({ ...base, epic: "CG-12" }).success).toBe(false);
  });
});
