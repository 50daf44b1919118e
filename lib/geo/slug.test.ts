import { describe, expect, it } from "vitest";
import { boothCode, districtSlug } from "@/lib/geo/slug";

describe("slugs and codes", () => {
  it("districtSlug", () => {
    expect(districtSlug("Baloda Bazar")).toBe("baloda-bazar");
    expect(districtSlug("Janjgir-Champa")).toBe("janjgir-champa");
    expect(districtSlug("  Manendragarh-Chirmiri-Bharatpur ")).toBe("manendragarh-chirmiri-bharatpur");
    expect(districtSlug("Gaurela - Pendra / Marwahi")).toBe("gaurela-pendra-marwahi");
    expect(districtSlug("baloda-bazar")).toBe("baloda-bazar");
    expect(districtSlug("रायपुर")).toBe("");
  });

  it("boothCode", () => {
    expect(boothCode(49, 123)).toBe("049-123");
    expect(boothCode(1, 7)).toBe("001-007");
    expect(boothCode(90, 1234)).toBe("090-1234");
    expect(() => boothCode(1, 0)).toThrow(RangeError);
    expect(() => boothCode(1, 10000)).toThrow(RangeError);
    expect(() => boothCode(1000, 1)).toThrow(RangeError);
  });
});
