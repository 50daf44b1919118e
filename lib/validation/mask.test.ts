import { describe, expect, it } from "vitest";
import { maskEpic, maskMembershipNo, maskName, maskPhone } from "@/lib/validation/mask";

describe("masking", () => {
  it("masks EPIC and phone as the lists show them", () => {
    expect(maskEpic("ABC1234567")).toBe("ABC•••4567");
    expect(maskPhone("9876543210")).toBe("98•••••210");
    expect(maskEpic("AB12")).toBe("••••");
  });
  it("masks membership numbers but keeps the state and year", () => {
    expect(maskMembershipNo("CG26-0004711")).toBe("CG26-••••711");
  });
  it("keeps the first letter of each word, whole graphemes in Devanagari", () => {
    expect(maskName("Ramesh Sahu")).toBe("R••• S•••");
    expect(maskName("सुनीता  साहू")).toBe("सु••• सा•••");
  });
});
