import { describe, expect, it } from "vitest";
import { boothSearchText } from "@/lib/geo/booth-search";

describe("boothSearchText", () => {
  it("reads booth searches as people type them", () => {
    expect(boothSearchText(" 49-12 ")).toBe("049-12");
    expect(boothSearchText("049-")).toBe("049-");
    expect(boothSearchText("school%_")).toBe("school");
    expect(boothSearchText("  ")).toBeUndefined();
    expect(boothSearchText(undefined)).toBeUndefined();
  });
});
